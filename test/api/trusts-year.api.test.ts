// DOMAIN.md "The trust's year: which designation counts", over real HTTP on
// each store: the October decision survives spring evidence with a review
// suggested; back-filling last year leaves this year alone; a February
// reclassification keeps both decisions; last year's decision carries over;
// a termly framework's spring decision supersedes autumn's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";
import { englandTermDates } from "../../server/domain/index.js";

const THIS_YEAR = "2026/27";
const LAST_YEAR = "2025/26";

const COUNTS = /* GraphQL */ `
  fragment Counts on DesignationThatCounts {
    year
    framework
    cycle
    term
    status
    provisional
    statusText
    agreedInEarlierYear
    level {
      key
      label
    }
    computed {
      key
    }
    decision {
      id
      year
      term
      level {
        key
      }
      decidedBy {
        name
      }
      body
      agreedOn
      reason
    }
    proposal {
      computed {
        key
      }
    }
    reviewSuggested {
      year
      term
      computed {
        key
      }
    }
    support {
      activity
    }
    timeInLevel {
      since
      months
      beyondExpected
      flag
    }
    history {
      kind
      decision {
        id
        level {
          key
        }
        agreedOn
      }
      computed {
        term
        computed {
          key
        }
      }
    }
  }
`;

const RECORD = gql`
  mutation Record(
    $urn: URN!
    $year: AcademicYear!
    $term: Term!
    $evidence: [EvidenceInput!]!
    $expectedVersion: Int
  ) {
    recordEvidence(
      urn: $urn
      year: $year
      term: $term
      evidence: $evidence
      expectedVersion: $expectedVersion
    ) {
      designation {
        computed {
          key
        }
      }
    }
  }
`;

const DECIDE = gql`
  mutation Decide(
    $urn: URN!
    $year: AcademicYear!
    $term: Term
    $level: String
    $body: String!
    $agreedOn: Date!
    $reason: String
  ) {
    decideDesignation(
      urn: $urn
      year: $year
      term: $term
      level: $level
      body: $body
      agreedOn: $agreedOn
      reason: $reason
    ) {
      ...Counts
    }
  }
  ${COUNTS}
`;

const VIEWS = gql`
  query Views($urn: URN!, $year: AcademicYear!) {
    academy(urn: $urn) {
      designation(year: $year) {
        ...Counts
      }
      designationDecisions {
        edges {
          node {
            id
            year
            term
            level {
              key
            }
            body
            agreedOn
            reason
            decidedBy {
              name
            }
          }
        }
      }
    }
    academyCard(urn: $urn, year: $year) {
      designation {
        ...Counts
      }
    }
    trustOverview(year: $year) {
      academies {
        academy {
          urn
        }
        designation {
          ...Counts
        }
      }
    }
  }
  ${COUNTS}
`;

type Counts = {
  year: string;
  framework: string;
  cycle: string;
  term: string | null;
  status: string;
  provisional: boolean;
  statusText: string;
  agreedInEarlierYear: boolean;
  level: { key: string; label: string } | null;
  computed: { key: string } | null;
  decision: {
    id: string;
    year: string;
    term: string | null;
    level: { key: string };
    decidedBy: { name: string } | null;
    body: string;
    agreedOn: string;
    reason: string | null;
  } | null;
  proposal: { computed: { key: string } | null } | null;
  reviewSuggested: { year: string; term: string; computed: { key: string } | null } | null;
  support: { activity: string }[];
  timeInLevel: {
    since: string;
    months: number;
    beyondExpected: boolean;
    flag: string | null;
  } | null;
  history: {
    kind: string;
    decision: { id: string; level: { key: string }; agreedOn: string } | null;
    computed: { term: string; computed: { key: string } | null } | null;
  }[];
};

