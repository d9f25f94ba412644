// "Load public data": a data manager or trust admin picks the files they
// downloaded (Ofsted's management information, DfE KS2/KS4 results, absence,
// exclusions, GIAS establishments and links) and loads them one after the
// other, watching each file's progress; each file's report says what it was
// and what it did. Load GIAS first: it builds the roster the others match.
import { useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
} from "@fluentui/react-components";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import {
  reportSummary,
  uploadPublicFile,
  type LoadProgress,
  type PublicLoadReport,
} from "./upload-public-file.js";

interface FileOutcome {
  readonly name: string;
  readonly report: PublicLoadReport | null;
  readonly error: string | null;
}

function progressWords(name: string, progress: LoadProgress): string {
  if (progress.stage === "sending")
    return `Sending ${name}: ${Math.round(progress.fraction * 100)}%`;
  return `Reading ${name}: ${progress.rows.toLocaleString("en-GB")} rows${progress.fraction === null ? "" : ` (${Math.round(progress.fraction * 100)}%)`}`;
}

/** Orders the files so GIAS establishments, then links, load before the files they match. */
export function loadOrder<T extends { readonly name: string }>(files: readonly T[]): T[] {
  const rank = (name: string) =>
    /^links_/i.test(name) ? 1 : /edubase|establishment/i.test(name) ? 0 : 2;
  return [...files].sort((a, b) => rank(a.name) - rank(b.name));
}

export function PublicDataPanel() {
  const layout = usePanelLayout();
  const session = useSession();
  const [files, setFiles] = useState<File[]>([]);
  const [year, setYear] = useState("");
  const [current, setCurrent] = useState<{ name: string; progress: LoadProgress } | null>(null);
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const allowed = session.can("recordEvidence");

  const [load, loadState] = useAction(async () => {
    const connection = session.connection;
    if (!connection?.token) throw new Error("Connect first (the Connect tab).");
    setOutcomes([]);
    for (const file of loadOrder(files)) {
      setCurrent({ name: file.name, progress: { stage: "sending", fraction: 0 } });
      try {
        const report = await uploadPublicFile(
          { serverUrl: connection.serverUrl, token: connection.token },
          file,
          { year: year.trim() || null },
          (progress) => setCurrent({ name: file.name, progress }),
        );
        setOutcomes((previous) => [...previous, { name: file.name, report, error: null }]);
      } catch (error) {
        setOutcomes((previous) => [
          ...previous,
          {
            name: file.name,
            report: null,
            error: error instanceof Error ? error.message : String(error),
          },
        ]);
      }
    }
    setCurrent(null);
  });

  if (session.status !== "connected")
    return (
      <div className={layout.panel}>
        <Text>Connect first (the Connect tab) to load public data.</Text>
      </div>
    );

  return (
    <div className={layout.panel}>
      <section className={layout.section} aria-labelledby="public-data-heading">
        <h2 id="public-data-heading" className={layout.heading}>
          Load public data
        </h2>
        <Text size={200} className={layout.muted}>
          Ofsted&apos;s monthly inspection outcomes, DfE KS2 and KS4 results, absence, suspensions
          and exclusions, and GIAS (establishments and links), as downloaded (CSV). Only your
          trust&apos;s academies are read; GIAS adds or updates them by your trust&apos;s UID.
        </Text>
        {!allowed ? (
          <Text>Only a trust admin or data manager loads public data.</Text>
        ) : (
          <>
            <Field label="Files" hint="Choose one or more CSV files; GIAS loads first.">
              <input
                type="file"
                multiple
                accept=".csv,text/csv"
                aria-label="Files"
                onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
                style={{ maxWidth: "100%" }}
              />
            </Field>
            <Field
              label="Year of an older DfE file"
              hint="Only for the wide KS2/KS4 files (to 2023/24), e.g. 2022/23."
            >
              <Input
                value={year}
                onChange={(_, data) => setYear(data.value)}
                aria-label="Year of an older DfE file"
              />
            </Field>
            <div className={layout.actions}>
              <Button
                appearance="primary"
                disabled={files.length === 0 || loadState.busy}
                onClick={() => void load()}
              >
                {files.length > 1 ? `Load ${files.length} files` : "Load"}
              </Button>
            </div>
          </>
        )}
        {current ? (
          <Field
            validationMessage={progressWords(current.name, current.progress)}
            validationState="none"
          >
            <ProgressBar
              aria-label={`Loading ${current.name}`}
              value={
                current.progress.stage === "sending"
                  ? current.progress.fraction
                  : (current.progress.fraction ?? undefined)
              }
            />
          </Field>
        ) : null}
        <FailureMessage title="Could not load" error={loadState.error} />
        {outcomes.length > 0 ? (
          <ul
            className={layout.list}
            style={{ listStyle: "none", paddingLeft: 0 }}
            aria-label="What each file loaded"
          >
            {outcomes.map((outcome) => (
              <li key={outcome.name}>
                {outcome.report ? (
                  <MessageBar intent="success" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{outcome.name}</MessageBarTitle>
                      {reportSummary(outcome.report)}
                      {outcome.report.notes.map((note) => (
                        <div key={note}>{note}</div>
                      ))}
                    </MessageBarBody>
                  </MessageBar>
                ) : (
                  <MessageBar intent="error" layout="multiline">
                    <MessageBarBody>
                      <MessageBarTitle>{outcome.name}</MessageBarTitle>
                      <span style={{ wordBreak: "break-word" }}>{outcome.error}</span>
                    </MessageBarBody>
                  </MessageBar>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
