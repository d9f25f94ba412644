// The academic calendar's terms and half terms, and the order periods fall in
// so "latest" means latest in the year (academic years themselves are in
// server/shared/academic-year.ts).

export const HALF_TERMS = [
  "autumn1",
  "autumn2",
  "spring1",
  "spring2",
  "summer1",
  "summer2",
] as const;
export const TERMS = ["autumn", "spring", "summer"] as const;
export type HalfTerm = (typeof HALF_TERMS)[number];
export type Term = (typeof TERMS)[number];
/** A measurement's period: a half term, a term, or the whole year (results). */
export type Period = HalfTerm | Term | "year";

/** The half term a period ends in: a term ends in its second half; the year in summer2. */
const PERIOD_END: Readonly<Record<Period, HalfTerm>> = {
  autumn1: "autumn1",
  autumn2: "autumn2",
  spring1: "spring1",
  spring2: "spring2",
  summer1: "summer1",
  summer2: "summer2",
  autumn: "autumn2",
  spring: "spring2",
  summer: "summer2",
  year: "summer2",
};

export const PERIODS: readonly Period[] = [...HALF_TERMS, ...TERMS, "year"];

export function isPeriod(value: string): value is Period {
  return value in PERIOD_END;
}

export function isTerm(value: string): value is Term {
  return (TERMS as readonly string[]).includes(value);
}

/** 1 (autumn1) to 6 (summer2): where a period ends in the year. */
export function periodOrder(period: Period): number {
  return HALF_TERMS.indexOf(PERIOD_END[period]) + 1;
}

export function periodEnd(period: Period): HalfTerm {
  return PERIOD_END[period];
}
