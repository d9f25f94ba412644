// Designates every academy in a trust's risk-matrix workbook under each preset
// and prints a table, the coverage and (on request) the reasons:
//   npm run designate -- path/to/matrix.xlsx [framework] [--reasons] [--year 2025/26]
//                        [--sheet NAME] [--columns map.json]
// The header row is found (group headings above it are skipped), headers are
// resolved by the column map, then each framework's own aliases, then the
// catalogue, and a bad cell blocks only the frameworks that use its indicator.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  designateEntries,
  DomainError,
  presets,
  provisionalWords,
  type ColumnChoice,
  type CompiledFramework,
} from "../domain/index.js";
import {
  columnsFor,
  entriesFor,
  readRiskMatrix,
  type ColumnReading,
  type RiskMatrixRow,
} from "../workbook/risk-matrix-sheet.js";
import { academicYearOf, yearProblem, type Problem } from "../shared/index.js";

const SAMPLE = fileURLToPath(new URL("../../test/fixtures/risk-matrix.xlsx", import.meta.url));

export interface DesignateWorkbookOptions {
  readonly year?: string | null;
  readonly sheet?: string | null;
  readonly reasons?: boolean;
  /** The trust's saved column map (header -> indicator key, null: not evidence). */
  readonly columnMap?: readonly ColumnChoice[];
}

/** Splits text into lines of at most `width` characters at spaces; a longer word stays whole. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/** A table row whose cells wrap at word boundaries, each column padded to its width. */
function tableRow(cells: readonly string[], widths: readonly number[]): string[] {
  const wrapped = cells.map((cell, i) => wrap(cell, widths[i] as number));
  const height = Math.max(...wrapped.map((lines) => lines.length));
  const out: string[] = [];
  for (let line = 0; line < height; line++)
    out.push(
      wrapped
        .map((lines, i) => (lines[line] ?? "").padEnd(widths[i] as number))
        .join("  ")
        .trimEnd(),
    );
  return out;
}

/** Where a problem is in the sheet: "row 5, column F (KS2 RWM %)". */
function located(problem: Problem, row: RiskMatrixRow, columns: readonly ColumnReading[]): string {
  // The row's entries name a column by its indicator key, or by its header when ambiguous.
  const named = problem.column ?? problem.indicator;
  const column =
    named === undefined
      ? undefined
      : columns.find(
          (c) =>
            c.header === named ||
            (c.resolution.kind === "indicator" && c.resolution.indicator.key === named),
        );
  const where = column
    ? `row ${row.row}, column ${column.letter} (${column.header})`
    : `row ${row.row}`;
  return `${where}: ${problem.message}`;
}

function describe(resolution: ColumnReading["resolution"]): string {
  switch (resolution.kind) {
    case "indicator":
      return `${resolution.indicator.key}${resolution.via === "catalogue" ? "" : ` (${resolution.via})`}`;
    case "ignored":
      return `not evidence (${resolution.via})`;
    case "ambiguous":
      return `ambiguous: ${resolution.choices.map((choice) => choice.key).join(" or ")}?`;
    case "unknown":
      return "not mapped";
  }
}

/** One academy under one framework, as the table shows it. */
export interface WorkbookResult {
  readonly row: number;
  readonly academy: string;
  readonly framework: string;
  /** The level key; null for insufficient evidence or a row that could not be read. */
  readonly level: string | null;
  readonly provisional: boolean;
  /** Problems that blocked this framework, located by row and column. */
  readonly problems: readonly string[];
}

export async function designateWorkbook(
  file: string,
  frameworks: readonly CompiledFramework[],
  options: DesignateWorkbookOptions = {},
): Promise<string> {
  return (await designateWorkbookResults(file, frameworks, options)).text;
}

