// Conditions in a framework ("trajectory is declining", "band Concern", "any
// rating of 4"), compiled once into predicates over one designation's facts.
// Plain loops: predicates run for every row of a risk matrix and must not allocate.
import type { Evidence } from "../evidence.js";
import type { InspectionBand } from "../inspection/crosswalk.js";
import type { Comparison, Condition } from "./framework.schema.js";

/** What a condition may look at while one academy is designated. */
export interface Facts {
  readonly evidence: Evidence;
  readonly band: InspectionBand | null;
  /** Ratings given so far by the sources of a best-fit framework. */
  readonly ratings: readonly number[];
}

export type Predicate = (facts: Facts) => boolean;

export function compare(left: number, op: Comparison, right: number): boolean {
  switch (op) {
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    case ">=":
      return left >= right;
  }
}

export function compileCondition(condition: Condition): Predicate {
  if ("in" in condition) {
    const { indicator } = condition;
    const accepted = new Set<string | boolean>(condition.in);
    return (facts) => {
      const value = facts.evidence.values.get(indicator);
      return value !== undefined && accepted.has(value as string | boolean);
    };
  }
  if ("op" in condition) {
    const { indicator, op, value } = condition;
    return (facts) => {
      const actual = facts.evidence.values.get(indicator);
      return typeof actual === "number" && compare(actual, op, value);
    };
  }
  if ("inspectionBand" in condition) {
    const bands = new Set(condition.inspectionBand);
    return (facts) => facts.band !== null && bands.has(facts.band);
  }
  if ("anyRating" in condition) {
    const { op, value } = condition.anyRating;
    return (facts) => {
      for (const rating of facts.ratings) if (compare(rating, op, value)) return true;
      return false;
    };
  }
  if ("any" in condition) {
    const inner = condition.any.map(compileCondition);
    return (facts) => {
      for (const predicate of inner) if (predicate(facts)) return true;
      return false;
    };
  }
  if ("all" in condition) {
    const inner = condition.all.map(compileCondition);
    return (facts) => {
      for (const predicate of inner) if (!predicate(facts)) return false;
      return true;
    };
  }
  const inner = compileCondition(condition.not);
  return (facts) => !inner(facts);
}
