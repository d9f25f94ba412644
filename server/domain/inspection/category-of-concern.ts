// The category of concern derived from raw grades (DOMAIN.md): report cards
// by their own rule; OE and EIF-2024 when a grade is 4 (Inadequate).
import type { InspectionEvidence } from "./inspection-evidence.js";

export type CategoryOfConcern =
  "special measures" | "serious weaknesses" | "requires significant improvement" | "inadequate";

export function categoryOfConcern(inspection: InspectionEvidence): CategoryOfConcern | null {
  const safeguardingNotMet = inspection.safeguardingMet === false;
  if (inspection.framework === "RC-2025") {
    const urgent = [...inspection.grades]
      .filter(([, grade]) => grade === 5)
      .map(([field]) => field);
    const leadershipUrgent = urgent.includes("leadershipAndGovernance");
    if (leadershipUrgent && (urgent.length > 1 || safeguardingNotMet)) return "special measures";
    if (urgent.length > 0 || safeguardingNotMet) return "requires significant improvement";
    return null;
  }
  const inadequate = inspection.framework === "OE" ? ["overall"] : [...inspection.grades.keys()];
  const field = inadequate.find((name) => inspection.grades.get(name) === 4);
  if (field === undefined) return null;
  const word = inspection.words.get(field);
  if (word === "special measures") return "special measures";
  if (word === "serious weaknesses") return "serious weaknesses";
  return "inadequate";
}
