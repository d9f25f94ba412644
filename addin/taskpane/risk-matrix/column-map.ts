// How the columns of a risk matrix map to indicators: first as the server
// would map the headers (the trust's saved column map, then the framework's
// own aliases, then the catalogue: the same resolver, bundled), then as the
// user edits it. A header that could mean two indicators is shown with its
// choices and sent as written, so the server asks rather than guesses.
// The URN column is not evidence; it says which academy a row is. Columns
// Designate wrote are recognised and never sent back as evidence.
import type { EvidenceInput } from "../api/index.js";
import type { CellValue, SheetTable } from "../excel/sheet-table.js";
import { isDesignationHeader } from "../excel/write-designations.js";
import {
  indicatorByKey,
  CATALOGUE_HEADERS,
  type HeaderResolver,
} from "../../../server/shared/index.js";

export type ColumnRole =
  | { readonly kind: "indicator"; readonly key: string }
  | { readonly kind: "urn" }
  /** A column Designate wrote (designation or reasons). */
  | { readonly kind: "result" }
  /** A header that could mean several indicators: the user chooses. */
  | { readonly kind: "ambiguous"; readonly choices: readonly string[]; readonly message: string }
  | { readonly kind: "unmapped" };

export interface ColumnMapping {
  readonly header: string;
  readonly role: ColumnRole;
}

const URN_HEADERS = new Set([
  "urn",
  "academyurn",
  "schoolurn",
  "urnnumber",
  "uniquereferencenumber",
]);

function foldedHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The mapping the server would make (column map, framework aliases, catalogue), with URN headers recognised. */
export function autoMapColumns(
  headers: readonly string[],
  resolver: HeaderResolver = CATALOGUE_HEADERS,
): ColumnMapping[] {
  return headers.map((header) => {
    if (URN_HEADERS.has(foldedHeader(header))) return { header, role: { kind: "urn" } };
    if (isDesignationHeader(header)) return { header, role: { kind: "result" } };
    const read = header ? resolver.resolve(header) : null;
    if (read?.kind === "indicator")
      return { header, role: { kind: "indicator", key: read.indicator.key } };
    if (read?.kind === "ambiguous")
      return {
        header,
        role: {
          kind: "ambiguous",
          choices: read.choices.map((choice) => choice.key),
          message: read.message,
        },
      };
    return { header, role: { kind: "unmapped" } };
  });
}

/** The role as one string, for a dropdown: an indicator key, "urn" or "" for not mapped. */
export function roleValue(role: ColumnRole): string {
  switch (role.kind) {
    case "indicator":
      return role.key;
    case "urn":
      return "urn";
    case "result":
      return "result";
    case "ambiguous":
    case "unmapped":
      return "";
    default: {
      const never: never = role;
      throw new Error(`Unknown column role ${JSON.stringify(never)}`);
    }
  }
}

export function roleFromValue(value: string): ColumnRole {
  if (value === "") return { kind: "unmapped" };
  if (value === "urn") return { kind: "urn" };
  if (value === "result") return { kind: "result" };
  return { kind: "indicator", key: value };
}

/** Indicator keys mapped from more than one column (the server accepts that only when the cells agree). */
export function repeatedIndicators(mapping: readonly ColumnMapping[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const { role } of mapping) {
    if (role.kind !== "indicator") continue;
    if (seen.has(role.key)) repeated.add(role.key);
    seen.add(role.key);
  }
  return repeated;
}

/** A cell as the server reads it: text as shown; a blank cell is "not available". */
export function cellText(value: CellValue | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const text = String(value).trim();
  return text === "" ? null : text;
}

/**
 * One list of cells per row: every column mapped to an indicator, in column
 * order, with whether a percent column's cell is percent-formatted (Excel's
 * numberFormat: a percent-formatted 1 is 100%). An ambiguous column goes by
 * its header, so the server names it with its choices.
 */
export function evidenceRows(
  table: Pick<SheetTable, "rows"> & Partial<Pick<SheetTable, "percentFormats">>,
  mapping: readonly ColumnMapping[],
): EvidenceInput[][] {
  const columns = mapping.flatMap((column, index) => {
    if (column.role.kind === "indicator") {
      const percent = indicatorByKey(column.role.key)?.kind === "percent";
      return [{ index, key: column.role.key, percent }];
    }
    if (column.role.kind === "ambiguous") return [{ index, key: column.header, percent: false }];
    return [];
  });
  return table.rows.map((row, at) =>
    columns.map(({ index, key, percent }) => {
      const value = cellText(row[index]);
      const formatted = percent ? table.percentFormats?.[at]?.[index] : undefined;
      return typeof formatted === "boolean" && value !== null
        ? { indicator: key, value, percentFormatted: formatted }
        : { indicator: key, value };
    }),
  );
}

/** The column map to save for the trust: the saved one with this matrix's choices over it. */
export function columnMapToSave(
  saved: readonly { readonly header: string; readonly indicator: string | null }[],
  mapping: readonly ColumnMapping[],
): { header: string; indicator: string | null }[] {
  const byHeader = new Map(saved.map((entry) => [foldedHeader(entry.header), { ...entry }]));
  for (const column of mapping) {
    if (!column.header || column.role.kind !== "indicator") continue;
    byHeader.set(foldedHeader(column.header), {
      header: column.header,
      indicator: column.role.key,
    });
  }
  return [...byHeader.values()];
}

/** The column holding URNs, or -1. */
export function urnColumn(mapping: readonly ColumnMapping[]): number {
  return mapping.findIndex((column) => column.role.kind === "urn");
}
