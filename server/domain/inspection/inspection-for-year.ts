// Which inspection counts for a designation year (DOMAIN.md "Evidence for a
// designation year"): an inspection is dated by its own inspection date, not
// by the matrix row or file that repeats it. A 2025/26 matrix row that still
// carries a 2019 inspection holds a 2019 inspection; a report card of 20 Jan
// 2026 read from Ofsted's file is newer, and is the one that counts for
// 2025/26 and the years after it, until a newer one arrives. An inspection
// dated after the end of the year never counts for it.
import { indicatorByKey, indicatorForHeader } from "../indicators.js";
import { readCell } from "../cell-value.js";

const OFSTED_DATE = "ofsted.date";

/** A source of values that may hold an inspection (the ofsted.* fields). */
export interface InspectionSource {
  /** The academic year the source describes, "2025/26". */
  readonly describes: string;
  /** When the source's values are dated (ISO); null when only the year is known. */
  readonly date: string | null;
  readonly entries: readonly { readonly indicator: unknown; readonly value?: unknown }[];
}

/**
 * The inspection date the entries record (ofsted.date read by the catalogue's
 * own rule: an Excel date, 2024-03-12 or 12/03/2024), ISO; null when there is
 * none or it cannot be read (then the source's own date stands for it).
 */
export function inspectionDateOf(entries: InspectionSource["entries"]): string | null {
  const indicator = indicatorByKey(OFSTED_DATE);
  const entry = entries.find(
    (item) =>
      typeof item.indicator === "string" && indicatorForHeader(item.indicator)?.key === OFSTED_DATE,
  );
  if (!indicator || !entry) return null;
  const reading = readCell(indicator, entry.value);
  return reading.ok && typeof reading.value === "string" ? reading.value : null;
}

/**
 * The date an inspection held by a source stands at: its own inspection date
 * when the source records one, else the source's date, else the end of the
 * year the source describes (`endOfYear`).
 */
export function inspectionDatedAt(
  source: InspectionSource,
  endOfYear: (academicYear: string) => string,
): string {
  return inspectionDateOf(source.entries) ?? source.date ?? endOfYear(source.describes);
}

/**
 * The sources whose inspection may count for designation year `year`, the one
 * that counts first: sources describing the year or earlier whose inspection
 * is dated by the end of `year`, latest inspection first; for the same date,
 * the source describing the later year, then the one given later.
 */
export function inspectionsForYear<T extends InspectionSource>(
  year: string,
  sources: readonly T[],
  endOfYear: (academicYear: string) => string,
): { readonly source: T; readonly inspectedOn: string }[] {
  const end = endOfYear(year);
  return sources
    .map((source, index) => ({ source, index, inspectedOn: inspectionDatedAt(source, endOfYear) }))
    .filter(({ source, inspectedOn }) => source.describes <= year && inspectedOn <= end)
    .sort(
      (a, b) =>
        compareDesc(a.inspectedOn, b.inspectedOn) ||
        compareDesc(a.source.describes, b.source.describes) ||
        b.index - a.index,
    )
    .map(({ source, inspectedOn }) => ({ source, inspectedOn }));
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
