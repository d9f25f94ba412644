// Connect: the server's address and an access token (kept in Office's own
// storage on this computer, never in the workbook), the connection's status
// (trust, name and role from `me`) and signing out.
import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
} from "@fluentui/react-components";
import { defaultServerUrl } from "../../shared/connection.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { roleWords } from "../words.js";

export function ConnectPanel() {
  const layout = usePanelLayout();
  const session = useSession();
  const [serverUrl, setServerUrl] = useState(defaultServerUrl());
  const [token, setToken] = useState("");

  useEffect(() => {
    if (session.connection) setServerUrl(session.connection.serverUrl);
  }, [session.connection]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await session.connect(serverUrl, token)) setToken("");
  };

  if (session.status === "loading")
    return <Spinner size="small" label="Reading the saved connection" />;

  return (
    <div className={layout.panel}>
      <h2 className={layout.heading}>Connection</h2>
      {session.status === "connected" && session.viewer ? (
        <>
          <MessageBar intent="success" aria-live="polite">
            <MessageBarBody>
              <MessageBarTitle>Connected to {session.viewer.trustName}</MessageBarTitle>
              <div>
                Signed in as {session.viewer.name} ({roleWords(session.viewer.role)})
              </div>
            </MessageBarBody>
          </MessageBar>
          <Text size={200} className={layout.muted}>
            Server: {session.connection?.serverUrl}
          </Text>
          <div className={layout.actions}>
            <Button onClick={() => void session.signOut()}>Sign out</Button>
          </div>
        </>
      ) : (
        <form className={layout.section} onSubmit={(event) => void submit(event)}>
          {session.status === "failed" && session.error ? (
            <MessageBar intent="error">
              <MessageBarBody>
                <MessageBarTitle>Not connected</MessageBarTitle>
                {session.error}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {session.status === "signed-out" && session.error ? (
            <MessageBar intent="error">
              <MessageBarBody>{session.error}</MessageBarBody>
            </MessageBar>
          ) : null}
          <Field label="Server URL" required>
            <Input
              type="url"
              value={serverUrl}
              onChange={(_, data) => setServerUrl(data.value)}
              autoComplete="url"
            />
          </Field>
          <Field
            label="Access token"
            required
            hint="From your trust administrator. Kept in Office's storage on this computer, never in the workbook."
          >
            <Input
              type="password"
              value={token}
              onChange={(_, data) => setToken(data.value)}
              autoComplete="off"
            />
          </Field>
          <div className={layout.actions}>
            <Button
              appearance="primary"
              type="submit"
              disabled={session.status === "checking" || token.trim() === ""}
            >
              Connect
            </Button>
            {session.status === "failed" ? (
              <Button onClick={() => void session.retry()}>Try the saved token again</Button>
            ) : null}
            {session.status === "failed" ? (
              <Button onClick={() => void session.signOut()}>Forget the saved token</Button>
            ) : null}
            {session.status === "checking" ? <Spinner size="tiny" label="Checking" /> : null}
          </div>
        </form>
      )}
    </div>
  );
}
