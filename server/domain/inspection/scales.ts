// The two Ofsted grading scales and the words that name their grades.
// Words never clash between scales, so a word alone tells the scale.

/** "OE" covers the 1-4 scale of OE and EIF-2024; "RC" the 1-5 scale of report cards. */
export type OfstedScale = "OE" | "RC";

const OE_GRADES = ["Outstanding", "Good", "Requires improvement", "Inadequate"] as const;
const RC_GRADES = [
  "Exceptional",
  "Strong standard",
  "Expected standard",
  "Needs attention",
  "Urgent improvement",
] as const;

/** The name of a grade on its scale, as a report shows it. */
export function gradeName(scale: OfstedScale, grade: number): string {
  const names: readonly string[] = scale === "OE" ? OE_GRADES : RC_GRADES;
  return names[grade - 1] ?? `grade ${grade}`;
}

export function maxGrade(scale: OfstedScale): number {
  return scale === "OE" ? 4 : 5;
}

/** What a grade on the scale may be, in words for an error message: "1-4 (Outstanding, Good, ...)". */
export function scaleWords(scale: OfstedScale): string {
  const names: readonly string[] = scale === "OE" ? OE_GRADES : RC_GRADES;
  return `1-${maxGrade(scale)} (${names.map((name, index) => `${index + 1} ${name}`).join(", ")})`;
}

/** Every word accepted for an Ofsted grade, lower case, single-spaced. */
export const OFSTED_WORDS: ReadonlyMap<
  string,
  { readonly scale: OfstedScale; readonly grade: number }
> = new Map([
  ["outstanding", { scale: "OE", grade: 1 }],
  ["good", { scale: "OE", grade: 2 }],
  ["requires improvement", { scale: "OE", grade: 3 }],
  ["ri", { scale: "OE", grade: 3 }],
  ["satisfactory", { scale: "OE", grade: 3 }],
  ["inadequate", { scale: "OE", grade: 4 }],
  ["serious weaknesses", { scale: "OE", grade: 4 }],
  ["special measures", { scale: "OE", grade: 4 }],
  ["exceptional", { scale: "RC", grade: 1 }],
  ["strong standard", { scale: "RC", grade: 2 }],
  ["strong", { scale: "RC", grade: 2 }],
  ["expected standard", { scale: "RC", grade: 3 }],
  ["expected", { scale: "RC", grade: 3 }],
  ["needs attention", { scale: "RC", grade: 4 }],
  ["urgent improvement", { scale: "RC", grade: 5 }],
]);
