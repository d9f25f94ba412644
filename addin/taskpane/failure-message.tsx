// A failed action, shown where it happened, in the server's or Excel's words.
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export function FailureMessage({
  title,
  error,
}: {
  readonly title: string;
  readonly error: string | null;
}) {
  if (!error) return null;
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        <span style={{ whiteSpace: "pre-line" }}>{error}</span>
      </MessageBarBody>
    </MessageBar>
  );
}
