// The trust overview over real HTTP: every academy with its designation and
// RAG counts, what changed since a date, a fixed number of SQL queries however
// many academies the trust has, and nothing of one trust visible to another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";
import { issueToken } from "../../server/auth/tokens.js";
import { newId } from "../../server/db/index.js";
import { keepLatest } from "../../server/services/latest-measurement.js";

const OVERVIEW = gql`
  query Overview($year: AcademicYear!, $changedSince: DateTimeISO) {
    trustOverview(year: $year, changedSince: $changedSince) {
      trustName
      year
      totals {
        green
        amber
        red
        none
      }
      academies {
        academy {
          urn
          name
          phase
          currentDesignation: designation(year: $year) {
            computed {
              key
            }
          }
        }
        designation {
          level {
            key
            label
          }
          confirmed {
            key
          }
          agreedOn
        }
        rag {
          green
          amber
          red
          none
        }
        changes {
          at
          kind
          summary
        }
      }
    }
  }
`;

const CARD_TARGETS = gql`
  query Card($urn: URN!, $year: AcademicYear!) {
    academyCard(urn: $urn, year: $year) {
      academy {
        name
      }
      targets {
        metric
        progress {
          rag
        }
      }
    }
  }
`;

type Rag = { green: number; amber: number; red: number; none: number };

type Overview = {
  trustName: string;
  year: string;
  totals: Rag;
  academies: {
    academy: {
      urn: string;
      name: string;
      phase: string;
      currentDesignation: { computed: { key: string } | null } | null;
    };
    designation: {
      level: { key: string; label: string } | null;
      confirmed: { key: string } | null;
      agreedOn: string | null;
    } | null;
    rag: Rag;
    changes: { at: string; kind: string; summary: string }[];
  }[];
};

const YEAR = "2025/26";
const ragSum = (rag: Rag) => rag.green + rag.amber + rag.red + rag.none;

