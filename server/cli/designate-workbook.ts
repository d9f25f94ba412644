// Designates every academy in a risk-matrix workbook under each preset and
// prints a table: `npm run designate -- path/to/risk-matrix.xlsx [framework]`.
import { fileURLToPath } from "node:url";
import { DomainError, presets, readEvidence, type CompiledFramework } from "../domain/index.js";
import { readRiskMatrix } from "../workbook/risk-matrix-sheet.js";

const SAMPLE = fileURLToPath(new URL("../../test/fixtures/risk-matrix.xlsx", import.meta.url));

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

export async function designateWorkbook(
  file: string,
  frameworks: readonly CompiledFramework[],
): Promise<string> {
  const sheet = await readRiskMatrix(file);
  const lines: string[] = [];
  lines.push(
    `${sheet.sheetName}: ${sheet.rows.length} academies, ${sheet.mapped.length} indicator columns`,
  );
  if (sheet.unmapped.length > 0)
    lines.push(`Columns not mapped to an indicator: ${sheet.unmapped.join(", ")}`);
  lines.push("");
  const header = [
    pad("URN", 7),
    pad("Academy", 26),
    ...frameworks.map((framework) => pad(framework.key, 30)),
  ];
  lines.push(header.join(" "), "-".repeat(header.join(" ").length));
  const errors: string[] = [];
  for (const row of sheet.rows) {
    const cells = [pad(row.urn ?? "", 7), pad(row.name ?? `row ${row.row}`, 26)];
    try {
      const evidence = readEvidence(row.entries);
      for (const framework of frameworks) {
        const designation = framework.designate(evidence, { year: "2025/26" });
        cells.push(pad(designation.level?.label ?? "Insufficient evidence", 30));
      }
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errors.push(`Row ${row.row}: ${error.problems.map((problem) => problem.message).join("; ")}`);
      cells.push(pad("(cannot read this row)", 30));
    }
    lines.push(cells.join(" "));
  }
  if (errors.length > 0) lines.push("", ...errors);
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file = SAMPLE, only] = process.argv.slice(2);
  const all = [...presets().values()];
  const chosen = only ? all.filter((framework) => framework.key === only) : all;
  if (chosen.length === 0) {
    console.error(
      `Unknown framework "${only}"; presets are ${all.map((framework) => framework.key).join(", ")}`,
    );
    process.exit(2);
  }
  console.log(await designateWorkbook(file, chosen));
}
