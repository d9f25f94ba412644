// "Save to server": the rows recorded as evidence for a year and term. Every
// row is checked first and problems are listed by row; the good rows go in
// chunks with a progress bar, and what the server refused is listed by row.
import { useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Select,
  Text,
} from "@fluentui/react-components";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import type { SheetTable } from "../excel/sheet-table.js";
import type { ColumnMapping } from "./column-map.js";
import {
  checkEvidenceRows,
  saveEvidenceRows,
  type CheckedRows,
  type RowError,
  type SaveOutcome,
} from "./evidence-upload.js";
import { TERMS, calendarPosition } from "../../../server/shared/index.js";
import { periodWords, roleWords } from "../words.js";

const SHOWN_ERRORS = 50;

function RowErrors({ errors }: { readonly errors: readonly RowError[] }) {
  const layout = usePanelLayout();
  return (
    <ul className={layout.list} aria-label="Problems by row">
      {errors.slice(0, SHOWN_ERRORS).map((error) => (
        <li key={error.sheetRow}>
          <Text size={200}>
            <strong>
              Row {error.sheetRow}
              {error.urn ? ` (URN ${error.urn})` : ""}:
            </strong>{" "}
            {error.messages.join(" ")}
          </Text>
        </li>
      ))}
      {errors.length > SHOWN_ERRORS ? (
        <li>
          <Text size={200}>and {errors.length - SHOWN_ERRORS} more rows.</Text>
        </li>
      ) : null}
    </ul>
  );
}

export function SaveEvidenceSection({
  table,
  mapping,
  framework,
  year,
}: {
  readonly table: SheetTable;
  readonly mapping: readonly ColumnMapping[];
  readonly framework: string;
  readonly year: string;
}) {
  const layout = usePanelLayout();
  const session = useSession();
  // The term today falls in on the England term dates the server uses (a holiday
  // belongs to the term before it); the user can pick another.
  const [term, setTerm] = useState<string>(
    () => calendarPosition(new Date().toISOString().slice(0, 10)).term,
  );
  const [checked, setChecked] = useState<CheckedRows | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);

  const save = async (rows: CheckedRows) => {
    setChecked(null);
    const result = await saveEvidenceRows(
      session.client,
      year,
      term,
      rows.ready,
      rows.versions,
      (done, total) => setProgress({ done, total }),
    );
    setOutcome({ saved: result.saved, errors: [...rows.errors, ...result.errors] });
  };

  const [start, state] = useAction(async () => {
    setOutcome(null);
    setProgress(null);
    setChecked(null);
    const rows = await checkEvidenceRows(session.client, table, mapping, framework, year, term);
    if (rows.errors.length > 0) setChecked(rows);
    else await save(rows);
  });
  const [saveReady, saveState] = useAction(async () => {
    if (checked) await save(checked);
  });
  const busy = state.busy || saveState.busy;

  if (!session.can("recordEvidence")) {
    return (
      <Text size={200} className={layout.muted}>
        Saving rows as evidence is for data managers and trust administrators; you are signed in as{" "}
        {session.viewer ? roleWords(session.viewer.role) : "nobody"}.
      </Text>
    );
  }

  return (
    <div className={layout.section}>
      <Field label="Term" hint={`Rows are saved as ${year} ${term} evidence.`}>
        <Select value={term} onChange={(_, data) => setTerm(data.value)} disabled={busy}>
          {TERMS.map((name) => (
            <option key={name} value={name}>
              {periodWords(name)}
            </option>
          ))}
        </Select>
      </Field>
      <div className={layout.actions}>
        <Button onClick={() => void start()} disabled={busy}>
          Save to server
        </Button>
      </div>
      {progress && busy ? (
        <Field label={`Saving rows: ${progress.done} of ${progress.total}`} validationState="none">
          <ProgressBar value={progress.total === 0 ? 1 : progress.done / progress.total} />
        </Field>
      ) : null}
      {state.busy && !progress ? <Text size={200}>Checking rows…</Text> : null}
      <FailureMessage title="Could not save" error={state.error ?? saveState.error} />
      {checked ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {checked.errors.length} {checked.errors.length === 1 ? "row has" : "rows have"}{" "}
              problems; nothing was saved
            </MessageBarTitle>
            <RowErrors errors={checked.errors} />
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {checked && checked.ready.length > 0 ? (
        <div className={layout.actions}>
          <Button onClick={() => void saveReady()} disabled={busy}>
            Save the {checked.ready.length} rows without problems
          </Button>
        </div>
      ) : null}
      {outcome ? (
        <MessageBar
          intent={outcome.errors.length === 0 ? "success" : "warning"}
          layout="multiline"
          role="status"
        >
          <MessageBarBody>
            <MessageBarTitle>
              Saved {outcome.saved} {outcome.saved === 1 ? "row" : "rows"} as {year} {term} evidence
            </MessageBarTitle>
            {outcome.errors.length > 0 ? (
              <>
                <div>{outcome.errors.length} not saved:</div>
                <RowErrors errors={outcome.errors} />
              </>
            ) : (
              <div>The server has recomputed each academy&apos;s designation.</div>
            )}
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