export async function designateWorkbookResults(
  file: string,
  frameworks: readonly CompiledFramework[],
  options: DesignateWorkbookOptions = {},
): Promise<{ readonly text: string; readonly results: readonly WorkbookResult[] }> {
  const results: WorkbookResult[] = [];
  const year = options.year ?? academicYearOf(new Date());
  const columnMap = options.columnMap ?? [];
  const resolvers = frameworks.map((framework) =>
    columnMap.length > 0 ? framework.headers.withColumnMap(columnMap) : framework.headers,
  );
  const sheet = await readRiskMatrix(file, { sheet: options.sheet, headers: resolvers });
  const readings = resolvers.map((resolver) => columnsFor(sheet, resolver));
  const lines: string[] = [];
  const others = sheet.sheetNames.filter((name) => name !== sheet.sheetName);
  lines.push(
    `Sheet "${sheet.sheetName}"${others.length > 0 ? ` (also in the workbook: ${others.map((name) => `"${name}"`).join(", ")}; choose with --sheet)` : ""}`,
    `Header row ${sheet.headerRow}${sheet.headerRow > 1 ? ` (row${sheet.headerRow > 2 ? `s 1-${sheet.headerRow - 1}` : " 1"} above it: headings, skipped)` : ""}; ${sheet.rows.length} academies; year ${year}`,
    "",
    "Columns:",
  );
  sheet.columns.forEach((column, index) => {
    const each = frameworks.map((framework, f) => ({
      key: framework.key,
      text: describe((readings[f] as ColumnReading[])[index]!.resolution),
    }));
    const same = each.every((entry) => entry.text === each[0]?.text);
    const meaning = same
      ? (each[0]?.text ?? "")
      : each.map((entry) => `${entry.key}: ${entry.text}`).join("; ");
    lines.push(`  ${column.letter.padEnd(3)} ${column.header} -> ${meaning}`);
  });
  lines.push("");

  const widths = [7, 24, ...frameworks.map(() => 30)];
  const header = tableRow(["URN", "Academy", ...frameworks.map((f) => f.key)], widths);
  lines.push(...header, "-".repeat(widths.reduce((sum, width) => sum + width + 2, -2)));
  const notes: string[] = [];
  const errors: string[] = [];
  for (const row of sheet.rows) {
    const academy = row.name ?? `row ${row.row}`;
    const cells = [row.urn ?? "", academy];
    frameworks.forEach((framework, f) => {
      const columns = readings[f] as ColumnReading[];
      const entries = entriesFor(row, columns);
      try {
        const designation = designateEntries(framework, entries, { year, columnMap });
        const provisional = provisionalWords(designation.coverage);
        results.push({
          row: row.row,
          academy,
          framework: framework.key,
          level: designation.level?.key ?? null,
          provisional: designation.coverage.provisional,
          problems: [],
        });
        cells.push(
          `${designation.level?.label ?? "Insufficient evidence"}${provisional ? " (provisional)" : ""}`,
        );
        const { coverage } = designation;
        const said: string[] = [];
        if (coverage.used.length > 0) said.push(`used ${coverage.used.join(", ")}`);
        if (provisional) said.push(provisional);
        else if (coverage.missing.length > 0)
          said.push(`missing ${coverage.missing.map((m) => m.label).join(", ")}`);
        for (const unreadable of coverage.unreadable)
          said.push(`unreadable (not used by ${framework.key}): ${unreadable.message}`);
        if (options.reasons || provisional || coverage.unreadable.length > 0)
          notes.push(`${academy}, ${framework.key}: ${said.join("; ")}`);
        if (options.reasons)
          for (const reason of designation.reasons) notes.push(`    - ${reason.message}`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        cells.push("(cannot read this row)");
        const problems = error.problems.map((problem) => located(problem, row, columns));
        results.push({
          row: row.row,
          academy,
          framework: framework.key,
          level: null,
          provisional: false,
          problems,
        });
        for (const problem of problems) {
          // An ambiguous header is the same question on every row: asked once.
          const header = /^row \d+, (column .*could mean.*)$/.exec(problem);
          const line = header
            ? `${framework.key}: every row, ${header[1]}`
            : `${framework.key}: ${problem}`;
          if (!errors.includes(line)) errors.push(line);
        }
      }
    });
    lines.push(...tableRow(cells, widths));
  }
  if (notes.length > 0)
    lines.push("", "Coverage and reasons:", ...notes.map((note) => `  ${note}`));
  if (errors.length > 0)
    lines.push("", "Cells that could not be read:", ...errors.map((e) => `  ${e}`));
  return { text: lines.join("\n"), results };
}

/** Reads a column map file: { "header": "indicator.key" | null } or [{ header, indicator }]. */
export async function readColumnMapFile(path: string): Promise<ColumnChoice[]> {
  const parsed: unknown = JSON.parse(await readFile(path, "utf8"));
  const pairs = Array.isArray(parsed)
    ? parsed.map((entry: { header?: unknown; indicator?: unknown }) => [
        entry.header,
        entry.indicator,
      ])
    : Object.entries(parsed as Record<string, unknown>);
  return pairs.map(([header, indicator]) => {
    if (typeof header !== "string" || (indicator !== null && typeof indicator !== "string"))
      throw new Error(
        `${path}: each column map entry is a header and an indicator key (or null for "not evidence"); got ${JSON.stringify([header, indicator])}`,
      );
    return { header, indicator: indicator as string | null };
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      reasons: { type: "boolean", default: false },
      year: { type: "string" },
      sheet: { type: "string" },
      columns: { type: "string" },
    },
  });
  const [file = SAMPLE, only] = positionals;
  const all = [...presets().values()];
  const chosen = only ? all.filter((framework) => framework.key === only) : all;
  if (chosen.length === 0) {
    console.error(`Unknown framework "${only}"; presets are ${all.map((f) => f.key).join(", ")}`);
    return 2;
  }
  const problem = values.year ? yearProblem("--year", values.year) : null;
  if (problem) {
    console.error(problem.message);
    return 2;
  }
  try {
    console.log(
      await designateWorkbook(file, chosen, {
        year: values.year ?? null,
        sheet: values.sheet ?? null,
        reasons: values.reasons,
        columnMap: values.columns ? await readColumnMapFile(values.columns) : [],
      }),
    );
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
