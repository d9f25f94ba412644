// A page of academies with the fields the task pane and an API client ask of
// each one (evidence, the designation that counts, its history and the
// trust's decisions) is read in the same number of SQL statements whether the
// page holds 10 academies or 100: every per-academy field is batched.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { EVIDENCE_VERSIONS, type EvidenceVersionsResult } from "../../addin/taskpane/api/index.js";

const YEAR = "2025/26";

const PAGE = gql`
  query Page($first: Int!, $year: AcademicYear!) {
    academies(first: $first) {
      totalCount
      edges {
        node {
          urn
          name
          phase
          evidence(year: $year) {
            term
            version
          }
          designation(year: $year) {
            status
            level {
              key
            }
          }
          designationHistory(first: 10) {
            totalCount
            edges {
              node {
                year
                term
                computed {
                  key
                }
              }
            }
          }
          designationDecisions(first: 10) {
            totalCount
            edges {
              node {
                level {
                  key
                }
                agreedOn
              }
            }
          }
        }
      }
    }
  }
`;

interface PageData {
  academies: {
    totalCount: number;
    edges: {
      node: {
        urn: string;
        evidence: { term: string; version: number }[];
        designation: { status: string; level: { key: string } | null } | null;
        designationHistory: {
          totalCount: number;
          edges: { node: { year: string; term: string } }[];
        };
        designationDecisions: {
          totalCount: number;
          edges: { node: { level: { key: string }; agreedOn: string } }[];
        };
      };
    }[];
  };
}

describe.each(await storesToTest())("a page of academies on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
    const dataManager = server.client(server.tokens["data-manager"]);
    const urns = Array.from({ length: 120 }, (_, index) => String(160000 + index));
    await dataManager.request(
      gql`
        mutation Import($rows: [AcademyInput!]!) {
          importAcademies(rows: $rows) {
            created
          }
        }
      `,
      {
        rows: urns.map((urn, index) => ({
          urn,
          name: `Page Academy ${index}`,
          phase: index % 2 === 0 ? "PRIMARY" : "SECONDARY",
        })),
      },
    );
    for (const term of ["AUTUMN", "SUMMER"])
      await dataManager.request(
        gql`
          mutation Batch($term: Term!, $rows: [RecordEvidenceRowInput!]!) {
            recordEvidenceBatch(year: "2025/26", term: $term, rows: $rows) {
              urn
            }
          }
        `,
        {
          term,
          rows: urns.map((urn, index) => ({
            urn,
            evidence: [
              { indicator: "Latest Ofsted judgement", value: index % 3 === 0 ? "Good" : "RI" },
            ],
          })),
        },
      );
    // A decision for each academy, straight into the database: deciding is
    // the designation API's to test; here only the page's reads count.
    const prisma = server.handle.prisma;
    const trustId = server.handle.demo!.trustId;
    const trust = await prisma.trust.findUniqueOrThrow({ where: { id: trustId } });
    const academies = await prisma.academy.findMany({ where: { trustId, urn: { in: urns } } });
    await prisma.designationDecision.createMany({
      data: academies.map((academy) => ({
        trustId,
        academyId: academy.id,
        frameworkKey: trust.frameworkKey,
        year: YEAR,
        level: "sustain",
        decidedBy: "Page test",
        decidedById: "page-test",
        body: "Trust Board",
        agreedOn: "2025-10-14",
        reason: "agreed for the page test",
      })),
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** The statements one request takes, and its answer. */
  async function statementsOf<T>(document: string, variables: Record<string, unknown>) {
    const leader = server.client(server.tokens.leader);
    // One request first, so statements still in flight from earlier requests are not counted.
    await leader.request(document, variables);
    server.handle.resetQueryCount();
    const data = await leader.request<T>(document, variables);
    return { statements: server.handle.queryCount(), data };
  }

  async function statementsFor(first: number) {
    const { statements, data } = await statementsOf<PageData>(PAGE, { first, year: YEAR });
    return { statements, page: data.academies };
  }

  it("reads the task pane's evidence versions for 100 academies in as many statements as for 10", async () => {
    const small = await statementsOf<EvidenceVersionsResult>(EVIDENCE_VERSIONS, {
      first: 10,
      year: YEAR,
    });
    const large = await statementsOf<EvidenceVersionsResult>(EVIDENCE_VERSIONS, {
      first: 100,
      year: YEAR,
    });
    expect(large.data.academies.edges).toHaveLength(100);
    const seeded = large.data.academies.edges.find((edge) => edge.node.urn === "160000");
    expect(seeded?.node.evidence.map((record) => record.term).sort()).toEqual(["AUTUMN", "SUMMER"]);
    console.info(
      `${store}: the task pane's evidence versions, 10 academies ${small.statements} SQL statements; 100, ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
  });

  it("reads a page of 100 academies in as many SQL statements as a page of 10", async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(100);
    expect(small.page.edges).toHaveLength(10);
    expect(large.page.edges).toHaveLength(100);
    // The page carries what was asked: the seeded academies' evidence, history and decisions.
    const seeded = large.page.edges.map((edge) => edge.node).filter((node) => node.urn >= "16");
    expect(seeded.length).toBeGreaterThan(80);
    for (const node of seeded) {
      expect(node.evidence.map((record) => record.term).sort(), node.urn).toEqual([
        "AUTUMN",
        "SUMMER",
      ]);
      expect(node.designationHistory.totalCount, node.urn).toBe(2);
      expect(
        node.designationHistory.edges.map((edge) => edge.node.term),
        node.urn,
      ).toEqual(["SUMMER", "AUTUMN"]);
      expect(node.designationDecisions.totalCount, node.urn).toBe(1);
      expect(node.designationDecisions.edges.map((edge) => edge.node.level.key)).toEqual([
        "sustain",
      ]);
      expect(node.designation?.status, node.urn).toBe("AGREED");
    }
    console.info(
      `${store}: page of 10 academies, ${small.statements} SQL statements; page of 100, ${large.statements}`,
    );
    expect(large.statements).toBe(small.statements);
  });
});
