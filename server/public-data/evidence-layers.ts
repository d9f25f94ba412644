// Imported public values as evidence layers for a designation year (DOMAIN.md
// "Evidence for a designation year"), in the layer shape agreed in
// INTERFACES.md ({ describes, date, source, entries }): one layer per
// inspection (Ofsted fields travel together) and one per file and year for DfE
// values. The service passes them, after the trust's matrix rows, to
// evidenceForYear (server/domain/designations/evidence-for-year.ts).
import { indicatorByKey, type EvidenceEntry } from "../domain/index.js";
import { longDate } from "./cells.js";
import { KIND_LABELS, type PublicKind } from "./types.js";

export interface EvidenceLayer {
  readonly describes: string;
  readonly date: string | null;
  readonly source: string;
  readonly entries: readonly EvidenceEntry[];
}

export interface FilledValue {
  readonly indicator: string;
  readonly value: unknown;
  readonly describes: string;
  readonly date: string | null;
  readonly source: string;
  readonly reason: string;
}

/** A stored public value, as the store holds it. */
export interface StoredPublicValue {
  readonly kind: string;
  readonly indicator: string;
  readonly value: string | null;
  readonly unavailable: string | null;
  readonly describes: string;
  readonly date: string | null;
  readonly groupKey: string;
  readonly groupLabel: string | null;
  readonly predecessorUrn: string | null;
  readonly edition: string;
  readonly fileName: string;
}

/** "as at 31 Jul 2026" for an ISO edition, the year otherwise. */
function editionWords(edition: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(edition) ? `as at ${longDate(edition)}` : edition;
}

/** How a reason names where a value came from: "Ofsted, report card 20 Jan 2026, from the MI file as at 31 Jul 2026". */
export function sourceWords(value: StoredPublicValue): string {
  const predecessor = value.predecessorUrn
    ? ` (predecessor school, URN ${value.predecessorUrn})`
    : "";
  if (value.kind === "ofsted-mi") {
    const what = value.groupLabel ?? "inspection";
    const when = value.date ? ` ${longDate(value.date)}` : "";
    return `Ofsted, ${what}${when}${predecessor}, from the MI file ${editionWords(value.edition)} (${value.fileName})`;
  }
  const label = KIND_LABELS[value.kind as PublicKind] ?? value.kind;
  return `${label} ${value.describes}${predecessor}, from ${value.fileName}`;
}

/** Evidence fields an inspection layer carries (history fields such as the ungraded outcome stay out). */
function isEvidence(indicator: string): boolean {
  return indicatorByKey(indicator) !== undefined;
}

/** Groups stored public values into layers: one per inspection, one per file kind and year. */
export function publicLayers(values: readonly StoredPublicValue[]): EvidenceLayer[] {
  const groups = new Map<string, StoredPublicValue[]>();
  for (const value of values) {
    if (!isEvidence(value.indicator)) continue;
    const key = `${value.kind}|${value.describes}|${value.groupKey}|${value.kind === "ofsted-mi" ? "" : value.fileName}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(value);
  }
  const layers: EvidenceLayer[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    // An ungraded inspection has no framework: it is history, never the inspection evidence.
    if (
      first.kind === "ofsted-mi" &&
      !group.some((value) => value.indicator === "ofsted.framework")
    )
      continue;
    layers.push({
      describes: first.describes,
      date: first.date,
      source: sourceWords(first),
      // Not available is a value ("n/a": the publisher's reason is in the source): it is not filled from an older year.
      entries: group.map((value) => ({ indicator: value.indicator, value: value.value ?? "n/a" })),
    });
  }
  return layers;
}

const OFSTED = "ofsted.";

/**
 * The reasons a designation names its imported evidence by: one line per
 * source (an inspection's fields share one), "Ofsted, report card 20 Jan 2026,
 * from the MI file as at 31 Jul 2026 (file.csv): no value recorded for 2026/27".
 */
export function filledReasons(filled: readonly FilledValue[], year: string): string[] {
  const bySource = new Map<string, string[]>();
  for (const value of filled) {
    let labels = bySource.get(value.source);
    if (!labels) bySource.set(value.source, (labels = []));
    if (!value.indicator.startsWith(OFSTED))
      labels.push(indicatorByKey(value.indicator)?.label ?? value.indicator);
  }
  return [...bySource].map(([source, labels]) =>
    labels.length > 0
      ? `${labels.join(", ")} taken from ${source}: no value recorded for ${year}`
      : `Inspection taken from ${source}: no inspection recorded for ${year}`,
  );
}
