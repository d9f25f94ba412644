// Every change leaves an audit entry (who, when, what, before and after) that
// trust admins and leaders can read, and only for their own trust; requests
// over the per-token rate limit are refused with 429 and Retry-After.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { graphQLErrorOf, startTestServer, type TestServer } from "../support/test-server.js";
import { issueToken } from "../../server/auth/tokens.js";

const AUDIT = gql`
  query ($entity: AuditEntity) {
    auditLog(first: 10, entity: $entity) {
      totalCount
      edges {
        node {
          actor {
            name
            role
          }
          actorName
          action
          entity
          entityId
          changes {
            field
            before
            after
          }
          at
        }
      }
    }
  }
`;

type Log = { totalCount: number; edges: { node: Entry }[] };

type Entry = {
  actor: { name: string; role: string } | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  changes: { field: string; before: unknown; after: unknown }[];
  at: string;
};

describe("audit log", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("records a change with who, what, before and after, newest first", async () => {
    await server.client(server.tokens["data-manager"]).request(gql`
      mutation {
        updateAcademy(urn: "140002", input: { name: "Riverside Academy (renamed)" }) {
          urn
        }
      }
    `);
    const { auditLog } = await server
      .client(server.tokens.leader)
      .request<{ auditLog: Log }>(AUDIT, { entity: "ACADEMY" });
    const entry = auditLog.edges[0]!.node;
    expect(entry.action).toBe("ACADEMY_UPDATE");
    expect(entry.entity).toBe("ACADEMY");
    expect(entry.actor).toEqual({ name: "Demo data-manager", role: "DATA_MANAGER" });
    expect(entry.actorName).toBe("Demo data-manager");
    // Only the field that changed, before and after; no internal ids.
    expect(entry.changes).toEqual([
      { field: "name", before: "Riverside Academy", after: "Riverside Academy (renamed)" },
    ]);
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(60_000);
  });

  it("keeps each trust's audit log to itself and from roles that may not read it", async () => {
    const prisma = server.handle.prisma;
    const other = await prisma.trust.create({ data: { uid: "TR03333", name: "Other Trust" } });
    const outsider = await issueToken(prisma, {
      trustId: other.id,
      role: "trust-admin",
      name: "Other admin",
    });
    const { auditLog } = await server.client(outsider.token).request<{ auditLog: Log }>(AUDIT, {});
    expect(auditLog).toEqual({ totalCount: 0, edges: [] });
    const refused = await server
      .client(server.tokens["data-manager"])
      .request(AUDIT, {})
      .catch(graphQLErrorOf);
    expect(refused.code).toBe("FORBIDDEN");
  });
});

describe("rate limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { RATE_LIMIT_PER_MINUTE: "5" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const ask = (token: string) =>
    fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ me { role } }" }),
    });

  it("refuses the sixth request in a minute from one token, naming the limit, and not another token's", async () => {
    for (let request = 0; request < 5; request++)
      expect((await ask(server.tokens.leader)).status).toBe(200);
    const refused = await ask(server.tokens.leader);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("the limit is 5 a minute");
    expect((await ask(server.tokens["data-manager"])).status).toBe(200);
  });
});
