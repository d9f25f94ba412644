// Every list that can grow is a Relay connection: paged forward with
// first/after and back with last/before, with PageInfo and totalCount; a size
// out of range or a cursor that is not the list's is refused, naming what the
// argument accepts. Over real HTTP, on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";
import { parseGlobalId } from "../../server/graphql/relay/global-id.js";

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface Page<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: T }[];
}

const PAGE_INFO = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

const ACADEMIES = gql`
  query Academies($first: Int, $after: String, $last: Int, $before: String) {
    academies(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      ${PAGE_INFO}
      edges {
        cursor
        node {
          urn
        }
      }
    }
  }
`;

const HISTORY = gql`
  query History($urn: URN!, $first: Int, $after: String, $last: Int, $before: String) {
    academy(urn: $urn) {
      designationHistory(first: $first, after: $after, last: $last, before: $before) {
        totalCount
        ${PAGE_INFO}
        edges {
          cursor
          node {
            id
            term
            createdAt
            provisional
            insufficientEvidence
          }
        }
      }
    }
  }
`;

const AUDIT = gql`
  query Audit($first: Int, $after: String, $entity: AuditEntity) {
    auditLog(first: $first, after: $after, entity: $entity) {
      totalCount
      ${PAGE_INFO}
      edges {
        node {
          id
          action
          at
        }
      }
    }
  }
`;

const VERSIONS = gql`
  query Versions($id: ID!, $first: Int, $after: String, $last: Int) {
    targetVersions(id: $id, first: $first, after: $after, last: $last) {
      totalCount
      ${PAGE_INFO}
      edges {
        node {
          version
          action
        }
      }
    }
  }
`;

const ALL_URNS = Array.from({ length: 14 }, (_, index) => String(140001 + index));

