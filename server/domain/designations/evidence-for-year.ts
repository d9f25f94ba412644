// DOMAIN.md "Evidence for a designation year": the trust's matrix for year Y
// first; an indicator with no value recorded for Y is filled by the latest
// value the trust holds for it dated before the end of Y, and the reason
// names its date and source. Later layers (imported public data) arrive in
// the same shape.
import type { EvidenceEntry } from "../evidence.js";
import { indicatorForHeader } from "../indicators.js";
import { inspectionsForYear } from "../inspection/inspection-for-year.js";
import { dayInWords, endOfAcademicYear, type IsoDate } from "./term-dates.js";

/** One source of evidence values: a row of the trust's matrix, or an import. */
export interface EvidenceLayer {
  /** The academic year the values describe, "2025/26". */
  readonly describes: string;
  /** When the values are dated (ISO date); null when only the year is known. */
  readonly date: IsoDate | null;
  /** Where they come from, in words: "risk matrix 2024/25 summer". */
  readonly source: string;
  readonly entries: readonly EvidenceEntry[];
}

/** A value taken from an earlier layer, with where it came from. */
export interface FilledValue {
  readonly indicator: string;
  readonly value: unknown;
  readonly describes: string;
  readonly date: IsoDate | null;
  readonly source: string;
  /** "Progress 8 taken from risk matrix 2024/25 summer (dated 10 Jul 2025)". */
  readonly reason: string;
}

export interface EvidenceForYear {
  readonly entries: readonly EvidenceEntry[];
  readonly filled: readonly FilledValue[];
}

const OFSTED = "ofsted.";

/** A cell with nothing in it: never recorded. "n/a", "SUPP" and the like are values (not available) and stay. */
function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === "string" && value.trim() === "")
  );
}

/** The indicator key a cell names (headers resolved), or the text as given when it names none. */
function keyOf(entry: EvidenceEntry): string {
  return typeof entry.indicator === "string"
    ? (indicatorForHeader(entry.indicator)?.key ?? entry.indicator)
    : String(entry.indicator);
}

/** The date a layer's values stand at: its own date, else the end of the year it describes. */
function dateOf(layer: EvidenceLayer): IsoDate {
  return layer.date ?? endOfAcademicYear(layer.describes);
}

/**
 * The evidence for designation year `year`. `current` is the trust's matrix for
 * the year (and term) being designated; `earlier` are every other layer the
 * trust holds, in any order. Ofsted fields travel together: an inspection is
 * taken whole from one layer, never mixed with another's, and the one taken is
 * the latest by its own inspection date (inspectionsForYear), whichever row or
 * file repeats it.
 */
export function evidenceForYear(
  year: string,
  current: readonly EvidenceEntry[],
  earlier: readonly EvidenceLayer[],
): EvidenceForYear {
  const present = new Set<string>();
  const entries: EvidenceEntry[] = [];
  for (const entry of current) {
    if (isEmpty(entry.value)) continue;
    entries.push(entry);
    present.add(keyOf(entry));
  }
  const hasInspection = [...present].some((key) => key.startsWith(OFSTED));
  const end = endOfAcademicYear(year);
  // Latest first: by the date the values stand at, then by the year they describe.
  const candidates = earlier
    .filter((layer) => layer.describes <= year && dateOf(layer) <= end)
    .map((layer, index) => ({ layer, index }))
    .sort(
      (a, b) =>
        (dateOf(b.layer) < dateOf(a.layer) ? -1 : dateOf(b.layer) > dateOf(a.layer) ? 1 : 0) ||
        (b.layer.describes < a.layer.describes
          ? -1
          : b.layer.describes > a.layer.describes
            ? 1
            : 0) ||
        b.index - a.index,
    );
  const filled: FilledValue[] = [];
  const fill = (layer: EvidenceLayer, entry: EvidenceEntry, key: string) => {
    entries.push(entry);
    present.add(key);
    const label = indicatorForHeader(key)?.label ?? key;
    filled.push({
      indicator: key,
      value: entry.value,
      describes: layer.describes,
      date: layer.date,
      source: layer.source,
      reason: `${label} taken from ${layer.source}${layer.date ? ` (dated ${dayInWords(layer.date)})` : ""}: no value recorded for ${year}`,
    });
  };
  if (!hasInspection) {
    const inspections = earlier
      .map((layer) => ({
        layer,
        describes: layer.describes,
        date: layer.date,
        entries: layer.entries.filter(
          (entry) => !isEmpty(entry.value) && keyOf(entry).startsWith(OFSTED),
        ),
      }))
      .filter((held) => held.entries.length > 0);
    const counts = inspectionsForYear(year, inspections, endOfAcademicYear)[0]?.source;
    if (counts) for (const entry of counts.entries) fill(counts.layer, entry, keyOf(entry));
  }
  for (const { layer } of candidates) {
    const layerEntries = layer.entries.filter((entry) => !isEmpty(entry.value));
    for (const entry of layerEntries) {
      const key = keyOf(entry);
      if (key.startsWith(OFSTED) || present.has(key)) continue;
      fill(layer, entry, key);
    }
  }
  return { entries, filled };
}
