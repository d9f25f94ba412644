// Reading many rows laid out under one header row (a risk matrix as the
// add-in sends it, or a worksheet): the headers are resolved once, not once
// per cell, and each column keeps what its repeated words read as ("Good",
// "Secondary", "Yes" are a handful of values down a column of hundreds), so
// a row costs its cells' values and little else. The evidence and problems
// are exactly those of readEvidenceParts on the same cells under the same
// headers (the two share RowBuilder).
import { readCell, type CellReading, type PercentFormatted } from "./cell-value.js";
import { headerProblem, RowBuilder, type EvidenceParts, type ReadProblem } from "./evidence.js";
import { CATALOGUE_HEADERS, type HeaderResolver } from "./headers.js";
import type { Indicator } from "./indicators.js";

/** One column of the header row, resolved. */
export type ReaderColumn =
  | { readonly kind: "indicator"; readonly indicator: Indicator; readonly header: string }
  | { readonly kind: "ignored"; readonly header: string }
  | { readonly kind: "problem"; readonly problem: ReadProblem; readonly header: string };

export interface RowReader {
  /** The header row as resolved, column by column. */
  readonly columns: readonly ReaderColumn[];
  /**
   * One row's cells, in the header row's order (a shorter row's missing cells
   * are blank; cells beyond the headers are not read). `formats`, when given,
   * says per column whether the cell is percent-formatted.
   */
  read(cells: readonly unknown[], formats?: readonly PercentFormatted[] | null): EvidenceParts;
}

/** Kinds read from a small vocabulary of words: their readings are kept per column. */
const WORD_KINDS = new Set<Indicator["kind"]>([
  "grade",
  "ofstedGrade",
  "ofstedFramework",
  "safeguarding",
  "phase",
  "trajectory",
  "yesNo",
]);

/** Words kept per column at most (a column of free text is not a vocabulary). */
const MAX_KEPT = 64;

interface CompiledColumn {
  readonly column: ReaderColumn;
  /** No other column of the header row names the same indicator. */
  readonly once: boolean;
  /** Readings of the words met so far in this column (word kinds only). */
  readonly kept: Map<string, CellReading> | null;
}

/** One header resolved: an indicator, a column that is not evidence, or the problem it is. */
function readerColumn(header: string, resolver: HeaderResolver): ReaderColumn {
  const resolution = typeof header === "string" ? resolver.resolve(header) : null;
  const text = String(header ?? "");
  if (resolution?.kind === "indicator")
    return { kind: "indicator", indicator: resolution.indicator, header: text };
  const problem = headerProblem(resolution, text, header);
  return problem === null
    ? { kind: "ignored", header: text }
    : { kind: "problem", problem, header: text };
}

export function compileRowReader(
  headers: readonly string[],
  resolver: HeaderResolver = CATALOGUE_HEADERS,
): RowReader {
  const resolved = headers.map((header) => readerColumn(header, resolver));
  const named = new Map<string, number>();
  for (const column of resolved)
    if (column.kind === "indicator")
      named.set(column.indicator.key, (named.get(column.indicator.key) ?? 0) + 1);
  const columns: CompiledColumn[] = resolved.map((column) =>
    column.kind === "indicator"
      ? {
          column,
          once: named.get(column.indicator.key) === 1,
          kept: WORD_KINDS.has(column.indicator.kind) ? new Map() : null,
        }
      : { column, once: false, kept: null },
  );
  return {
    columns: resolved,
    read(cells, formats) {
      const row = new RowBuilder();
      for (let index = 0; index < columns.length; index++) {
        const { column, kept, once } = columns[index]!;
        if (column.kind === "ignored") continue;
        if (column.kind === "problem") {
          row.problem(column.problem);
          continue;
        }
        const raw = cells[index];
        let reading: CellReading | undefined;
        if (kept !== null && typeof raw === "string") {
          reading = kept.get(raw);
          if (reading === undefined) {
            reading = readCell(column.indicator, raw);
            if (kept.size < MAX_KEPT) kept.set(raw, reading);
          }
        } else {
          reading = readCell(column.indicator, raw, formats?.[index]);
        }
        row.cell(column.indicator, column.header, reading, once);
      }
      return row.finish();
    },
  };
}
