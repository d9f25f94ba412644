// The Python recipe (docs/clients.md "Python"), run as a trust's data team
// would run it: examples/python/record_evidence.py with the system python3
// and requests, against a real server. It pages through the academies (5 a
// page, so 14 academies take three pages), records each row of a CSV file as
// the term's evidence with the version it read, and says what it refused.
// Without python3 or requests the test is skipped with the reason, except
// under CI=true, where that fails.
import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, type TestServer } from "../support/test-server.js";

const SCRIPT = fileURLToPath(new URL("../../examples/python/record_evidence.py", import.meta.url));

/** Why the recipe cannot run here, or null when python3 with requests is present. */
function pythonMissing(): string | null {
  const probe = spawnSync("python3", ["-c", "import requests"], { encoding: "utf8" });
  if (probe.error) return `python3 is not installed (${probe.error.message})`;
  if (probe.status !== 0) return `python3 has no requests package: ${probe.stderr.trim()}`;
  return null;
}

const missing = pythonMissing();
if (missing && process.env.CI === "true")
  throw new Error(`The Python recipe must run under CI: ${missing}`);
if (missing) console.warn(`Skipping the Python recipe: ${missing}`);

const EVIDENCE = gql`
  query Evidence($urn: URN!) {
    academy(urn: $urn) {
      evidence(year: "2025/26") {
        term
        version
        entries {
          indicator
          value
        }
      }
    }
  }
`;

interface EvidenceAnswer {
  academy: {
    evidence: { term: string; version: number; entries: { indicator: string; value: string }[] }[];
  };
}

describe.skipIf(missing !== null)("the Python recipe: record_evidence.py", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
    dir = await mkdtemp(join(tmpdir(), "mat-python-"));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs the script (never synchronously: the server answers from this process). */
  async function run(csv: string, token: string) {
    const file = join(dir, "evidence.csv");
    await writeFile(file, csv);
    const args = [SCRIPT, "--server", server.url, "--year", "2025/26", "--term", "SPRING"];
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "python3",
        [...args, "--page-size", "5", file],
        { encoding: "utf8", env: { ...process.env, MAT_TOKEN: token }, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({
            status: error ? (typeof error.code === "number" ? error.code : null) : 0,
            stdout,
            stderr,
          }),
      );
    });
  }

  it("pages through the academies and records each row with the version it read, naming the designation", async () => {
    const before = await server
      .client(server.tokens.leader)
      .request<EvidenceAnswer>(EVIDENCE, { urn: "140003" });
    const spring = before.academy.evidence.find((record) => record.term === "SPRING");
    const result = await run(
      [
        "urn,P8,Latest Ofsted judgement,PA %",
        "140003,-0.62,Good,",
        "140014,0.1,Requires improvement,22",
      ].join("\n"),
      server.tokens["data-manager"],
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^140003 Hillcrest School: recorded \(version \d+\), .+/),
      expect.stringMatching(/^140014 Bridge Alternative Provision: recorded \(version 1\), .+/),
      "14 academies read, 2 recorded, 0 refused",
    ]);
    const after = await server
      .client(server.tokens.leader)
      .request<EvidenceAnswer>(EVIDENCE, { urn: "140003" });
    const recorded = after.academy.evidence.find((record) => record.term === "SPRING")!;
    expect(recorded.version).toBe((spring?.version ?? 0) + 1);
    expect(recorded.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ indicator: "P8", value: "-0.62" }),
        expect.objectContaining({ indicator: "Latest Ofsted judgement", value: "Good" }),
      ]),
    );
  });

  it("says which rows it could not record, with the server's reason, and exits 1", async () => {
    const result = await run(
      ["urn,P8", "140001,Goodish", "159999,0.2"].join("\n"),
      server.tokens["data-manager"],
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /^140001 Oakfield Primary Academy: refused \(BAD_USER_INPUT\): .*Goodish/m,
    );
    expect(result.stdout).toContain("159999: not an academy of your trust");
    expect(result.stdout).toContain("14 academies read, 0 recorded, 2 refused");
  });

  it("is refused for a role that may not record evidence", async () => {
    const result = await run(["urn,P8", "140001,0.1"].join("\n"), server.tokens.leader);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^140001 .*: refused \(FORBIDDEN\)/m);
  });
});
