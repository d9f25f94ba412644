// `npm run import` as a data manager runs it: a seeded SQLite file, the GIAS,
// links, Ofsted MI, KS2 and an older wide KS4 file named on the command line;
// the output says each file's kind, edition, matches, skips, what is missing
// and what was loaded (England figures included), and a second run loads nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../support/prisma-cli.js";

const F = "test/fixtures/public-data";
const FILES = [
  `${F}/edubasealldata20261130.csv`,
  `${F}/links_edubasealldata20261130.csv`,
  `${F}/ofsted-mi-report-card-era.csv`,
  `${F}/ks2_school_attainment_data.csv`,
  `${F}/2022-2023/england_ks4final.csv`,
];
let dir: string;
let url: string;

const importer = (args: string[]) =>
  run(process.execPath, ["--import", "tsx", "server/cli/import-public-data.ts", ...args], {
    DATABASE_URL: url,
    LOG_LEVEL: "silent",
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mat-import-cli-"));
  url = `file:${join(dir, "mat.db")}`;
  const seeded = await run(process.execPath, ["--import", "tsx", "server/cli/seed.ts"], {
    DATABASE_URL: url,
    LOG_LEVEL: "silent",
  });
  expect(seeded.code, seeded.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run import", () => {
  it("prints each file's kind, edition, matches, skips, what is missing and what it loaded", async () => {
    const result = await importer([
      "--trust",
      "TR04567",
      "--designation-year",
      "2026/27",
      ...FILES,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain("Loading into Northern Lights Academy Trust (TR04567)");
    expect(out).toContain(
      "edubasealldata20261130.csv: GIAS establishments, edition 2024-09-01 (17 rows, win1252)",
    );
    expect(out).toContain("links_edubasealldata20261130.csv: GIAS links");
    expect(out).toContain("  predecessor links added or changed: 2");
    expect(out).toContain(
      "ofsted-mi-report-card-era.csv: Ofsted management information, edition 2026-07-31 (15 rows, win1252)",
    );
    expect(out).toContain("  values loaded: 158; unchanged: 0");
    expect(out).toContain(
      "ks2_school_attainment_data.csv: DfE KS2 school results, edition 2024/25 (11 rows, ascii)",
    );
    expect(out).toContain("  England figures: 1 loaded as national benchmarks; unchanged: 0");
    expect(out).toContain("  England figures in the file: ks2.rwmExpected 2024/25 62");
    expect(out).toContain(
      "england_ks4final.csv: DfE KS4 school results, edition 2022/23 (4 rows, ascii)",
    );
    expect(out).toContain("  missing from the file: 140003, 140006, 140009, 140012");
  }, 120_000);

  it("loads nothing the second time", async () => {
    const result = await importer([
      "--trust",
      "TR04567",
      "--designation-year",
      "2026/27",
      ...FILES.slice(2),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("  values loaded: 0; unchanged: 158");
    expect(result.stdout).toContain(
      "  England figures: 0 loaded as national benchmarks; unchanged: 1",
    );
    expect(result.stdout).not.toContain("designations for 2026/27 changed");
  }, 120_000);

  it("refuses an unknown trust and a file it does not recognise, saying why", async () => {
    const unknown = await importer(["--trust", "TR00000", FILES[0]!]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("No trust with UID TR00000; the trusts are TR04567");
    const odd = await importer(["--trust", "TR04567", "package.json"]);
    expect(odd.code).toBe(1);
    expect(odd.stderr).toContain("package.json: not a public data file");
  }, 120_000);
});
