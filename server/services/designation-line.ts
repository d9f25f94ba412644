// The designation that counts in the words of a report line: the exports,
// the overview's change list and the API's statusText read it from here.
import { dayInWords, statusLabel, statusWords } from "../domain/index.js";
import type { YearDesignation } from "./designation.service.js";
import { type SupportEntitlement } from "../shared/index.js";

export interface DesignationLine {
  /** The label of the level that counts; "not yet designated" or "Insufficient evidence" otherwise. */
  readonly level: string;
  /** agreed, not yet agreed, review suggested, provisional, not yet agreed. */
  readonly status: string;
  /** "agreed by Trust Board, 14 Oct 2026 (Ada Leader); review suggested: spring evidence indicates ..." */
  readonly statusText: string;
  /** "since 14 Oct 2025 (13 months, 4 terms); beyond the expected time in Repair (20 months)"; "" before a decision. */
  readonly timeInLevel: string;
  /** One line per entitlement: "MAT QA review: 2 reviews per year". */
  readonly support: readonly string[];
}

export function supportLine(entry: SupportEntitlement): string {
  return `${entry.activity}: ${entry.quantityText ?? entry.quantity} ${entry.unit} per ${entry.per}${entry.note ? ` (${entry.note})` : ""}`;
}

/** The status of a year designation in words. */
export function statusTextOf(view: YearDesignation): string {
  const { counts, framework } = view;
  const label = (key: string | null) => (key ? (framework.level(key)?.label ?? key) : null);
  const newer = counts.reviewSuggested ?? counts.proposal;
  return statusWords({
    year: view.year,
    status: counts.status,
    level: counts.level ?? (counts.computed ? "insufficient evidence" : null),
    decision: counts.decision
      ? {
          year: counts.decision.year,
          body: counts.decision.row.body,
          agreedOn: counts.decision.agreedOn,
          decidedBy: counts.decision.row.decidedBy,
        }
      : null,
    agreedInEarlierYear: counts.agreedInEarlierYear,
    newer: newer ? { level: label(newer.level), term: newer.term, year: newer.year } : null,
    provisional: counts.provisional,
    missing: counts.computed ? [...(counts.computed.row.missingSources as string[])] : [],
  });
}

export function designationLine(view: YearDesignation | null): DesignationLine {
  if (!view || (view.counts.decision === null && view.newestComputed === null))
    return {
      level: "not yet designated",
      status: "not yet agreed",
      statusText: view ? `no designation for ${view.year} yet` : "no designation yet",
      timeInLevel: "",
      support: [],
    };
  const { counts, framework } = view;
  const time = view.timeInLevel;
  return {
    level: counts.level
      ? (framework.level(counts.level)?.label ?? counts.level)
      : "Insufficient evidence",
    status: statusLabel(counts.status, counts.provisional),
    statusText: statusTextOf(view),
    timeInLevel: time
      ? `since ${dayInWords(time.since)} (${time.months} ${time.months === 1 ? "month" : "months"}, ${time.terms} ${time.terms === 1 ? "term" : "terms"})${time.flag ? `; ${time.flag}` : ""}`
      : "",
    support: view.support.map(supportLine),
  };
}