describe.each(await storesToTest())("Relay connections on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const leader = () => server.client(server.tokens.leader);
  const academies = async (variables: Record<string, unknown>) =>
    (await leader().request<{ academies: Page<{ urn: string }> }>(ACADEMIES, variables)).academies;
  const urnsOf = (page: Page<{ urn: string }>) => page.edges.map((edge) => edge.node.urn);

  describe("academies", () => {
    it("pages forward with first and after through every academy, each once, by URN", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: Page<{ urn: string }> = await academies({ first: 5, after });
        expect(page.totalCount).toBe(14);
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.pageInfo.startCursor).toBe(page.edges[0]!.cursor);
        expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]!.cursor);
        seen.push(...urnsOf(page));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual(ALL_URNS);
    });

    it("pages back with last and before from the end", async () => {
      const last = await academies({ last: 5 });
      expect(urnsOf(last)).toEqual(ALL_URNS.slice(9));
      expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      const before = await academies({ last: 5, before: last.pageInfo.startCursor });
      expect(urnsOf(before)).toEqual(ALL_URNS.slice(4, 9));
      expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
      const start = await academies({ last: 5, before: before.pageInfo.startCursor });
      expect(urnsOf(start)).toEqual(ALL_URNS.slice(0, 4));
      expect(start.pageInfo.hasPreviousPage).toBe(false);
    });

    it("takes the first items between two cursors", async () => {
      const all = await academies({ first: 14 });
      const between = await academies({
        first: 3,
        after: all.edges[2]!.cursor,
        before: all.edges[9]!.cursor,
      });
      expect(urnsOf(between)).toEqual(ALL_URNS.slice(3, 6));
      expect(between.pageInfo.hasNextPage).toBe(true);
      const rest = await academies({
        first: 10,
        after: all.edges[2]!.cursor,
        before: all.edges[9]!.cursor,
      });
      expect(urnsOf(rest)).toEqual(ALL_URNS.slice(3, 9));
      expect(rest.pageInfo.hasNextPage).toBe(false);
    });

    it("answers 50 academies when neither first nor last is given", async () => {
      const page = await academies({});
      expect(urnsOf(page)).toEqual(ALL_URNS);
      expect(page.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    });
  });

  it.each([
    { what: "first: 0", variables: { first: 0 }, field: "first", accepts: "1 to 500" },
    { what: "first: -1", variables: { first: -1 }, field: "first", accepts: "1 to 500" },
    { what: "first: 501", variables: { first: 501 }, field: "first", accepts: "1 to 500" },
    { what: "last: 0", variables: { last: 0 }, field: "last", accepts: "1 to 500" },
    { what: "last: 501", variables: { last: 501 }, field: "last", accepts: "1 to 500" },
    {
      what: "first and last",
      variables: { first: 5, last: 5 },
      field: "last",
      accepts: "first (with after) or last (with before), not both",
    },
    {
      what: "a malformed cursor",
      variables: { first: 5, after: "not-a-cursor" },
      field: "after",
      accepts: "a cursor this list gave",
    },
    {
      what: "a base64 cursor of nothing",
      variables: { first: 5, before: Buffer.from("140001").toString("base64url") },
      field: "before",
      accepts: "a cursor this list gave",
    },
  ])("refuses $what on academies, naming $field and what it accepts", async (row) => {
    const variables: Record<string, unknown> = row.variables;
    const refusal = await refusalOf(leader().request(ACADEMIES, variables));
    expect(refusal.code).toBe("BAD_USER_INPUT");
    expect(refusal.message).toContain("accepts");
    expect(refusal.message).toContain(row.accepts);
    expect(refusal.problems.map((problem) => problem.field)).toContain(row.field);
  });

  it("refuses a cursor of another list, and a nested page over its maximum", async () => {
    const history = await leader().request<{ academy: { designationHistory: Page<unknown> } }>(
      HISTORY,
      { urn: "140001", first: 1 },
    );
    const cursor = history.academy.designationHistory.pageInfo.endCursor;
    expect(cursor).not.toBeNull();
    const foreign = await refusalOf(leader().request(ACADEMIES, { first: 5, after: cursor }));
    expect(foreign).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(foreign.message).toMatch(/^after: .* is not a cursor of this list; it accepts/);
    const nested = await refusalOf(leader().request(HISTORY, { urn: "140001", first: 201 }));
    expect(nested.code).toBe("BAD_USER_INPUT");
    expect(nested.message).toBe("first: 201 is out of range; it accepts 1 to 200");
  });

  describe("an academy's designation history", () => {
    beforeAll(async () => {
      // Three more computed designations for Oakfield (140001), one per term.
      for (const term of ["AUTUMN", "SPRING", "SUMMER"]) {
        const versions = await leader().request<{
          academy: { evidence: { term: string; version: number }[] };
        }>(gql`
          {
            academy(urn: "140001") {
              evidence(year: "2024/25") {
                term
                version
              }
            }
          }
        `);
        const stored = versions.academy.evidence.find((record) => record.term === term);
        await server.client(server.tokens["data-manager"]).request(
          gql`
            mutation Record($term: Term!, $expectedVersion: Int) {
              recordEvidence(
                urn: "140001"
                year: "2024/25"
                term: $term
                expectedVersion: $expectedVersion
                evidence: [{ indicator: "Latest Ofsted judgement", value: "Good" }]
              ) {
                urn
              }
            }
          `,
          { term, expectedVersion: stored?.version ?? null },
        );
      }
    });

    const history = async (variables: Record<string, unknown>) =>
      (
        await leader().request<{
          academy: {
            designationHistory: Page<{
              id: string;
              term: string;
              createdAt: string;
              provisional: boolean;
              insufficientEvidence: boolean;
            }>;
          };
        }>(HISTORY, { urn: "140001", ...variables })
      ).academy.designationHistory;

    it("pages one at a time, newest first, as the database holds them", async () => {
      const prisma = server.handle.prisma;
      const academy = await prisma.academy.findFirstOrThrow({
        where: { trustId: server.handle.demo!.trustId, urn: "140001" },
      });
      const rows = await prisma.designation.findMany({
        where: { academyId: academy.id },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      expect(rows.length).toBeGreaterThanOrEqual(4);
      const seen: { id: string; createdAt: string; provisional: unknown; insufficient: unknown }[] =
        [];
      let after: string | null = null;
      for (;;) {
        const page: Awaited<ReturnType<typeof history>> = await history({ first: 1, after });
        expect(page.totalCount).toBe(rows.length);
        expect(page.edges).toHaveLength(1);
        const { node } = page.edges[0]!;
        seen.push({
          id: parseGlobalId(node.id)!.rowId,
          createdAt: node.createdAt,
          provisional: node.provisional,
          insufficient: node.insufficientEvidence,
        });
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(
        rows.map((row) => ({
          id: row.id,
          createdAt: row.createdAt.toISOString(),
          provisional: row.provisional,
          insufficient: row.insufficientEvidence,
        })),
      );
      const oldest = await history({ last: 1 });
      expect(parseGlobalId(oldest.edges[0]!.node.id)!.rowId).toBe(rows[rows.length - 1]!.id);
      expect(oldest.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      const newerThanOldest = await history({ last: 2, before: oldest.pageInfo.startCursor });
      expect(newerThanOldest.edges.map((edge) => parseGlobalId(edge.node.id)!.rowId)).toEqual(
        rows.slice(-3, -1).map((row) => row.id),
      );
    });
  });

  it("pages the audit log past 500 entries, newest first, each entry once", async () => {
    const prisma = server.handle.prisma;
    const trustId = server.handle.demo!.trustId;
    const base = Date.parse("2024-01-01T00:00:00Z");
    // 620 more entries of public loads, two at each time: the id orders entries of the same time.
    await prisma.auditEntry.createMany({
      data: Array.from({ length: 620 }, (_, index) => ({
        trustId,
        actor: "Paging test",
        action: "publicData.load",
        entity: "PublicImport",
        entityId: String(index),
        at: new Date(base + Math.floor(index / 2) * 1000),
      })),
    });
    const expected = await prisma.auditEntry.findMany({
      where: { trustId, entity: "PublicImport" },
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const answer: { auditLog: Page<{ id: string; action: string; at: string }> } =
        await leader().request(AUDIT, { first: 500, after, entity: "PUBLIC_IMPORT" });
      const { auditLog } = answer;
      expect(auditLog.totalCount).toBe(expected.length);
      seen.push(...auditLog.edges.map((edge) => parseGlobalId(edge.node.id)!.rowId));
      if (!auditLog.pageInfo.hasNextPage) break;
      after = auditLog.pageInfo.endCursor;
    }
    expect(expected.length).toBeGreaterThanOrEqual(620);
    expect(seen).toHaveLength(expected.length);
    expect(seen).toEqual(expected.map((row) => row.id));
  });

  it("pages a target's versions, newest first", async () => {
    const dataManager = server.client(server.tokens["data-manager"]);
    const SET = gql`
      mutation Set($input: TargetInput!) {
        setTarget(input: $input) {
          id
          version
        }
      }
    `;
    const input = {
      urn: "140002",
      year: "2027/28",
      metric: "attendance.absence",
      baseline: 7,
      target: 6,
    };
    let target = (
      await dataManager.request<{ setTarget: { id: string; version: number } }>(SET, { input })
    ).setTarget;
    for (const value of [5.9, 5.8, 5.7])
      target = (
        await dataManager.request<{ setTarget: { id: string; version: number } }>(SET, {
          input: { ...input, target: value, expectedVersion: target.version },
        })
      ).setTarget;
    const versions = async (variables: Record<string, unknown>) =>
      (
        await leader().request<{ targetVersions: Page<{ version: number; action: string }> }>(
          VERSIONS,
          { id: target.id, ...variables },
        )
      ).targetVersions;
    const first = await versions({ first: 3 });
    expect(first.totalCount).toBe(4);
    expect(first.edges.map((edge) => edge.node.version)).toEqual([4, 3, 2]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await versions({ first: 3, after: first.pageInfo.endCursor });
    expect(rest.edges.map((edge) => edge.node)).toEqual([{ version: 1, action: "CREATED" }]);
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const oldest = await versions({ last: 2 });
    expect(oldest.edges.map((edge) => edge.node.version)).toEqual([2, 1]);
  });
});
