// The buttons that open a board paper to print: the academy card on show and
// the trust overview for the same year.
import { Button } from "@fluentui/react-components";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { academyCardPaperPath, openPaper, overviewPaperPath } from "./open-paper.js";

export function BoardPaperButtons({ urn, year }: { readonly urn: string; readonly year: string }) {
  const layout = usePanelLayout();
  const { connection } = useSession();
  const [open, state] = useAction(async (paper: string) => {
    if (!connection?.token) throw new Error("Connect to the server first (the Connect tab).");
    await openPaper({ serverUrl: connection.serverUrl, token: connection.token }, paper);
  });
  return (
    <>
      <div className={layout.actions}>
        <Button onClick={() => void open(academyCardPaperPath(urn, year))} disabled={state.busy}>
          Print card (board paper)
        </Button>
        <Button onClick={() => void open(overviewPaperPath(year))} disabled={state.busy}>
          Trust overview paper
        </Button>
      </div>
      <FailureMessage title="Could not open the paper" error={state.error} />
    </>
  );
}
