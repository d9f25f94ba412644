// The risk-matrix panel: pick the matrix (the selection, or an Excel table),
// designate the rows into two new columns (the action first, not below the
// mapping), check how its columns map to indicators (collapsed once
// confirmed), and save the rows to the server as evidence.
import { useEffect, useMemo, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Select,
  Text,
} from "@fluentui/react-components";
import {
  COLUMN_MAP,
  FRAMEWORKS,
  SAVE_COLUMN_MAP,
  type ColumnMapEntry,
  type FrameworkSummary,
} from "../api/index.js";
import { FailureMessage } from "../failure-message.js";
import { usePanelLayout } from "../panel-layout.js";
import { useSession } from "../session/session-context.js";
import { useAction } from "../use-action.js";
import {
  listSheets,
  listTables,
  readSelectedTable,
  readSheetByName,
  readTableByName,
} from "../excel/read-range.js";
import { withWorkbook } from "../excel/run-excel.js";
import type { SheetTable } from "../excel/sheet-table.js";
import { isDesignationHeader } from "../excel/write-designations.js";
import { autoMapColumns, columnMapToSave, type ColumnMapping } from "./column-map.js";
import { ColumnMappingEditor } from "./column-mapping.js";
import { DesignateSection } from "./designate-section.js";
import { SaveEvidenceSection } from "./save-evidence-section.js";
import {
  headerResolver,
  type HeaderResolver,
  recentAcademicYears,
} from "../../../server/shared/index.js";

const DEFAULT_FRAMEWORK = "phase-model";

/** Keeps the user's choices for headers seen before; maps new headers as the server would. */
function remap(
  previous: readonly ColumnMapping[],
  headers: readonly string[],
  resolver: HeaderResolver,
): ColumnMapping[] {
  const chosen = new Map(previous.map((column) => [column.header, column.role]));
  return autoMapColumns(headers, resolver).map((column) => ({
    ...column,
    role: chosen.get(column.header) ?? column.role,
  }));
}

/** Rows that are not blank (a blank row between academies is not one). */
function academiesIn(table: SheetTable): number {
  return table.rows.filter((row) =>
    row.some((cell) => cell !== null && cell !== undefined && String(cell).trim() !== ""),
  ).length;
}

