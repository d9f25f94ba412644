// The production build: `npm start` runs dist/server/main.js with plain Node
// (no tsx), so the compiled server must start on a new SQLite file, migrate,
// seed the demo trust, answer GraphQL as the source does, serve the add-in,
// and compress what it sends as the client accepts. The compiled database
// command must migrate a database on its own too (what a deployment runs
// before starting new instances).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { buildServer, SERVER_ENTRIES } from "../../server/build.js";
import { projectRoot } from "../../server/db/project-root.js";
import { startChildServer, type ChildServer } from "../support/child-server.js";

const run = promisify(execFile);

const OVERVIEW = `query { trustOverview(year: "2025/26") { trustName academies { academy { urn name } designation { level { label } } } } }`;

describe("the production build (npm start)", () => {
  let dir: string;
  let server: ChildServer;

  beforeAll(async () => {
    const report = await buildServer();
    expect(report.entries.map((entry) => entry.name)).toEqual(Object.keys(SERVER_ENTRIES));
    dir = await mkdtemp(join(tmpdir(), "mat-build-"));
    server = await startChildServer(
      { DATABASE_URL: `file:${join(dir, "mat.db")}`, SEED_DEMO: "true", NODE_ENV: "production" },
      { compiled: true },
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // Node's fetch asks for gzip itself and decodes it: the bytes on the wire are read with node:http.
  const overview = (encoding: string | null) =>
    rawPost(
      `${server.url}/graphql`,
      {
        authorization: `Bearer ${server.tokens["leader"]}`,
        ...(encoding ? { "accept-encoding": encoding } : {}),
      },
      JSON.stringify({ query: OVERVIEW }),
    );

  it("starts from dist/server, seeds the demo trust and answers its leader", async () => {
    expect(Object.keys(server.tokens).sort()).toEqual([
      "academy",
      "data-manager",
      "leader",
      "trust-admin",
    ]);
    const { status, headers, bytes } = await overview(null);
    expect(status).toBe(200);
    // A client that accepts no encoding gets plain JSON.
    expect(headers["content-encoding"]).toBeUndefined();
    const body = JSON.parse(bytes.toString("utf8")) as {
      data: { trustOverview: { trustName: string; academies: { academy: { urn: string } }[] } };
    };
    expect(body.data.trustOverview.trustName).toMatch(/\S/);
    expect(body.data.trustOverview.academies.length).toBeGreaterThanOrEqual(10);
  });

  it("sends the same answer Brotli- or gzip-compressed, as the client accepts, and smaller", async () => {
    const plain = (await overview(null)).bytes;
    for (const [encoding, decode] of [
      ["br", brotliDecompressSync],
      ["gzip", gunzipSync],
    ] as const) {
      const { headers, bytes } = await overview(encoding);
      expect(headers["content-encoding"]).toBe(encoding);
      expect(bytes.length).toBeLessThan(plain.length / 3);
      expect(JSON.parse(decode(bytes).toString("utf8"))).toEqual(JSON.parse(plain.toString()));
    }
  });

  it("serves the add-in's files, compressed", async () => {
    const page = await fetch(`${server.url}/addin/taskpane.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("taskpane.js");
    const script = await rawGet(`${server.url}/addin/taskpane.js`, { "accept-encoding": "br" });
    expect(script.headers["content-encoding"]).toBe("br");
  });

  it("migrates a new database with the compiled command", async () => {
    const url = `file:${join(dir, "migrated.db")}`;
    const first = await run(process.execPath, ["dist/server/migrate.js", "migrate"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production" },
    });
    expect(first.stdout).toMatch(/^Applied to file:.*migrated\.db:\n {2}\d{14}_/);
    const second = await run(process.execPath, ["dist/server/migrate.js", "migrate"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production" },
    });
    expect(second.stdout).toMatch(/is up to date\./);
  });
});

interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly bytes: Buffer;
}

async function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return rawRequest(url, "GET", headers, null);
}

async function rawPost(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<RawResponse> {
  return rawRequest(url, "POST", { ...headers, "content-type": "application/json" }, body);
}

async function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | null,
): Promise<RawResponse> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          bytes: Buffer.concat(chunks),
        }),
      );
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body ?? undefined);
  });
}
