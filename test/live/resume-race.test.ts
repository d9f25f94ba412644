// The race that lost events when clients resumed by time: two overlapping
// changes, the one that began later commits (and is published) first, and a
// subscriber drops between them. Resuming from the cursor of the last change it
// saw, it receives the other one, and nothing twice. For each of the three
// streams, on PostgreSQL (the store where transactions overlap; SQLite has one
// writer). The older change is held back by a row lock another transaction
// takes, so the order is forced, not hoped for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { subscribe } from "../support/subscriber.js";
import { postgresAvailable } from "../support/postgres.js";

const postgres = await postgresAvailable();

interface Change {
  cursor: string;
  urn: string;
  at: string;
  measurement?: { id: string; createdAt: string; value: number };
}

const LIVE_CURSOR = gql`
  {
    liveCursor
  }
`;

const RECORD = gql`
  mutation ($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      id
    }
  }
`;
const CONFIRM = gql`
  mutation ($urn: URN!, $agreedOn: Date!) {
    confirmDesignation(urn: $urn, agreedOn: $agreedOn) {
      __typename
    }
  }
`;
const SET_TARGET = gql`
  mutation ($input: TargetInput!) {
    setTarget(input: $input) {
      version
    }
  }
`;

describe.skipIf(!postgres)("resuming after a dropped connection on PostgreSQL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("postgresql");
  });
  afterAll(async () => {
    await server?.stop();
  });

  const leader = () => server.client(server.tokens.leader);
  const dataManager = () => server.client(server.tokens["data-manager"]);
  const prisma = () => server.handle.prisma;
  const academyId = async (urn: string) =>
    (await prisma().academy.findFirstOrThrow({ where: { urn } })).id;

  /**
   * Holds a row lock from another transaction until released, so that a
   * change needing that row waits (after it has begun) until then.
   */
  async function holdLock(lockSql: (tx: ReturnType<typeof prisma>) => Promise<unknown>) {
    let release: () => void = () => undefined;
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const mayRelease = new Promise<void>((resolve) => (release = resolve));
    const holding = prisma().$transaction(
      async (tx) => {
        await lockSql(tx as unknown as ReturnType<typeof prisma>);
        locked();
        await mayRelease;
      },
      { timeout: 30_000 },
    );
    await isLocked;
    return { release, holding };
  }

  /** Resolves once some statement waits for a lock (polling PostgreSQL's lock table). */
  async function someoneWaits(): Promise<void> {
    for (let tries = 0; tries < 1000; tries++) {
      const [row] = await prisma().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`;
      if (row!.n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("the older change never waited for the lock");
  }

  const cases = [
    {
      stream: "progressChanged",
      query: `subscription($after: String) { progressChanged(after: $after) { cursor urn at measurement { id createdAt value } } }`,
      lock: async (tx: ReturnType<typeof prisma>) =>
        tx.$queryRaw`SELECT 1 FROM "Academy" WHERE id = ${await academyId("140002")} FOR UPDATE`,
      older: () =>
        dataManager().request(RECORD, {
          input: {
            urn: "140002",
            year: "2025/26",
            metric: "attendance.absence",
            period: "SUMMER2",
            value: 4.1,
          },
        }),
      newer: (value = 4.2) =>
        dataManager().request(RECORD, {
          input: {
            urn: "140001",
            year: "2025/26",
            metric: "attendance.absence",
            period: "SUMMER2",
            value,
          },
        }),
      olderUrn: "140002",
      newerUrn: "140001",
    },
    {
      stream: "designationChanged",
      query: `subscription($after: String) { designationChanged(after: $after) { cursor urn at } }`,
      lock: async (tx: ReturnType<typeof prisma>) =>
        tx.$queryRaw`SELECT 1 FROM "Academy" WHERE id = ${await academyId("140003")} FOR UPDATE`,
      older: () => leader().request(CONFIRM, { urn: "140003", agreedOn: "2025-10-14" }),
      newer: () => leader().request(CONFIRM, { urn: "140004", agreedOn: "2025-10-14" }),
      olderUrn: "140003",
      newerUrn: "140004",
    },
    {
      stream: "targetChanged",
      query: `subscription($after: String) { targetChanged(after: $after) { cursor urn at target { status } } }`,
      lock: async (tx: ReturnType<typeof prisma>) =>
        tx.$queryRaw`SELECT 1 FROM "Target" WHERE "academyId" = ${await academyId("140005")} FOR UPDATE`,
      older: async () => moveTarget("140005"),
      newer: async () => moveTarget("140006"),
      olderUrn: "140005",
      newerUrn: "140006",
    },
  ];

  /** Changes one of an academy's targets (a data manager's edit, with the version it has now). */
  async function moveTarget(urn: string) {
    const target = await prisma().target.findFirstOrThrow({
      where: { academyId: await academyId(urn), metric: "attendance.absence" },
    });
    return dataManager().request(SET_TARGET, {
      input: {
        urn,
        year: target.year,
        metric: target.metric,
        baseline: target.baseline,
        target: Math.round((target.target - 0.1) * 10) / 10,
        expectedVersion: target.version,
        reason: "race test",
      },
    });
  }

  it.each(cases)(
    "$stream: a subscriber that drops between two overlapping changes receives the one committed later after resuming from its cursor, and nothing twice",
    async ({ stream, query, lock, older, newer, olderUrn, newerUrn }) => {
      const { liveCursor } = await leader().request<{ liveCursor: string }>(LIVE_CURSOR);
      const first = subscribe<Record<string, Change>>(server.url, server.tokens.leader, query, {
        after: liveCursor,
      });
      await first.ready;

      const { release, holding } = await holdLock(lock);
      const olderDone = older();
      await someoneWaits();
      await newer();
      const [seen] = await first.waitFor(1);
      expect(seen![stream]!.urn).toBe(newerUrn);
      await first.dispose();

      release();
      await Promise.all([holding, olderDone]);

      const resumed = subscribe<Record<string, Change>>(server.url, server.tokens.leader, query, {
        after: seen![stream]!.cursor,
      });
      const [caughtUp] = await resumed.waitFor(1);
      expect(caughtUp![stream]!.urn).toBe(olderUrn);
      if (stream === "progressChanged") {
        // The lost event of old: its own time is before the time of the one seen.
        expect(Date.parse(caughtUp![stream]!.measurement!.createdAt)).toBeLessThan(
          Date.parse(seen![stream]!.measurement!.createdAt),
        );
      }
      await newer();
      const all = await resumed.waitFor(2);
      expect(all.map((event) => event[stream]!.urn)).toEqual([olderUrn, newerUrn]);
      expect(new Set(all.map((event) => event[stream]!.cursor)).size).toBe(2);
      expect(all.map((event) => event[stream]!.cursor)).not.toContain(seen![stream]!.cursor);
      await resumed.dispose();
    },
  );

  it("tells a client whose cursor belongs to another trust what to pass instead", async () => {
    const stranger = Buffer.from("live1:someone-else:3").toString("base64url");
    const client = subscribe<Record<string, Change>>(
      server.url,
      server.tokens.leader,
      `subscription($after: String) { progressChanged(after: $after) { cursor } }`,
      { after: stranger },
    );
    await client.ready;
    await expect
      .poll(() => JSON.stringify(client.errors), { timeout: 5_000 })
      .toContain("is not a cursor for your trust");
    await client.dispose();
  });
});