export function RiskMatrixPanel() {
  const layout = usePanelLayout();
  const session = useSession();
  const [table, setTable] = useState<SheetTable | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping[]>([]);
  const [tables, setTables] = useState<string[]>([]);
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheetName, setSheetName] = useState("");
  const [savedMap, setSavedMap] = useState<readonly ColumnMapEntry[]>([]);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  // The mapping opens for a matrix read afresh, unless the trust's saved map
  // covers every header (confirmed before); "Confirm mapping" collapses it.
  const [mappingOpen, setMappingOpen] = useState(true);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmedHeaders, setConfirmedHeaders] = useState<ReadonlySet<string>>(new Set());
  const [frameworks, setFrameworks] = useState<readonly FrameworkSummary[]>([]);
  const [framework, setFramework] = useState(DEFAULT_FRAMEWORK);
  const years = recentAcademicYears(new Date());
  const [year, setYear] = useState(years[0]!);

  // Headers as the server reads them: the trust's saved column map, then the
  // chosen framework's own aliases, then the catalogue.
  const resolver = useMemo(() => {
    const aliases = frameworks.find((option) => option.key === framework)?.aliases ?? [];
    return headerResolver(
      Object.fromEntries(aliases.map((alias) => [alias.header, alias.indicator])),
      savedMap,
    );
  }, [frameworks, framework, savedMap]);

  const show = (read: SheetTable, keepChoices: boolean) => {
    setTable(read);
    setSavedNote(null);
    // Headers confirmed here before (the same matrix read again, perhaps with
    // Designate's two columns added) keep their choices and stay collapsed.
    const again = read.headers.every(
      (header) => header === "" || isDesignationHeader(header) || confirmedHeaders.has(header),
    );
    if (!keepChoices) {
      const known =
        again ||
        read.headers.every(
          (header) =>
            header === "" ||
            isDesignationHeader(header) ||
            savedMap.some((entry) => entry.header === header),
        );
      setConfirmed(known);
      setMappingOpen(!known);
    }
    setMapping((previous) =>
      keepChoices || again
        ? remap(previous, read.headers, resolver)
        : autoMapColumns(read.headers, resolver),
    );
  };

  // A new framework or saved map reads the headers afresh.
  useEffect(() => {
    if (table) setMapping(autoMapColumns(table.headers, resolver));
  }, [resolver]);

  const [readSelection, selectionState] = useAction(async () => {
    setSheetName("");
    show(await withWorkbook((context) => readSelectedTable(context, resolver)), false);
  });
  const [readTable, tableState] = useAction(async (name: string) => {
    setSheetName("");
    show(await withWorkbook((context) => readTableByName(context, name, resolver)), false);
  });
  const [readSheet, sheetState] = useAction(async (name: string) => {
    setSheetName(name);
    show(await withWorkbook((context) => readSheetByName(context, name, resolver)), false);
  });
  const [reread] = useAction(async () => {
    if (!table) return;
    const name = table.tableName;
    if (name) show(await withWorkbook((context) => readTableByName(context, name, resolver)), true);
    else if (sheetName)
      show(await withWorkbook((context) => readSheetByName(context, sheetName, resolver)), true);
  });
  const [loadFrameworks, frameworksState] = useAction(async () => {
    const data = await session.client.request(FRAMEWORKS);
    setFrameworks(data.frameworks);
  });
  const [loadColumnMap] = useAction(async () => {
    const data = await session.client.request(COLUMN_MAP);
    setSavedMap(data.columnMap);
  });
  const [saveColumnMap, saveState] = useAction(async () => {
    const entries = columnMapToSave(savedMap, mapping);
    const data = await session.client.request(SAVE_COLUMN_MAP, { entries });
    setSavedMap(data.saveColumnMap);
    setSavedNote(`Saved for the trust: ${data.saveColumnMap.length} headers.`);
  });

  useEffect(() => {
    if (session.status !== "connected") return;
    void loadFrameworks();
    void loadColumnMap();
    void withWorkbook(listTables).then(setTables, () => setTables([]));
    void withWorkbook(listSheets).then(setSheets, () => setSheets([]));
  }, [session.status, session.client, loadFrameworks, loadColumnMap]);

  const usedColumns = mapping.filter(
    (column) => column.role.kind === "indicator" || column.role.kind === "urn",
  ).length;

  if (session.status !== "connected") {
    return (
      <div className={layout.panel}>
        <Text>Connect to the server first (the Connect tab).</Text>
      </div>
    );
  }

  return (
    <div className={layout.panel}>
      <section className={layout.section} aria-labelledby="matrix-source">
        <h2 className={layout.heading} id="matrix-source">
          Risk matrix
        </h2>
        <Text size={200} className={layout.muted}>
          Select the matrix with its header row (or one cell in it), or choose a table.
        </Text>
        <div className={layout.actions}>
          <Button appearance="primary" onClick={() => void readSelection()}>
            Use selection
          </Button>
        </div>
        {tables.length > 0 ? (
          <Field label="Or a table">
            <Select
              value={table?.tableName ?? ""}
              onChange={(_, data) => data.value && void readTable(data.value)}
            >
              <option value="">Choose a table…</option>
              {tables.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {sheets.length > 1 ? (
          <Field label="Or a sheet">
            <Select
              value={sheetName}
              onChange={(_, data) => data.value && void readSheet(data.value)}
            >
              <option value="">Choose a sheet…</option>
              {sheets.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <FailureMessage
          title="Could not read the workbook"
          error={selectionState.error ?? tableState.error ?? sheetState.error}
        />
        {table ? (
          <Text size={200} role="status" aria-label="Matrix in use">
            {table.tableName ? `Table ${table.tableName}, ` : ""}
            {table.address}: {academiesIn(table)} academies, {table.headers.length} columns
            {table.headingRows
              ? `; headers in row ${table.rowIndex + 1} (${table.headingRows} heading row${table.headingRows > 1 ? "s" : ""} above skipped)`
              : ""}
          </Text>
        ) : null}
      </section>

      {table ? (
        <>
          <section className={layout.section} aria-labelledby="matrix-designate">
            <h2 className={layout.heading} id="matrix-designate">
              Designate
            </h2>
            <div className={layout.section}>
              <Field label="Framework">
                <Select
                  className={layout.fill}
                  value={framework}
                  onChange={(_, data) => setFramework(data.value)}
                >
                  {(frameworks.length > 0 ? frameworks : [{ key: framework, name: framework }]).map(
                    (option) => (
                      <option key={option.key} value={option.key}>
                        {option.name}
                      </option>
                    ),
                  )}
                </Select>
              </Field>
              <Field label="Year">
                <Select value={year} onChange={(_, data) => setYear(data.value)}>
                  {years.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <FailureMessage title="Could not load the frameworks" error={frameworksState.error} />
            <DesignateSection
              table={table}
              mapping={mapping}
              framework={framework}
              year={year}
              onWritten={() => void reread()}
            />
          </section>

          <Accordion
            collapsible
            openItems={mappingOpen ? ["columns"] : []}
            onToggle={(_, data) => setMappingOpen(data.openItems.includes("columns"))}
          >
            <AccordionItem value="columns">
              <AccordionHeader size="small">
                Columns: {usedColumns} of {mapping.length} columns used
                {mappingOpen ? "" : confirmed ? ", confirmed" : ", not yet confirmed"}
              </AccordionHeader>
              <AccordionPanel className={layout.flush}>
                <ColumnMappingEditor
                  mapping={mapping}
                  firstColumn={table.columnIndex}
                  onChange={setMapping}
                />
                <div className={layout.actions}>
                  <Button
                    appearance="primary"
                    onClick={() => {
                      setConfirmed(true);
                      setConfirmedHeaders(new Set(mapping.map((column) => column.header)));
                      setMappingOpen(false);
                    }}
                  >
                    Confirm mapping
                  </Button>
                  <Button onClick={() => void saveColumnMap()}>Save mapping for the trust</Button>
                </div>
                <FailureMessage title="Could not save the column map" error={saveState.error} />
              </AccordionPanel>
            </AccordionItem>
          </Accordion>
          {savedNote ? (
            <Text size={200} role="status" aria-label="Column map saved">
              {savedNote}
            </Text>
          ) : null}

          <section className={layout.section} aria-labelledby="matrix-save">
            <h2 className={layout.heading} id="matrix-save">
              Save to server
            </h2>
            <SaveEvidenceSection
              table={table}
              mapping={mapping}
              framework={framework}
              year={year}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}