type Views = {
  academy: {
    designation: Counts | null;
    designationDecisions: {
      edges: {
        node: {
          id: string;
          year: string;
          term: string | null;
          level: { key: string };
          body: string;
          agreedOn: string;
          reason: string | null;
          decidedBy: { name: string } | null;
        };
      }[];
    };
  };
  academyCard: { designation: Counts | null };
  trustOverview: { academies: { academy: { urn: string }; designation: Counts | null }[] };
};

/** A secondary judged Good whose Progress 8 alone decides: -0.3 Repair, 0.1 Improve, -0.6 Stabilise. */
const secondary = (progress8: string) => [
  { indicator: "phase", value: "secondary" },
  { indicator: "Latest Ofsted judgement", value: "Good" },
  { indicator: "P8", value: progress8 },
];

describe.each(await storesToTest())("the trust's year over the API on %s", (store) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const leader = () => server.client(server.tokens.leader);
  const dataManager = () => server.client(server.tokens["data-manager"]);

  async function record(
    urn: string,
    year: string,
    term: string,
    evidence: object[],
    expectedVersion?: number,
  ) {
    return dataManager().request<{
      recordEvidence: { designation: { computed: { key: string } | null } };
    }>(RECORD, { urn, year, term, evidence, expectedVersion });
  }

  async function decide(variables: Record<string, unknown>) {
    return (
      await leader().request<{ decideDesignation: Counts }>(DECIDE, {
        body: "Trust Board",
        ...variables,
      })
    ).decideDesignation;
  }

  /** The designation that counts as the academy field, the card and the overview show it: all three must agree. */
  async function views(urn: string, year: string) {
    const data = await leader().request<Views>(VIEWS, { urn, year });
    const overview =
      data.trustOverview.academies.find((row) => row.academy.urn === urn)?.designation ?? null;
    expect(data.academyCard.designation).toEqual(data.academy.designation);
    expect(overview).toEqual(data.academy.designation);
    return {
      counts: data.academy.designation,
      decisions: data.academy.designationDecisions.edges.map((edge) => edge.node),
    };
  }

  it("keeps the October decision when spring evidence is recorded, and shows a review suggested", async () => {
    await record("140002", THIS_YEAR, "AUTUMN", secondary("-0.3"));
    const before = await views("140002", THIS_YEAR);
    expect(before.counts).toMatchObject({
      status: "NOT_YET_AGREED",
      level: { key: "repair" },
      decision: null,
      statusText: "not yet agreed",
    });

    const agreed = await decide({ urn: "140002", year: THIS_YEAR, agreedOn: "2026-10-14" });
    expect(agreed).toMatchObject({
      status: "AGREED",
      level: { key: "repair" },
      decision: {
        year: THIS_YEAR,
        term: null,
        level: { key: "repair" },
        decidedBy: { name: "Demo leader" },
        body: "Trust Board",
        agreedOn: "2026-10-14",
        reason: null,
      },
      statusText: "agreed by Trust Board, 14 Oct 2026 (Demo leader)",
      timeInLevel: { since: "2026-10-14" },
    });
    expect(agreed.support.map((entry) => entry.activity)).toContain("Bespoke support");

    await record("140002", THIS_YEAR, "SPRING", secondary("0.1"));
    const after = await views("140002", THIS_YEAR);
    expect(after.counts).toMatchObject({
      status: "REVIEW_SUGGESTED",
      level: { key: "repair" },
      computed: { key: "improve" },
      decision: { id: agreed.decision!.id, agreedOn: "2026-10-14" },
      reviewSuggested: { year: THIS_YEAR, term: "SPRING", computed: { key: "improve" } },
      statusText:
        "agreed by Trust Board, 14 Oct 2026 (Demo leader); review suggested: spring evidence indicates B: Self-Improving (Improve)",
    });
    // Support follows the designation that counts (Repair: 12 bespoke days), not the newer evidence.
    expect(after.counts!.support).toEqual(agreed.support);
  });

  it("leaves this year's overview and card unchanged when last year's evidence is back-filled", async () => {
    const before = await views("140002", THIS_YEAR);
    // The demo trust holds last summer's evidence for 140002 (version 1): back-fill a correction.
    const backFilled = await record("140002", LAST_YEAR, "SUMMER", secondary("-0.6"), 1);
    expect(backFilled.recordEvidence.designation.computed?.key).toBe("stabilise");
    const after = await views("140002", THIS_YEAR);
    expect(after.counts).toEqual(before.counts);
    const lastYear = await views("140002", LAST_YEAR);
    expect(lastYear.counts).toMatchObject({
      status: "NOT_YET_AGREED",
      level: { key: "stabilise" },
    });
  });

  it("keeps both decisions in the history when February reclassifies October's", async () => {
    await record("140003", THIS_YEAR, "AUTUMN", secondary("-0.3"));
    const october = await decide({ urn: "140003", year: THIS_YEAR, agreedOn: "2026-10-14" });
    await record("140003", THIS_YEAR, "SPRING", secondary("0.1"));
    const february = await decide({ urn: "140003", year: THIS_YEAR, agreedOn: "2027-02-09" });
    expect(february).toMatchObject({ status: "AGREED", level: { key: "improve" } });

    const { counts, decisions } = await views("140003", THIS_YEAR);
    expect(counts!.decision!.id).toBe(february.decision!.id);
    expect(
      decisions.map((decision) => [decision.level.key, decision.agreedOn, decision.body]),
    ).toEqual([
      ["improve", "2027-02-09", "Trust Board"],
      ["repair", "2026-10-14", "Trust Board"],
    ]);
    expect(decisions[1]!.id).toBe(october.decision!.id);
    expect(
      counts!.history
        .filter((event) => event.kind === "DECISION")
        .map((event) => event.decision!.id),
    ).toEqual([february.decision!.id, october.decision!.id]);
    // Time in level starts again at the decision at another level.
    expect(counts!.timeInLevel?.since).toBe("2027-02-09");
  });

  it("carries last year's decision, labelled with its year, with this year's computed level proposed beside it", async () => {
    await decide({ urn: "140004", year: LAST_YEAR, agreedOn: "2025-10-14" });
    const carried = await views("140004", THIS_YEAR);
    expect(carried.counts).toMatchObject({
      status: "AGREED",
      agreedInEarlierYear: true,
      decision: { year: LAST_YEAR, agreedOn: "2025-10-14" },
      proposal: null,
    });
    expect(carried.counts!.statusText).toBe(
      "2025/26, agreed 14 Oct 2025 by Trust Board (Demo leader)",
    );

    await record("140004", THIS_YEAR, "AUTUMN", secondary("-0.6"));
    const proposed = await views("140004", THIS_YEAR);
    expect(proposed.counts).toMatchObject({
      agreedInEarlierYear: true,
      decision: { year: LAST_YEAR },
      proposal: { computed: { key: "stabilise" } },
    });
    expect(proposed.counts!.level).toEqual(carried.counts!.level);
  });

  it.each<{
    name: string;
    variables: Record<string, string> & { urn: string; year: string };
    field: string;
  }>([
    {
      name: "another level without a reason",
      variables: { urn: "140003", year: THIS_YEAR, agreedOn: "2027-03-01", level: "stabilise" },
      field: "reason",
    },
    {
      name: "a term for an annual framework",
      variables: { urn: "140003", year: THIS_YEAR, agreedOn: "2027-03-01", term: "SPRING" },
      field: "term",
    },
    {
      name: "a date agreed that is not a date",
      variables: { urn: "140003", year: THIS_YEAR, agreedOn: "14/10/2026" },
      field: "agreedOn",
    },
    {
      name: "an empty body",
      variables: { urn: "140003", year: THIS_YEAR, agreedOn: "2027-03-01", body: " " },
      field: "body",
    },
    {
      name: "a year with nothing computed and no level",
      variables: { urn: "140009", year: "2027/28", agreedOn: "2027-10-01" },
      field: "level",
    },
  ])(
    "refuses a decision with $name, naming $field and recording nothing",
    async ({ variables, field }) => {
      const before = await views(variables.urn, variables.year);
      const error = await refusalOf(
        leader().request(DECIDE, { body: "Trust Board", ...variables }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      if (field === "agreedOn")
        // The Date scalar refuses it before the resolver runs.
        expect(error.message).toMatch(/Variable "\$agreedOn" .*Date accepts/);
      else expect(error.problems.map((problem) => problem.field)).toEqual([field]);
      expect(await views(variables.urn, variables.year)).toEqual(before);
    },
  );

  it("does not let a data manager decide (FORBIDDEN)", async () => {
    const error = await refusalOf(
      dataManager().request(DECIDE, {
        urn: "140003",
        year: THIS_YEAR,
        body: "Trust Board",
        agreedOn: "2027-03-01",
      }),
    );
    expect(error.code).toBe("FORBIDDEN");
  });

  // Last: it moves the whole demo trust to the termly framework.
  it("lets a termly framework's spring decision supersede autumn's", async () => {
    await server.handle.prisma.trust.update({
      where: { id: server.handle.demo!.trustId },
      data: { frameworkKey: "risk-designation" },
    });
    const ratings = (rating: string) => [
      { indicator: "Latest Ofsted judgement", value: "Good" },
      ...[
        "qi.outcomes",
        "qi.leadership",
        "qi.curriculumAndStaffing",
        "qi.teaching",
        "qi.climateForLearning",
        "qi.governance",
      ].map((indicator) => ({ indicator, value: rating })),
    ];
    // Decisions under the earlier framework are history: 140003 shows its computed designation under the new one.
    await record("140003", THIS_YEAR, "SUMMER", ratings("2"));
    const switched = await views("140003", THIS_YEAR);
    expect(switched.counts).toMatchObject({
      framework: "risk-designation",
      cycle: "TERMLY",
      status: "NOT_YET_AGREED",
      decision: null,
    });

    await record("140005", THIS_YEAR, "AUTUMN", ratings("3"));
    const autumn = await decide({
      urn: "140005",
      year: THIS_YEAR,
      term: "AUTUMN",
      agreedOn: "2026-10-14",
    });
    expect(autumn).toMatchObject({ level: { key: "repair" }, term: "AUTUMN" });
    await record("140005", THIS_YEAR, "SPRING", ratings("2"));
    const suggested = await views("140005", THIS_YEAR);
    expect(suggested.counts).toMatchObject({
      status: "REVIEW_SUGGESTED",
      reviewSuggested: { term: "SPRING", computed: { key: "improve" } },
    });
    const spring = await decide({
      urn: "140005",
      year: THIS_YEAR,
      term: "SPRING",
      agreedOn: "2027-01-28",
    });
    const { counts, decisions } = await views("140005", THIS_YEAR);
    expect(counts).toMatchObject({
      status: "AGREED",
      term: "SPRING",
      level: { key: "improve" },
      decision: { id: spring.decision!.id, term: "SPRING" },
    });
    expect(decisions.map((decision) => [decision.term, decision.level.key])).toEqual([
      ["SPRING", "improve"],
      ["AUTUMN", "repair"],
    ]);

    const noTerm = await refusalOf(
      leader().request(DECIDE, {
        urn: "140005",
        year: THIS_YEAR,
        body: "Trust Board",
        agreedOn: "2027-01-29",
      }),
    );
    expect(noTerm.problems.map((problem) => problem.field)).toEqual(["term"]);
  });
});

/** Today's academic year: its first calendar year and its name (2026/27). */
function liveYear() {
  const now = new Date();
  const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return { now, start, year: `${start}/${String((start + 1) % 100).padStart(2, "0")}` };
}

describe("the demo trust's live year", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", { DEMO_LIVE_YEAR: "true" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("shows a newcomer today's year: the October decision agreed, last year's too, one academy long in Repair", async () => {
    const { year } = liveYear();
    const data = await server.client(server.tokens.leader).request<{
      trustOverview: { academies: { academy: { urn: string }; designation: Counts | null }[] };
    }>(
      gql`
        query ($year: AcademicYear!) {
          trustOverview(year: $year) {
            academies {
              academy {
                urn
              }
              designation {
                ...Counts
              }
            }
          }
        }
        ${COUNTS}
      `,
      { year },
    );
    const designations = data.trustOverview.academies.map((row) => row.designation);
    // Every academy with a level shows a decision of the Trust Board (this October's, or last year's carried).
    const decided = designations.filter((designation) => designation?.decision);
    expect(decided.length).toBeGreaterThanOrEqual(10);
    for (const designation of decided) expect(designation!.decision!.body).toBe("Trust Board");
    expect(
      designations.some((designation) =>
        /^beyond the expected time in Repair \(\d+ months\)$/.test(
          designation?.timeInLevel?.flag ?? "",
        ),
      ),
    ).toBe(true);
  });

  it("gives today's year's cards their targets, signed off and measured only as far as today", async () => {
    const { now, start, year } = liveYear();
    const today = now.toISOString().slice(0, 10);
    const data = await server.client(server.tokens.leader).request<{
      academyCard: {
        targets: {
          metric: string;
          status: string;
          signOff: { at: string }[];
          measurements: { period: string; createdAt: string }[];
        }[];
      };
    }>(
      gql`
        query ($year: AcademicYear!) {
          academyCard(urn: "140001", year: $year) {
            targets {
              metric
              status
              signOff {
                at
              }
              measurements {
                period
                createdAt
              }
            }
          }
        }
      `,
      { year },
    );
    const { targets } = data.academyCard;
    if (today < `${start}-09-15`) {
      // Before the first draft of the year, no targets yet.
      expect(targets).toEqual([]);
      return;
    }
    expect(targets.map((target) => target.metric).sort()).toEqual([
      "attendance.absence",
      "attendance.persistentAbsence",
      "ks2.rwmExpected",
    ]);
    // The half terms that have ended, measured; none still to come, and no year-end outcome yet.
    const ended = englandTermDates(year)
      .filter((half) => half.end <= today)
      .map((half) => half.halfTerm.toUpperCase());
    for (const target of targets) {
      for (const step of target.signOff) expect(step.at.slice(0, 10) <= today).toBe(true);
      expect(target.measurements.every((m) => ended.includes(m.period))).toBe(true);
      expect(target.measurements.every((m) => m.createdAt.slice(0, 10) <= today)).toBe(true);
    }
    const absence = targets.find((target) => target.metric === "attendance.absence")!;
    expect(absence.measurements.map((m) => m.period).sort()).toEqual([...ended].sort());
    // After the October board, agreed as last year's were.
    if (today >= `${start}-10-14`) expect(targets.some((t) => t.status === "AGREED")).toBe(true);
  });

  it("fills today's year's review calendar and the support delivered so far, some behind", async () => {
    const { now, start, year } = liveYear();
    const today = now.toISOString().slice(0, 10);
    const data = await server.client(server.tokens.leader).request<{
      reviewCalendar: { kind: string; date: string }[];
      trustOverview: { academies: { supportUse: { delivered: number; status: string }[] }[] };
    }>(
      gql`
        query ($year: AcademicYear!) {
          reviewCalendar(year: $year) {
            kind
            date
          }
          trustOverview(year: $year) {
            academies {
              supportUse {
                delivered
                status
              }
            }
          }
        }
      `,
      { year },
    );
    expect(data.reviewCalendar.some((event) => event.kind === "TRUST_BOARD")).toBe(true);
    expect(data.reviewCalendar.some((event) => event.kind === "SIL_VISIT")).toBe(true);
    const uses = data.trustOverview.academies.flatMap((row) => row.supportUse);
    if (today >= `${start}-09-10`) {
      expect(uses.reduce((sum, use) => sum + use.delivered, 0)).toBeGreaterThan(0);
      expect(uses.some((use) => use.status === "UNDER")).toBe(true);
    }
  });
});
