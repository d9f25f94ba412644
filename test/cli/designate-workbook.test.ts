// `npm run designate` on workbooks laid out and headed as seeds 000-004 lay
// them out: the header row is found under group headings, the seeds' own
// spellings are read as each seed means them, percent cells as Excel shows
// them, and every academy gets the level DOMAIN.md's rules give.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presets } from "../../server/domain/index.js";
import {
  designateWorkbookResults,
  wrap,
  type DesignateWorkbookOptions,
} from "../../server/cli/designate-workbook.js";
import { buildSeedMatrix, SEED_MATRICES, type SeedMatrix } from "../fixtures/seed-matrices.js";

let folder: string;
const files = new Map<string, string>();

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "seed-matrices-"));
  for (const matrix of SEED_MATRICES) files.set(matrix.seed, await buildSeedMatrix(matrix, folder));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function run(matrix: SeedMatrix, options: DesignateWorkbookOptions = {}) {
  const framework = presets().get(matrix.framework)!;
  return designateWorkbookResults(files.get(matrix.seed)!, [framework], {
    year: "2025/26",
    ...options,
  });
}

describe("npm run designate on the seeds' own layouts", () => {
  it.each(SEED_MATRICES.map((matrix) => [matrix.seed, matrix.framework, matrix] as const))(
    "reads seed %s's matrix under %s as DOMAIN.md's rules say",
    async (_seed, _framework, matrix) => {
      const { results } = await run(matrix);
      const academies = matrix.academies.filter((academy) => academy !== null);
      expect(results.map((result) => [result.academy, result.level, result.provisional])).toEqual(
        academies.map((academy) => [academy.name, academy.expected, academy.provisional ?? false]),
      );
      expect(results.flatMap((result) => result.problems)).toEqual([]);
    },
  );

  it("skips seed 002's group headings and never reads the header row as an academy", async () => {
    const { text, results } = await run(SEED_MATRICES[0]!);
    expect(text).toContain("Header row 2 (row 1 above it: headings, skipped)");
    expect(results.map((result) => result.academy)).not.toContain("Academy");
    expect(text).toContain("Current Status judgement 1-3 -> not evidence (framework)");
    expect(text).toContain("Safeguarding -> qa.safeguarding (framework)");
  });

  it("reads the sheet the user picks", async () => {
    const { text, results } = await run(SEED_MATRICES[0]!, { sheet: "2024-25" });
    expect(text).toContain('Sheet "2024-25"');
    expect(results).toMatchObject([{ academy: "Carleton High", level: "category1" }]);
  });

  it("names the sheets when the one asked for is not there", async () => {
    await expect(run(SEED_MATRICES[0]!, { sheet: "2023-24" })).rejects.toThrow(
      'No sheet called "2023-24" in the workbook; its sheets are "Matrix", "2024-25"',
    );
  });

  it("asks about an ambiguous header, with its choices, and blocks only the frameworks that use it", async () => {
    const all = [...presets().values()];
    const { text, results } = await designateWorkbookResults(files.get("002")!, all, {
      year: "2025/26",
    });
    expect(text).toContain(
      "Safeguarding -> phase-model: ambiguous: ofsted.safeguarding or qa.safeguarding?",
    );
    const carleton = results.filter((result) => result.academy === "Carleton High");
    expect(carleton.find((result) => result.framework === "risk-matrix")?.level).toBe("category3");
    expect(carleton.find((result) => result.framework === "phase-model")?.problems).toContainEqual(
      expect.stringMatching(
        /^row 3, column K \(Safeguarding\): "Safeguarding" could mean Ofsted safeguarding \(ofsted.safeguarding\) or Trust safeguarding audit \(qa.safeguarding\)/,
      ),
    );
    expect(text).toContain(
      'phase-model: every row, column K (Safeguarding): "Safeguarding" could mean',
    );
  });

  it("uses the trust's column map from a JSON file before the framework's aliases", async () => {
    const map = join(folder, "columns.json");
    await writeFile(
      map,
      JSON.stringify({
        Safeguarding: "ofsted.safeguarding",
        "Behaviour & Attitudes": "qa.behaviourAndAttitudes",
        "Personal Development": null,
      }),
    );
    const { stdout } = await promisify(execFile)(
      "npx",
      [
        "tsx",
        "server/cli/designate-workbook.ts",
        files.get("002")!,
        "phase-model",
        "--columns",
        map,
        "--reasons",
        "--year",
        "2025/26",
      ],
      { cwd: process.cwd() },
    );
    expect(stdout).toContain("Safeguarding -> ofsted.safeguarding (column map)");
    expect(stdout).not.toContain("cannot read this row");
    expect(stdout).toContain("Ofsted (OE, inferred");
  });

  it("prints reasons and coverage on request, with the national figure's phase and year", async () => {
    const { text } = await run(SEED_MATRICES[4]!, { reasons: true });
    expect(text).toContain(
      "Overall absence 7.5% is at or below 8.9% (national (secondary, 2023/24) 8.9%): Tier 1 Lead",
    );
    expect(text).toContain(
      "Overall absence 6.8% is at or below 8.5% (national (primary, 2023/24) 5.5% + 3): Tier 3 Reinvent",
    );
    expect(text).toContain("a special school is not compared with a national figure");
    expect(text).toContain("Alpha Junior, tiered-support: used inspection");
    expect(text).toContain("provisional: no overall absence");
  });

  it("takes the current academic year from today's date when --year is not given", async () => {
    const { text } = await designateWorkbookResults(
      files.get("000")!,
      [presets().get("phase-model")!],
      {},
    );
    const now = new Date();
    const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    expect(text).toContain(`year ${start}/${String((start + 1) % 100).padStart(2, "0")}`);
  });

  it.each([
    ["Category 2: targeted support or not meeting its Ofsted judgement", 30],
    ["D: Challenged and Vulnerable (Stabilise)", 30],
  ])("wraps %j at word boundaries, never mid-word", (label, width) => {
    const lines = wrap(label, width);
    expect(lines.join(" ")).toBe(label);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
  });
});
