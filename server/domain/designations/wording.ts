// The words a board reads for the designation that counts (DOMAIN.md gives
// the forms: "2025/26, agreed 14 Oct 2025"; "spring evidence indicates
// Improve; agreed: Repair, Trust Board, 14 Oct 2026"; "provisional: no SEF
// judgement"). Shared by the API, the exports and the add-in through the API.
import type { CountingStatus } from "./designation-that-counts.js";
import { dayInWords } from "./term-dates.js";

export interface StatusFacts {
  readonly year: string;
  readonly status: CountingStatus;
  /** Label of the level that counts; null when nothing counts. */
  readonly level: string | null;
  readonly decision: {
    readonly year: string;
    readonly body: string;
    readonly agreedOn: string;
    readonly decidedBy: string;
  } | null;
  readonly agreedInEarlierYear: boolean;
  /** The newer computed designation at another level (review suggested) or this year's proposal. */
  readonly newer: {
    readonly level: string | null;
    readonly term: string;
    readonly year: string;
  } | null;
  readonly provisional: boolean;
  readonly missing: readonly string[];
}

/** "agreed by Trust Board, 14 Oct 2026 (Ada Leader)" and the like, without the level. */
export function statusWords(facts: StatusFacts): string {
  if (facts.level === null) return `no designation for ${facts.year} yet`;
  if (facts.decision === null) {
    const provisional = facts.provisional
      ? `; provisional: ${facts.missing.length > 0 ? `no ${facts.missing.join(", no ")}` : "a required source is missing"}`
      : "";
    return `not yet agreed${provisional}`;
  }
  const agreed = facts.agreedInEarlierYear
    ? `${facts.decision.year}, agreed ${dayInWords(facts.decision.agreedOn)} by ${facts.decision.body} (${facts.decision.decidedBy})`
    : `agreed by ${facts.decision.body}, ${dayInWords(facts.decision.agreedOn)} (${facts.decision.decidedBy})`;
  const newer = facts.newer;
  if (facts.status === "reviewSuggested" && newer?.level)
    return `${agreed}; review suggested: ${newer.year === facts.decision.year ? `${newer.term} evidence` : `${newer.year} evidence`} indicates ${newer.level}`;
  if (facts.agreedInEarlierYear && newer?.level)
    return `${agreed}; ${facts.year} proposed: ${newer.level}, not yet agreed`;
  return agreed;
}

/** The status as a board reads it in a column: agreed, not yet agreed, review suggested, provisional. */
export function statusLabel(status: CountingStatus, provisional: boolean): string {
  if (status === "agreed") return "agreed";
  if (status === "reviewSuggested") return "review suggested";
  return provisional ? "provisional, not yet agreed" : "not yet agreed";
}
