// The category of concern derived from raw grades (DOMAIN.md): report cards
// by their own rule; OE and EIF-2024 when a grade is 4 (Inadequate).
import type { InspectionEvidence } from "./inspection-evidence.js";

export type CategoryOfConcern =
  "special measures" | "serious weaknesses" | "requires significant improvement" | "inadequate";

// Loops rather than array helpers: this runs for every designation of a risk matrix.
export function categoryOfConcern(inspection: InspectionEvidence): CategoryOfConcern | null {
  const safeguardingNotMet = inspection.safeguardingMet === false;
  if (inspection.framework === "RC-2025") {
    let urgent = 0;
    for (const grade of inspection.grades.values()) if (grade === 5) urgent++;
    const leadershipUrgent = inspection.grades.get("leadershipAndGovernance") === 5;
    if (leadershipUrgent && (urgent > 1 || safeguardingNotMet)) return "special measures";
    if (urgent > 0 || safeguardingNotMet) return "requires significant improvement";
    return null;
  }
  let field: string | null = null;
  if (inspection.framework === "OE") {
    if (inspection.grades.get("overall") === 4) field = "overall";
  } else {
    for (const [name, grade] of inspection.grades) {
      if (grade === 4) {
        field = name;
        break;
      }
    }
  }
  if (field === null) return null;
  const word = inspection.words.get(field);
  if (word === "special measures") return "special measures";
  if (word === "serious weaknesses") return "serious weaknesses";
  return "inadequate";
}
