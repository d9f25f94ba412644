// Designates the rows of a risk matrix on the server (designateBatch, bad
// rows answered in place) and turns each answer into the two cells written
// beside the row.
import type { GraphQLHttpClient } from "../../shared/graphql-client.js";
import { problemText } from "../../shared/problem-text.js";
import { DESIGNATE_BATCH, type EvidenceInput, type RowDesignation } from "../api/index.js";
import type { DesignationCell, DesignationTone } from "../excel/write-designations.js";

/** Rows per request: well under the server's MAX_BATCH_ROWS and body limit. */
export const DESIGNATE_CHUNK = 2_000;

export async function designateRows(
  client: GraphQLHttpClient,
  framework: string,
  year: string | null,
  rows: readonly (readonly EvidenceInput[])[],
): Promise<RowDesignation[]> {
  const results: RowDesignation[] = [];
  for (let start = 0; start < rows.length; start += DESIGNATE_CHUNK) {
    const chunk = rows.slice(start, start + DESIGNATE_CHUNK);
    const data = await client.request(DESIGNATE_BATCH, {
      framework,
      rows: chunk,
      year,
    });
    results.push(...data.designateBatch);
  }
  return results;
}

function toneOf(risk: string): DesignationTone {
  const words = risk.toLowerCase();
  if (words.includes("high")) return "high";
  if (words.includes("low")) return "low";
  return "some";
}

/** The designation cell and reasons cell for one row. */
export function designationCell(result: RowDesignation): DesignationCell {
  if (result.problems.length > 0) {
    return {
      label: "Cannot read this row",
      reasons: result.problems.map(problemText).join("\n"),
      tone: "problem",
    };
  }
  const reasons = result.reasons.map((reason) => reason.message).join("\n");
  if (result.insufficientEvidence || !result.level) {
    return { label: "Insufficient evidence", reasons, tone: "none" };
  }
  if (result.status === "PROVISIONAL") {
    const missing = (result.coverage?.missing ?? []).map((each) => `no ${each.label}`).join(", ");
    return {
      label: `${result.level.label} (provisional)`,
      reasons: `Provisional: ${missing}\n${reasons}`,
      tone: toneOf(result.level.risk),
    };
  }
  return { label: result.level.label, reasons, tone: toneOf(result.level.risk) };
}

/** How many rows got each outcome, for the summary under the Designate button. */
export function designationCounts(cells: readonly DesignationCell[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const cell of cells) counts.set(cell.label, (counts.get(cell.label) ?? 0) + 1);
  return [...counts.entries()];
}
