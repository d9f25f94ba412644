// A restart on the same SQLite file keeps what was stored and does not seed
// the demo trust a second time (SQLite only: the embedded default that
// `npm start` uses, where a restart reopens the same file).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { GraphQLClient, gql } from "graphql-request";
import { loadConfig } from "../../server/config.js";
import { bootstrap, type ServerHandle } from "../../server/bootstrap.js";

const ACADEMY = gql`
  query Academy($urn: URN!) {
    academy(urn: $urn) {
      urn
      name
    }
  }
`;

describe("restarting on the same SQLite file", () => {
  let dir: string;
  let databaseUrl: string;
  const started: ServerHandle[] = [];

  async function start(): Promise<ServerHandle> {
    const config = loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SEED_DEMO: "true",
      LOG_LEVEL: "silent",
      NODE_ENV: "test",
    });
    const handle = await bootstrap(config, { logger: pino({ level: "silent" }) });
    started.push(handle);
    return handle;
  }

  const client = (handle: ServerHandle, token: string) =>
    new GraphQLClient(`http://127.0.0.1:${handle.port}/graphql`, {
      headers: { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mat-restart-"));
    databaseUrl = `file:${join(dir, "mat.db")}`;
  });
  afterAll(async () => {
    for (const handle of started) await handle.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps an academy created before the restart, and seeds the demo trust only once", async () => {
    const first = await start();
    expect(first.demo).not.toBeNull();
    const token = first.demo!.tokens["data-manager"].token;
    await client(first, token).request(
      gql`
        mutation Create($input: AcademyInput!) {
          createAcademy(input: $input) {
            urn
          }
        }
      `,
      { input: { urn: "150901", name: "Kept Across Restarts Academy", phase: "SECONDARY" } },
    );
    await first.stop();

    const second = await start();
    expect(second.demo).toBeNull();
    // The token issued at the first start still signs in: only its hash was stored.
    const data = await client(second, token).request<{ academy: { urn: string; name: string } }>(
      ACADEMY,
      { urn: "150901" },
    );
    expect(data.academy).toEqual({ urn: "150901", name: "Kept Across Restarts Academy" });
    expect(await second.prisma.trust.count()).toBe(1);
    expect(await second.prisma.academy.count()).toBe(15);
    // One demo user per role: trust-admin, data-manager, leader, governor, academy.
    expect(await second.prisma.user.count()).toBe(5);
    const demo = await client(second, token).request<{ academy: { name: string } }>(ACADEMY, {
      urn: "140001",
    });
    expect(demo.academy.name).toBe("Oakfield Primary Academy");
  });
});