describe.each(await storesToTest())("trust overview API on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const leader = () => server.client(server.tokens.leader);

  async function overview(token: string, changedSince?: string): Promise<Overview> {
    return (
      await server
        .client(token)
        .request<{ trustOverview: Overview }>(OVERVIEW, { year: YEAR, changedSince })
    ).trustOverview;
  }

  it("lists the demo trust's 14 academies by URN, each with its designation", async () => {
    const data = await overview(server.tokens.leader);
    expect(data.trustName).toBe("Northern Lights Academy Trust");
    expect(data.year).toBe(YEAR);
    expect(data.academies.map((row) => row.academy.urn)).toEqual(
      Array.from({ length: 14 }, (_, index) => String(140001 + index)),
    );
    for (const row of data.academies) {
      expect(row.designation, row.academy.urn).not.toBeNull();
      // The overview's designation is the one that counts in the overview's year.
      expect(row.designation!.level?.key ?? null).toBe(
        row.academy.currentDesignation?.computed?.key ?? null,
      );
    }
    const levelOf = (urn: string) =>
      data.academies.find((row) => row.academy.urn === urn)!.designation!.level;
    // Castle Primary is in special measures; Oakfield is Outstanding with strong results.
    expect(levelOf("140013")).toEqual({
      key: "stabilise",
      label: "D: Challenged and Vulnerable (Stabilise)",
    });
    expect(levelOf("140001")?.key).toBe("sustain");
    // Harbour New Academy opened with no data: insufficient evidence, not a level.
    expect(levelOf("140012")).toBeNull();
  });

  it("gives each designation's reasons when the query asks for them, through a fragment too", async () => {
    const withReasons = gql`
      query Reasons($year: AcademicYear!) {
        trustOverview(year: $year) {
          academies {
            academy {
              urn
            }
            designation {
              ...Why
            }
          }
        }
      }
      fragment Why on DesignationThatCounts {
        reasons {
          message
        }
      }
    `;
    const data = await leader().request<{
      trustOverview: {
        academies: {
          academy: { urn: string };
          designation: { reasons: { message: string }[] } | null;
        }[];
      };
    }>(withReasons, { year: YEAR });
    const castle = data.trustOverview.academies.find((row) => row.academy.urn === "140013")!;
    // The same words the academy's own designation gives (special measures: Stabilise).
    expect(castle.designation!.reasons.length).toBeGreaterThan(0);
    expect(castle.designation!.reasons.map((reason) => reason.message).join(" ")).toMatch(
      /Stabilise/,
    );
  });

  it("gives RAG counts that add up to each academy's targets, and totals that add up to the rows", async () => {
    const data = await overview(server.tokens.leader);
    let targets = 0;
    for (const row of data.academies) {
      const card = (
        await leader().request<{
          academyCard: { targets: { metric: string; progress: { rag: string | null } }[] };
        }>(CARD_TARGETS, { urn: row.academy.urn, year: YEAR })
      ).academyCard;
      targets += card.targets.length;
      expect(ragSum(row.rag), row.academy.urn).toBe(card.targets.length);
      const fromCard = { green: 0, amber: 0, red: 0, none: 0 };
      for (const target of card.targets)
        fromCard[(target.progress.rag?.toLowerCase() ?? "none") as keyof Rag]++;
      expect(row.rag, row.academy.urn).toEqual(fromCard);
    }
    expect(targets).toBeGreaterThan(14);
    expect(ragSum(data.totals)).toBe(targets);
    for (const colour of ["green", "amber", "red", "none"] as const) {
      expect(data.totals[colour], colour).toBe(
        data.academies.reduce((sum, row) => sum + row.rag[colour], 0),
      );
    }
  });

  it("counts each academy's targets by sign-off status, with trust totals, as the cards show them", async () => {
    const data = await leader().request<{
      trustOverview: {
        academies: { academy: { urn: string }; targets: Record<string, number> }[];
        targetTotals: Record<string, number>;
      };
    }>(
      gql`
        query ($year: AcademicYear!) {
          trustOverview(year: $year) {
            academies {
              academy {
                urn
              }
              targets {
                draft
                proposed
                reviewed
                agreed
                changePending
              }
            }
            targetTotals {
              draft
              proposed
              reviewed
              agreed
              changePending
            }
          }
        }
      `,
      { year: YEAR },
    );
    const totals = { draft: 0, proposed: 0, reviewed: 0, agreed: 0, changePending: 0 };
    for (const row of data.trustOverview.academies) {
      const card = (
        await leader().request<{
          academyCard: { targets: { status: keyof typeof totals; pendingChange: unknown }[] };
        }>(
          gql`
            query ($urn: URN!, $year: AcademicYear!) {
              academyCard(urn: $urn, year: $year) {
                targets {
                  status
                  pendingChange {
                    status
                  }
                }
              }
            }
          `,
          { urn: row.academy.urn, year: YEAR },
        )
      ).academyCard;
      const fromCard = { draft: 0, proposed: 0, reviewed: 0, agreed: 0, changePending: 0 };
      for (const target of card.targets) {
        fromCard[target.status.toLowerCase() as keyof typeof fromCard]++;
        if (target.pendingChange) fromCard.changePending++;
      }
      expect(row.targets, row.academy.urn).toEqual(fromCard);
      for (const key of Object.keys(totals) as (keyof typeof totals)[])
        totals[key] += fromCard[key];
    }
    expect(data.trustOverview.targetTotals).toEqual(totals);
    expect(totals.agreed).toBeGreaterThan(0);
    expect(totals.proposed).toBeGreaterThan(0);
  });

  it("lists a measurement recorded after changedSince, and nothing from before it", async () => {
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await server.client(server.tokens["data-manager"]).request(
      gql`
        mutation Measure($input: MeasurementInput!) {
          recordMeasurement(input: $input) {
            period
          }
        }
      `,
      {
        input: {
          urn: "140005",
          year: YEAR,
          metric: "attendance.absence",
          period: "SUMMER2",
          value: 4.2,
          provisional: true,
        },
      },
    );
    const data = await overview(server.tokens.leader, since);
    const row = data.academies.find((entry) => entry.academy.urn === "140005")!;
    expect(row.changes).toContainEqual({
      at: expect.any(String),
      kind: "MEASUREMENT",
      summary: "attendance.absence summer2: 4.2 (provisional)",
    });
    for (const entry of data.academies)
      for (const change of entry.changes)
        expect(
          Date.parse(change.at),
          `${entry.academy.urn} ${change.summary}`,
        ).toBeGreaterThanOrEqual(Date.parse(since));
    const others = data.academies.filter((entry) => entry.academy.urn !== "140005");
    expect(others.flatMap((entry) => entry.changes)).toEqual([]);

    const without = await overview(server.tokens.leader);
    expect(without.academies.flatMap((entry) => entry.changes)).toEqual([]);
  });

  it("shows the academy user only its own academy", async () => {
    const data = await overview(server.tokens.academy);
    expect(data.academies.map((row) => row.academy.urn)).toEqual(["140001"]);
    expect(data.totals).toEqual(data.academies[0]!.rag);
  });

  it("refuses a year written 2025-26, naming year", async () => {
    const error = await refusalOf(leader().request(OVERVIEW, { year: "2025-26" }));
    expect(error.code).toBe("BAD_USER_INPUT");
    expect(error.message).toMatch(
      /Variable "\$year" got invalid value "2025-26"; AcademicYear accepts/,
    );
  });

  it("serves the overview in the same small number of SQL queries for 14 academies and for 214", async () => {
    const queriesFor = async () => {
      // One request first, so statements still in flight from earlier requests
      // (a refused request answers before its parallel reads finish) are not counted.
      await overview(server.tokens.leader, "2025-09-01T00:00:00Z");
      server.handle.resetQueryCount();
      const data = await overview(server.tokens.leader, "2025-09-01T00:00:00Z");
      return { queries: server.handle.queryCount(), academies: data.academies.length };
    };
    const small = await queriesFor();
    expect(small.academies).toBe(14);
    // The counter counts: signing in and reading the overview take several statements.
    expect(small.queries).toBeGreaterThan(1);

    // Two hundred more academies, each designated, with a target and a measurement.
    const dataManager = server.client(server.tokens["data-manager"]);
    const urns = Array.from({ length: 200 }, (_, index) => String(160000 + index));
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
          name: `Scale Academy ${index}`,
          phase: index % 2 === 0 ? "PRIMARY" : "SECONDARY",
        })),
      },
    );
    await dataManager.request(
      gql`
        mutation Batch($rows: [RecordEvidenceRowInput!]!) {
          recordEvidenceBatch(year: "2025/26", term: SUMMER, rows: $rows) {
            urn
          }
        }
      `,
      {
        rows: urns.map((urn, index) => ({
          urn,
          evidence: [
            { indicator: "Latest Ofsted judgement", value: index % 3 === 0 ? "Good" : "RI" },
          ],
        })),
      },
    );
    // Targets and measurements at scale go straight into the database: their
    // API is the academy card's to test; here only the overview's reads count.
    const prisma = server.handle.prisma;
    const trustId = server.handle.demo!.trustId;
    const academies = await prisma.academy.findMany({
      where: { trustId, urn: { in: urns } },
    });
    expect(academies).toHaveLength(200);
    await prisma.target.createMany({
      data: academies.map((academy) => ({
        trustId,
        academyId: academy.id,
        year: YEAR,
        metric: "attendance.absence",
        baseline: 7,
        target: 6,
        milestones: { autumn2: 6.8 },
        status: "agreed",
        updatedBy: "scale-test",
      })),
    });
    // Recorded as the server records them: with the latest kept for the overview to read.
    const measurements = academies.map((academy, index) => ({
      id: newId(),
      trustId,
      academyId: academy.id,
      year: YEAR,
      metric: "attendance.absence",
      period: "autumn2" as const,
      value: 6.5 + (index % 4) * 0.2,
      provisional: false,
      enteredBy: "scale-test",
      createdAt: new Date(),
    }));
    await prisma.measurement.createMany({ data: measurements });
    await keepLatest(prisma, measurements);

    const large = await queriesFor();
    expect(large.academies).toBe(214);
    expect(large.queries).toBe(small.queries);
    // Academies, targets, measurements, the trust; the designation that counts reads the trust's
    // framework, the year's computed designations, decisions and evidence, once for the rows and
    // once for the academies' own designation field; the trust's loaded national figures, once for
    // progress and once with each reading of the framework.
    expect(large.queries).toBeLessThanOrEqual(16);
  });
});

