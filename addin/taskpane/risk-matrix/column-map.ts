// How the columns of a risk matrix map to indicators: first as the server
// would map the headers (the same alias catalogue), then as the user edits it.
// The URN column is not evidence; it says which academy a row is. Columns
// Designate wrote are recognised and never sent back as evidence.
import type { EvidenceInput } from "../api/index.js";
import { indicatorForHeader } from "../rules/indicators.js";
import type { CellValue, SheetTable } from "../excel/sheet-table.js";
import { isDesignationHeader } from "../excel/write-designations.js";

export type ColumnRole =
  | { readonly kind: "indicator"; readonly key: string }
  | { readonly kind: "urn" }
  /** A column Designate wrote (designation or reasons). */
  | { readonly kind: "result" }
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

/** The mapping the server's header aliases give, with URN headers recognised. */
export function autoMapColumns(headers: readonly string[]): ColumnMapping[] {
  return headers.map((header) => {
    if (URN_HEADERS.has(foldedHeader(header))) return { header, role: { kind: "urn" } };
    if (isDesignationHeader(header)) return { header, role: { kind: "result" } };
    const indicator = header ? indicatorForHeader(header) : undefined;
    return {
      header,
      role: indicator ? { kind: "indicator", key: indicator.key } : { kind: "unmapped" },
    };
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

/** One list of cells per row: every column mapped to an indicator, in column order. */
export function evidenceRows(
  table: Pick<SheetTable, "rows">,
  mapping: readonly ColumnMapping[],
): EvidenceInput[][] {
  const columns = mapping.flatMap((column, index) =>
    column.role.kind === "indicator" ? [{ index, key: column.role.key }] : [],
  );
  return table.rows.map((row) =>
    columns.map(({ index, key }) => ({ indicator: key, value: cellText(row[index]) })),
  );
}

/** The column holding URNs, or -1. */
export function urnColumn(mapping: readonly ColumnMapping[]): number {
  return mapping.findIndex((column) => column.role.kind === "urn");
}
