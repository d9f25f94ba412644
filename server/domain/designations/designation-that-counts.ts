// DOMAIN.md "The trust's year: which designation counts". Computed
// designations and the trust's decisions are separate, append-only records;
// this function reads both and says which one counts for an academy in a
// designation year, and what is shown beside it. Pure and total: the service
// passes every record it holds for the academy and the trust's framework.
import type { Term } from "../academy-card/calendar.js";
import type { IsoDate } from "./term-dates.js";

/** How often a framework designates: once a year, or each term (risk-designation). */
export type Cycle = "annual" | "termly";

/** A designation the rules computed from evidence. Every one is kept. */
export interface ComputedRecord {
  readonly framework: string;
  /** The designation year, "2025/26". */
  readonly year: string;
  /** The term of the evidence; for a termly framework the term the designation is for. */
  readonly term: Term;
  /** The level key; null when the evidence was insufficient. */
  readonly level: string | null;
  /** A level reached without a required source (see "Coverage"). */
  readonly provisional: boolean;
  /** When it was recorded: orders computed designations of the same year (and term). */
  readonly recordedAt: Date;
}

/** The trust's act: agree the computed level or set another, with who, the body and the date agreed. */
export interface DecisionRecord {
  readonly framework: string;
  readonly year: string;
  /** Termly frameworks only: the term decided; null for an annual framework. */
  readonly term: Term | null;
  readonly level: string;
  /** ISO date the body agreed it. */
  readonly agreedOn: IsoDate;
  /** When it was recorded: breaks ties between decisions agreed on the same day. */
  readonly recordedAt: Date;
}

export type CountingStatus = "agreed" | "notYetAgreed" | "reviewSuggested";

export interface DesignationThatCounts<C extends ComputedRecord, D extends DecisionRecord> {
  /** The designation year asked about. */
  readonly year: string;
  /**
   * agreed: a decision counts and nothing newer disagrees; reviewSuggested: a decision counts and a
   * newer computed designation indicates another level; notYetAgreed: no decision counts, the
   * newest computed designation of the year does (or nothing does).
   */
  readonly status: CountingStatus;
  /** The level that counts; null when nothing counts or the computed designation was insufficient evidence. */
  readonly level: string | null;
  /** The decision that counts, for this year or carried from an earlier one. */
  readonly decision: D | null;
  /** True when the decision that counts was made for an earlier year (labelled with its year). */
  readonly agreedInEarlierYear: boolean;
  /** When no decision counts: the year's newest computed designation, which counts, not yet agreed. */
  readonly computed: C | null;
  /** When the decision counts from an earlier year: this year's newest computed designation, proposed, not yet agreed. */
  readonly proposal: C | null;
  /** A computed designation newer than the decision that counts, at another level. Never replaces it. */
  readonly reviewSuggested: C | null;
  /** The level that counts is a computed one reached without a required source. */
  readonly provisional: boolean;
}

const TERM_INDEX: Readonly<Record<Term, number>> = { autumn: 0, spring: 1, summer: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Years "2025/26" sort as text. */
const compareYear = compareText;

function termIndex(term: Term | null): number {
  return term === null ? -1 : TERM_INDEX[term];
}

/** Order of decisions: year, term (termly), date agreed, then when recorded. */
export function compareDecisions(a: DecisionRecord, b: DecisionRecord): number {
  return (
    compareYear(a.year, b.year) ||
    termIndex(a.term) - termIndex(b.term) ||
    compareText(a.agreedOn, b.agreedOn) ||
    a.recordedAt.getTime() - b.recordedAt.getTime()
  );
}

/** Order of computed designations: year, term (termly frameworks only), then when recorded. */
function compareComputed(cycle: Cycle): (a: ComputedRecord, b: ComputedRecord) => number {
  return (a, b) =>
    compareYear(a.year, b.year) ||
    (cycle === "termly" ? TERM_INDEX[a.term] - TERM_INDEX[b.term] : 0) ||
    a.recordedAt.getTime() - b.recordedAt.getTime();
}

/** A computed designation is newer than a decision when it belongs to a later year or term, or was recorded after it. */
function isNewer(computed: ComputedRecord, decision: DecisionRecord, cycle: Cycle): boolean {
  const byYear = compareYear(computed.year, decision.year);
  if (byYear !== 0) return byYear > 0;
  if (cycle === "termly" && decision.term !== null && computed.term !== decision.term)
    return TERM_INDEX[computed.term] > TERM_INDEX[decision.term];
  return computed.recordedAt.getTime() > decision.recordedAt.getTime();
}

function latest<T>(items: readonly T[], compare: (a: T, b: T) => number): T | null {
  let best: T | null = null;
  for (const item of items) if (best === null || compare(item, best) > 0) best = item;
  return best;
}

/**
 * The designation that counts for an academy in year `year` under `framework`:
 * - the latest decision for the year (termly: of the latest term with one; by date agreed, then recorded);
 * - else the latest decision of an earlier year, with this year's newest computed designation as a proposal;
 * - else this year's newest computed designation, not yet agreed.
 * Records of other frameworks are history and never count. Records of later years are ignored,
 * so back-filling an earlier year never changes a later one except by a decision.
 */
export function designationThatCounts<C extends ComputedRecord, D extends DecisionRecord>(input: {
  readonly year: string;
  readonly framework: string;
  readonly cycle: Cycle;
  readonly computed: readonly C[];
  readonly decisions: readonly D[];
}): DesignationThatCounts<C, D> {
  const { year, framework, cycle } = input;
  const computedOfYear = input.computed.filter(
    (record) => record.framework === framework && record.year === year,
  );
  const newestComputed = latest(computedOfYear, compareComputed(cycle));
  const decisions = input.decisions.filter(
    (record) => record.framework === framework && compareYear(record.year, year) <= 0,
  );
  const ofYear = decisions.filter((record) => record.year === year);
  const decision = latest(ofYear.length > 0 ? ofYear : decisions, compareDecisions);

  if (decision === null) {
    return {
      year,
      status: "notYetAgreed",
      level: newestComputed?.level ?? null,
      decision: null,
      agreedInEarlierYear: false,
      computed: newestComputed,
      proposal: null,
      reviewSuggested: null,
      provisional: newestComputed?.provisional ?? false,
    };
  }
  const earlier = decision.year !== year;
  const review =
    newestComputed !== null &&
    newestComputed.level !== null &&
    newestComputed.level !== decision.level &&
    isNewer(newestComputed, decision, cycle)
      ? newestComputed
      : null;
  return {
    year,
    status: review ? "reviewSuggested" : "agreed",
    level: decision.level,
    decision,
    agreedInEarlierYear: earlier,
    computed: null,
    proposal: earlier ? newestComputed : null,
    reviewSuggested: review,
    provisional: false,
  };
}