describe.each(await storesToTest())("two trusts on one %s server", (store) => {
  let server: TestServer;
  let other: { dataManager: string; leader: string; academy: string };
  beforeAll(async () => {
    server = await startTestServer(store);
    const prisma = server.handle.prisma;
    const trust = await prisma.trust.create({ data: { uid: "TR09999", name: "Other Trust" } });
    const token = async (role: "data-manager" | "leader" | "academy") =>
      (
        await issueToken(prisma, {
          trustId: trust.id,
          role,
          name: `Other ${role}`,
          academyUrns: role === "academy" ? ["140001"] : [],
        })
      ).token;
    other = {
      dataManager: await token("data-manager"),
      leader: await token("leader"),
      academy: await token("academy"),
    };
    // The same URN as the demo trust's Oakfield Primary Academy, a different school.
    await server.client(other.dataManager).request(
      gql`
        mutation Create($input: AcademyInput!) {
          createAcademy(input: $input) {
            urn
          }
        }
      `,
      { input: { urn: "140001", name: "Other Trust Primary", phase: "PRIMARY" } },
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  const ACADEMY = gql`
    query Academy($urn: URN!) {
      academy(urn: $urn) {
        name
        currentDesignation {
          computed {
            key
          }
        }
        designationHistory {
          totalCount
          edges {
            node {
              computed {
                key
              }
            }
          }
        }
        designationDecisions {
          totalCount
        }
        evidence {
          term
        }
      }
    }
  `;

  const ACADEMIES = gql`
    {
      academies(first: 50) {
        totalCount
        edges {
          node {
            urn
            name
          }
        }
      }
    }
  `;

  it("shows each trust only its own academy 140001", async () => {
    const demo = await server
      .client(server.tokens.leader)
      .request<{ academy: { name: string } }>(ACADEMY, { urn: "140001" });
    expect(demo.academy.name).toBe("Oakfield Primary Academy");
    const theirs = await server.client(other.leader).request<{
      academy: {
        name: string;
        currentDesignation: unknown;
        designationHistory: { totalCount: number; edges: unknown[] };
        designationDecisions: { totalCount: number };
        evidence: unknown[];
      };
    }>(ACADEMY, { urn: "140001" });
    expect(theirs.academy).toEqual({
      name: "Other Trust Primary",
      currentDesignation: null,
      designationHistory: { totalCount: 0, edges: [] },
      designationDecisions: { totalCount: 0 },
      evidence: [],
    });
  });

  it("lists only the trust's own academies", async () => {
    const theirs = await server.client(other.leader).request<{
      academies: { totalCount: number; edges: { node: { urn: string; name: string } }[] };
    }>(ACADEMIES);
    expect(theirs.academies.totalCount).toBe(1);
    expect(theirs.academies.edges.map((edge) => edge.node)).toEqual([
      { urn: "140001", name: "Other Trust Primary" },
    ]);
    const demo = await server.client(server.tokens.leader).request<{
      academies: { totalCount: number; edges: { node: { urn: string; name: string } }[] };
    }>(ACADEMIES);
    expect(demo.academies.totalCount).toBe(14);
    expect(demo.academies.edges.map((edge) => edge.node.name)).not.toContain("Other Trust Primary");
  });

  it("gives each trust its own overview", async () => {
    const theirs = (
      await server
        .client(other.leader)
        .request<{ trustOverview: Overview }>(OVERVIEW, { year: YEAR })
    ).trustOverview;
    expect(theirs.trustName).toBe("Other Trust");
    expect(theirs.academies).toHaveLength(1);
    expect(theirs.academies[0]).toMatchObject({
      academy: { urn: "140001", name: "Other Trust Primary" },
      designation: null,
      rag: { green: 0, amber: 0, red: 0, none: 0 },
    });
    expect(theirs.totals).toEqual({ green: 0, amber: 0, red: 0, none: 0 });
    const demo = (
      await server
        .client(server.tokens.leader)
        .request<{ trustOverview: Overview }>(OVERVIEW, { year: YEAR })
    ).trustOverview;
    expect(demo.trustName).toBe("Northern Lights Academy Trust");
    expect(demo.academies.map((row) => row.academy.name)).not.toContain("Other Trust Primary");
  });

  it("gives each trust its own academy card for 140001", async () => {
    type Card = { academyCard: { academy: { name: string }; targets: { metric: string }[] } };
    const theirs = await server
      .client(other.leader)
      .request<Card>(CARD_TARGETS, { urn: "140001", year: YEAR });
    expect(theirs.academyCard).toEqual({ academy: { name: "Other Trust Primary" }, targets: [] });
    const demo = await server
      .client(server.tokens.leader)
      .request<Card>(CARD_TARGETS, { urn: "140001", year: YEAR });
    expect(demo.academyCard.academy.name).toBe("Oakfield Primary Academy");
    expect(demo.academyCard.targets.map((target) => target.metric)).toEqual([
      "attendance.absence",
      "attendance.persistentAbsence",
      "ks2.rwmExpected",
    ]);
  });

  it("gives an academy user of the other trust with URN 140001 that trust's academy only", async () => {
    const theirs = await server
      .client(other.academy)
      .request<{ academy: { name: string } }>(ACADEMY, { urn: "140001" });
    expect(theirs.academy.name).toBe("Other Trust Primary");
  });

  it("answers NOT_FOUND when one trust reaches for the other's academies", async () => {
    const read = await refusalOf(server.client(other.leader).request(ACADEMY, { urn: "140002" }));
    expect(read.code).toBe("NOT_FOUND");
    const card = await refusalOf(
      server.client(other.leader).request(CARD_TARGETS, { urn: "140002", year: YEAR }),
    );
    expect(card.code).toBe("NOT_FOUND");
    const measurement = await refusalOf(
      server.client(other.dataManager).request(
        gql`
          mutation Measure($input: MeasurementInput!) {
            recordMeasurement(input: $input) {
              period
            }
          }
        `,
        {
          input: {
            urn: "140002",
            year: YEAR,
            metric: "attendance.absence",
            period: "SUMMER2",
            value: 1,
          },
        },
      ),
    );
    expect(measurement.code).toBe("NOT_FOUND");
  });

  it("does not let one trust move, or read the history of, the other's targets", async () => {
    const demoTarget = await server.handle.prisma.target.findFirstOrThrow({
      where: { trustId: server.handle.demo!.trustId },
    });
    const moved = await refusalOf(
      server.client(other.leader).request(
        gql`
          mutation Move($id: ID!) {
            agreeTarget(id: $id, expectedVersion: 1, meetingOn: "2025-10-14") {
              status
            }
          }
        `,
        { id: demoTarget.id },
      ),
    );
    expect(moved.code).toBe("NOT_FOUND");
    const versions = await refusalOf(
      server.client(other.leader).request(
        gql`
          query Versions($id: ID!) {
            targetVersions(id: $id) {
              totalCount
            }
          }
        `,
        { id: demoTarget.id },
      ),
    );
    expect(versions.code).toBe("NOT_FOUND");
    const after = await server.handle.prisma.target.findUniqueOrThrow({
      where: { id: demoTarget.id },
    });
    expect(after).toEqual(demoTarget);
  });
});
