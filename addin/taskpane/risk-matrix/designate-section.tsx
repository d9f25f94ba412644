// "Designate": the rows designated on the server under the chosen framework,
// the level and reasons written into two columns beside the matrix in one
// Excel batch, and a count of each outcome.
import { useState } from "react";
import { Button, Spinner, Text } from "@fluentui/react-components";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import { readTableByName } from "../excel/read-range.js";
import { withWorkbook } from "../excel/run-excel.js";
import type { SheetTable } from "../excel/sheet-table.js";
import {
  describePlacement,
  placeDesignations,
  writeDesignations,
} from "../excel/write-designations.js";
import { evidenceRows, type ColumnMapping } from "./column-map.js";
import { designateRows, designationCell, designationCounts } from "./designate-rows.js";

interface Written {
  readonly rows: number;
  readonly where: string;
  readonly counts: [string, number][];
}

export function DesignateSection({
  table,
  mapping,
  framework,
  year,
  onWritten,
}: {
  readonly table: SheetTable;
  readonly mapping: readonly ColumnMapping[];
  readonly framework: string;
  readonly year: string;
  /** Called after writing, so the panel can read the matrix again (a table has grown). */
  readonly onWritten: () => void;
}) {
  const layout = usePanelLayout();
  const { client } = useSession();
  const [written, setWritten] = useState<Written | null>(null);
  const [designate, state] = useAction(async () => {
    setWritten(null);
    // Blank rows between academies are not academies: nothing is sent or written for them.
    const blank = table.rows.map((row) =>
      row.every((cell) => cell === null || cell === undefined || String(cell).trim() === ""),
    );
    const rows = evidenceRows(table, mapping).filter((_, index) => !blank[index]);
    const results = await designateRows(client, framework, year, rows);
    let next = 0;
    const cells = blank.map((isBlank) =>
      isBlank
        ? { label: "", reasons: "", tone: "none" as const }
        : designationCell(results[next++]!),
    );
    const where = await withWorkbook(async (context) => {
      const current = table.tableName ? await readTableByName(context, table.tableName) : table;
      const placement = await placeDesignations(context, current, framework);
      await writeDesignations(context, placement, framework, cells);
      return describePlacement(placement, cells.length);
    });
    setWritten({
      rows: results.length,
      where,
      counts: designationCounts(cells.filter((_, index) => !blank[index])),
    });
    onWritten();
  });

  return (
    <div className={layout.section}>
      <div className={layout.actions}>
        <Button appearance="primary" onClick={() => void designate()} disabled={state.busy}>
          Designate
        </Button>
        {state.busy ? <Spinner size="tiny" label="Designating" /> : null}
      </div>
      <FailureMessage title="Could not designate" error={state.error} />
      {written ? (
        <div role="status" aria-label="Designation summary">
          <Text size={200}>
            {written.rows} rows designated under {framework}, written into {written.where}:
          </Text>
          <ul className={layout.list}>
            {written.counts.map(([label, count]) => (
              <li key={label}>
                <Text size={200}>
                  {label}: {count}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
