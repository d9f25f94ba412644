// node(id) (Relay): every Node type the viewer may see is fetched again by its
// global id; another trust's object, or an academy the viewer does not see, is
// null with NOT_FOUND and nothing of it in the answer, sibling fields intact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";
import { issueToken } from "../../server/auth/tokens.js";
import { globalId, parseGlobalId } from "../../server/graphql/relay/global-id.js";

const YEAR = "2025/26";

/** One id of each Node type, as the API gives them. */
const IDS = gql`
  query Ids($year: AcademicYear!) {
    academy(urn: "140001") {
      id
      designationHistory(first: 1) {
        edges {
          node {
            id
          }
        }
      }
      evidence {
        id
      }
    }
    academyCard(urn: "140001", year: $year) {
      targets {
        id
        measurements {
          id
        }
      }
    }
    auditLog(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const NODE = gql`
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Academy {
        urn
        name
      }
      ... on Target {
        urn
        metric
      }
      ... on Measurement {
        metric
      }
      ... on StoredDesignation {
        year
      }
      ... on DesignationDecision {
        level {
          key
        }
      }
      ... on EvidenceRecord {
        term
      }
      ... on AuditEntry {
        action
      }
    }
    me {
      role
    }
  }
`;

interface Answer {
  status: number;
  data: { node: Record<string, unknown> | null; me: { role: string } | null } | null;
  errors: { message: string; extensions: { code: string } }[];
  body: string;
}

describe.each(await storesToTest())("node(id) on %s", (store) => {
  let server: TestServer;
  let ids: Record<string, string>;
  let otherAdmin: string;
  beforeAll(async () => {
    server = await startTestServer(store);
    // A decision for Oakfield, so DesignationDecision has an id to fetch.
    await server.client(server.tokens.leader).request(gql`
      mutation {
        decideDesignation(
          urn: "140001"
          year: "2025/26"
          body: "Trust Board"
          agreedOn: "2025-10-14"
        ) {
          decision {
            id
          }
        }
      }
    `);
    const data = await server.client(server.tokens.leader).request<{
      academy: {
        id: string;
        designationHistory: { edges: { node: { id: string } }[] };
        evidence: { id: string }[];
      };
      academyCard: { targets: { id: string; measurements: { id: string }[] }[] };
      auditLog: { edges: { node: { id: string } }[] };
    }>(IDS, { year: YEAR });
    const decisions = await server.client(server.tokens.leader).request<{
      academy: { designationDecisions: { edges: { node: { id: string } }[] } };
    }>(gql`
      {
        academy(urn: "140001") {
          designationDecisions(first: 1) {
            edges {
              node {
                id
              }
            }
          }
        }
      }
    `);
    const target = data.academyCard.targets.find((entry) => entry.measurements.length > 0)!;
    ids = {
      Academy: data.academy.id,
      StoredDesignation: data.academy.designationHistory.edges[0]!.node.id,
      EvidenceRecord: data.academy.evidence[0]!.id,
      Target: target.id,
      Measurement: target.measurements[0]!.id,
      AuditEntry: data.auditLog.edges[0]!.node.id,
      DesignationDecision: decisions.academy.designationDecisions.edges[0]!.node.id,
    };
    const other = await server.handle.prisma.trust.create({
      data: { uid: "TR07777", name: "Other Trust" },
    });
    otherAdmin = (
      await issueToken(server.handle.prisma, {
        trustId: other.id,
        role: "trust-admin",
        name: "Other admin",
      })
    ).token;
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function node(token: string, id: string): Promise<Answer> {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: NODE, variables: { id } }),
    });
    const body = await response.text();
    const json = JSON.parse(body) as Pick<Answer, "data" | "errors">;
    return { status: response.status, data: json.data, errors: json.errors ?? [], body };
  }

  const TYPES = [
    "Academy",
    "AuditEntry",
    "DesignationDecision",
    "EvidenceRecord",
    "Measurement",
    "StoredDesignation",
    "Target",
  ];

  it.each(TYPES)("fetches a %s again by the id the API gave it", async (type) => {
    const id = ids[type]!;
    expect(parseGlobalId(id)?.type).toBe(type);
    const answer = await node(server.tokens.leader, id);
    expect(answer.errors).toEqual([]);
    expect(answer.data?.node).toMatchObject({ __typename: type, id });
    if (type === "Academy") expect(answer.data?.node).toMatchObject({ urn: "140001" });
    if (type === "Target") expect(answer.data?.node).toMatchObject({ urn: "140001" });
  });

  it.each(TYPES)(
    "answers another trust's admin null and NOT_FOUND for a %s, showing nothing of it",
    async (type) => {
      const answer = await node(otherAdmin, ids[type]!);
      expect(answer.data).toEqual({ node: null, me: { role: "TRUST_ADMIN" } });
      expect(answer.errors.map((error) => error.extensions.code)).toEqual(["NOT_FOUND"]);
      expect(answer.body).not.toContain("Oakfield");
      expect(answer.body).not.toContain("140001");
    },
  );

  it("answers the academy user NOT_FOUND for an academy it does not see, and its own academy", async () => {
    const riverside = await server.handle.prisma.academy.findFirstOrThrow({
      where: { trustId: server.handle.demo!.trustId, urn: "140002" },
    });
    const hidden = await node(server.tokens.academy, globalId("Academy", riverside.id));
    expect(hidden.data?.node).toBeNull();
    expect(hidden.errors.map((error) => error.extensions.code)).toEqual(["NOT_FOUND"]);
    expect(hidden.body).not.toContain("Riverside");
    const own = await node(server.tokens.academy, ids.Academy!);
    expect(own.data?.node).toMatchObject({ __typename: "Academy", urn: "140001" });
  });

  it("answers FORBIDDEN for an audit entry to a role that may not read the log", async () => {
    const answer = await node(server.tokens["data-manager"], ids.AuditEntry!);
    expect(answer.data).toEqual({ node: null, me: { role: "DATA_MANAGER" } });
    expect(answer.errors.map((error) => error.extensions.code)).toEqual(["FORBIDDEN"]);
  });

  it.each([
    ["a word", "nope"],
    ["a row id", "ckxyz0000000000000000000"],
    ["an unknown type", Buffer.from("Trust:abc").toString("base64url")],
  ])("answers BAD_USER_INPUT for %s, saying what id accepts", async (_, id) => {
    const answer = await node(server.tokens.leader, id);
    expect(answer.data?.node).toBeNull();
    expect(answer.data?.me).toEqual({ role: "LEADER" });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]!.extensions.code).toBe("BAD_USER_INPUT");
    expect(answer.errors[0]!.message).toContain("accepts the id field of a Node");
  });

  it("takes a target's global id, or its row id, where a target id is asked for", async () => {
    const VERSIONS = gql`
      query Versions($id: ID!) {
        targetVersions(id: $id) {
          totalCount
        }
      }
    `;
    const leader = server.client(server.tokens.leader);
    const byGlobal = await leader.request<{ targetVersions: { totalCount: number } }>(VERSIONS, {
      id: ids.Target,
    });
    const byRow = await leader.request<{ targetVersions: { totalCount: number } }>(VERSIONS, {
      id: parseGlobalId(ids.Target!)!.rowId,
    });
    expect(byGlobal.targetVersions.totalCount).toBeGreaterThan(0);
    expect(byRow).toEqual(byGlobal);
    const wrongType = await refusalOf(leader.request(VERSIONS, { id: ids.Academy }));
    expect(wrongType.code).toBe("BAD_USER_INPUT");
    expect(wrongType.message).toBe(
      `id: "${ids.Academy}" is a global id of type Academy; it accepts the id of a Target (a global id of type Target)`,
    );
  });
});
