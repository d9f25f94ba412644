// Academy cards over real HTTP (DOMAIN.md, "Academy card"): a target set with
// setTarget, measurements recorded through the year, and progress exactly as
// defined: latest value, gap closed, on track against what is expected by the
// period (milestone, else the straight line), RAG with the tolerance, and
// national. Then sign-off in order (proposed, reviewed by the local governing
// board, agreed by the trust board), changes to agreed targets, the typed
// history, optimistic concurrency and who may do what (governors included).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import {
  graphQLErrorOf,
  startTestServer,
  storesToTest,
  type TestServer,
} from "../support/test-server.js";
import { refusalOf } from "./refusal-of.js";

const TARGET_FIELDS = gql`
  fragment TargetFields on Target {
    id
    urn
    year
    metric
    metricLabel
    baseline
    target
    milestones {
      period
      value
    }
    tolerance
    status
    version
    nextStep
    canTakeNextStep
    signOff {
      action
      body
      bodyName
      meetingOn
      by {
        name
      }
      reason
    }
    pendingChange {
      status
      baseline
      target
      reason
      steps {
        action
        body
        bodyName
        meetingOn
        by {
          name
        }
      }
    }
    progress {
      latest
      latestPeriod
      provisional
      gapClosed
      expected
      shortOfExpected
      onTrack
      rag
      tolerance
      national
      differenceFromNational
      atOrAboveNational
    }
    measurements {
      period
      value
      readAs
      provisional
      source
      enteredBy {
        id
        name
      }
    }
  }
`;

const CARD = gql`
  ${TARGET_FIELDS}
  query Card($urn: URN!, $year: AcademicYear!) {
    academyCard(urn: $urn, year: $year) {
      year
      academy {
        urn
        name
      }
      targets {
        ...TargetFields
      }
    }
  }
`;

const SET_TARGET = gql`
  ${TARGET_FIELDS}
  mutation SetTarget($input: TargetInput!) {
    setTarget(input: $input) {
      ...TargetFields
    }
  }
`;

const PROPOSE = gql`
  mutation Propose($id: ID!, $expectedVersion: Int!) {
    proposeTarget(id: $id, expectedVersion: $expectedVersion) {
      status
      version
      nextStep
    }
  }
`;

const REVIEW = gql`
  mutation Review($id: ID!, $expectedVersion: Int!, $meetingOn: Date!, $body: String) {
    reviewTarget(id: $id, expectedVersion: $expectedVersion, meetingOn: $meetingOn, body: $body) {
      status
      version
      nextStep
    }
  }
`;

const AGREE = gql`
  mutation Agree($id: ID!, $expectedVersion: Int!, $meetingOn: Date!) {
    agreeTarget(id: $id, expectedVersion: $expectedVersion, meetingOn: $meetingOn) {
      status
      version
      nextStep
    }
  }
`;

const CHANGE_AGREED = gql`
  mutation ChangeAgreed(
    $id: ID!
    $expectedVersion: Int!
    $values: TargetValuesInput!
    $reason: String!
    $meetingOn: Date!
  ) {
    changeAgreedTarget(
      id: $id
      expectedVersion: $expectedVersion
      values: $values
      reason: $reason
      meetingOn: $meetingOn
    ) {
      status
      version
      target
      pendingChange {
        status
      }
    }
  }
`;

const VERSIONS = gql`
  query Versions($id: ID!) {
    targetVersions(id: $id) {
      edges {
        node {
          version
          action
          status
          change
          baseline
          target
          milestones {
            period
            value
          }
          tolerance
          body
          bodyName
          meetingOn
          reason
          changedBy {
            name
          }
        }
      }
    }
  }
`;

const MEASURE = gql`
  mutation Measure($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      metric
      year
      period
      value
      readAs
      provisional
      source
      enteredBy {
        id
        name
      }
    }
  }
`;

const CREATE_ACADEMY = gql`
  mutation Create($input: AcademyInput!) {
    createAcademy(input: $input) {
      urn
    }
  }
`;

type Progress = {
  latest: number | null;
  latestPeriod: string | null;
  provisional: boolean;
  gapClosed: number | null;
  expected: number | null;
  shortOfExpected: number | null;
  onTrack: boolean | null;
  rag: string | null;
  tolerance: number;
  national: number | null;
  differenceFromNational: number | null;
  atOrAboveNational: boolean | null;
};

type SignOff = {
  action: string;
  body: string;
  bodyName: string;
  meetingOn: string | null;
  by: { name: string } | null;
  reason: string | null;
};

type Target = {
  id: string;
  urn: string;
  year: string;
  metric: string;
  metricLabel: string;
  baseline: number;
  target: number;
  milestones: { period: string; value: number }[];
  tolerance: number | null;
  status: string;
  version: number;
  nextStep: string | null;
  canTakeNextStep: boolean;
  signOff: SignOff[];
  pendingChange: {
    status: string;
    baseline: number;
    target: number;
    reason: string | null;
    steps: Omit<SignOff, "reason">[];
  } | null;
  progress: Progress;
  measurements: {
    period: string;
    value: number;
    readAs: string;
    provisional: boolean;
    source: string;
    enteredBy: { id: string; name: string } | null;
  }[];
};

const YEAR = "2025/26";
const PERSISTENT = "attendance.persistentAbsence";
/** National persistent absence for 2025/26: the latest published figure, 2024/25 (DOMAIN.md). */
const NATIONAL_PERSISTENT = 18.7;

/** The target the card tests build: persistent absence from 20% down to 16%, lower is better. */
const persistentAbsenceTarget = (urn: string, extra: Record<string, unknown> = {}) => ({
  urn,
  year: YEAR,
  metric: PERSISTENT,
  baseline: 20,
  target: 16,
  milestones: [
    { period: "AUTUMN2", value: 19 },
    { period: "SPRING2", value: 17.5 },
  ],
  ...extra,
});

describe.each(await storesToTest())("academy card API on %s", (store) => {
  let server: TestServer;
  let nextUrn = 150400;
  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const dataManager = () => server.client(server.tokens["data-manager"]);
  const leader = () => server.client(server.tokens.leader);

  /** A new primary academy of the demo trust, with no targets yet. */
  async function newAcademy(): Promise<string> {
    const urn = String(nextUrn++);
    await dataManager().request(CREATE_ACADEMY, {
      input: { urn, name: `Test Primary ${urn}`, phase: "PRIMARY" },
    });
    return urn;
  }

  async function setTarget(input: Record<string, unknown>, token = server.tokens["data-manager"]) {
    return (await server.client(token).request<{ setTarget: Target }>(SET_TARGET, { input }))
      .setTarget;
  }

  async function measure(input: Record<string, unknown>, token = server.tokens["data-manager"]) {
    return server.client(token).request(MEASURE, { input: { year: YEAR, ...input } });
  }

  /** The card as the data manager sees it (who also sets the targets the tests compare it with). */
  async function card(urn: string, token = server.tokens["data-manager"]) {
    return (
      await server.client(token).request<{
        academyCard: { year: string; academy: { urn: string; name: string }; targets: Target[] };
      }>(CARD, { urn, year: YEAR })
    ).academyCard;
  }

  async function targetOf(urn: string, metric = PERSISTENT): Promise<Target> {
    const found = (await card(urn)).targets.find((target) => target.metric === metric);
    if (!found) throw new Error(`${urn} has no ${metric} target`);
    return found;
  }

  describe("progress", () => {
    it("creates a target as draft, with no progress until a measurement arrives", async () => {
      const urn = await newAcademy();
      const created = await setTarget(persistentAbsenceTarget(urn));
      expect(created).toMatchObject({
        urn,
        year: YEAR,
        metric: PERSISTENT,
        metricLabel: expect.stringMatching(/persistent absence/i),
        baseline: 20,
        target: 16,
        milestones: [
          { period: "AUTUMN2", value: 19 },
          { period: "SPRING2", value: 17.5 },
        ],
        tolerance: null,
        status: "DRAFT",
        version: 1,
        nextStep: "PROPOSE",
        canTakeNextStep: true,
        signOff: [],
        pendingChange: null,
        measurements: [],
      });
      expect(created.progress).toEqual({
        latest: null,
        latestPeriod: null,
        provisional: false,
        gapClosed: null,
        expected: null,
        shortOfExpected: null,
        onTrack: null,
        rag: null,
        tolerance: 1,
        national: NATIONAL_PERSISTENT,
        differenceFromNational: null,
        atOrAboveNational: null,
      });
      expect((await card(urn)).targets).toEqual([created]);
    });

    // Baseline 20, target 16 (lower is better), milestones autumn2 19 and
    // spring2 17.5; the default tolerance is a quarter of |16 - 20| = 1.
    it.each([
      {
        period: "AUTUMN2",
        value: 19,
        expected: 19,
        onTrack: true,
        rag: "GREEN",
        gapClosed: 0.25,
        why: "meets the autumn2 milestone exactly",
      },
      {
        period: "AUTUMN2",
        value: 18,
        expected: 19,
        onTrack: true,
        rag: "GREEN",
        gapClosed: 0.5,
        why: "is better than the milestone (lower is better)",
      },
      {
        period: "AUTUMN2",
        value: 20,
        expected: 19,
        onTrack: false,
        rag: "AMBER",
        gapClosed: 0,
        why: "misses the milestone by exactly the tolerance",
      },
      {
        period: "AUTUMN2",
        value: 20.01,
        expected: 19,
        onTrack: false,
        rag: "RED",
        gapClosed: -0.0025,
        why: "misses the milestone by just more than the tolerance",
      },
      {
        period: "SPRING1",
        value: 18.5,
        expected: 18.3,
        onTrack: false,
        rag: "AMBER",
        gapClosed: 0.375,
        why: "is between milestones: the straight line from autumn2's 19 to spring2's 17.5 expects 18.25, shown 18.3 (0.2 short)",
      },
      {
        period: "AUTUMN1",
        value: 19.5,
        expected: 19.5,
        onTrack: true,
        rag: "GREEN",
        gapClosed: 0.125,
        why: "is on the line from the baseline 20 to the autumn2 milestone 19",
      },
      {
        period: "SPRING2",
        value: 17.5,
        expected: 17.5,
        onTrack: true,
        rag: "GREEN",
        gapClosed: 0.625,
        why: "meets the spring2 milestone exactly",
      },
      {
        period: "SPRING2",
        value: 18.5,
        expected: 17.5,
        onTrack: false,
        rag: "AMBER",
        gapClosed: 0.375,
        why: "misses the spring2 milestone by exactly the tolerance",
      },
      {
        period: "SPRING2",
        value: 19,
        expected: 17.5,
        onTrack: false,
        rag: "RED",
        gapClosed: 0.25,
        why: "misses the spring2 milestone by more than the tolerance",
      },
      {
        period: "SPRING",
        value: 17.5,
        expected: 17.5,
        onTrack: true,
        rag: "GREEN",
        gapClosed: 0.625,
        why: "is a termly figure for spring, which ends in spring2",
      },
    ])(
      "a $period value of $value $why: $rag",
      async ({ period, value, expected, onTrack, rag, gapClosed }) => {
        const urn = await newAcademy();
        await setTarget(persistentAbsenceTarget(urn));
        await measure({ urn, metric: PERSISTENT, period, value, source: "MIS export" });
        const { progress } = await targetOf(urn);
        expect(progress).toMatchObject({
          latest: value,
          latestPeriod: period,
          provisional: false,
          expected,
          onTrack,
          rag,
          tolerance: 1,
          national: NATIONAL_PERSISTENT,
          atOrAboveNational: value <= NATIONAL_PERSISTENT,
        });
        expect(progress.gapClosed).toBeCloseTo(gapClosed, 4);
        expect(progress.gapClosed).toBeCloseTo((value - 20) / (16 - 20), 4);
        // Shown to the unit's precision (one decimal for %), with no float noise.
        expect(progress.differenceFromNational).toBe(
          Number((value - NATIONAL_PERSISTENT).toFixed(1)),
        );
      },
    );

    it.each([
      { value: 19.5, rag: "AMBER", why: "within a set tolerance of 0.5" },
      { value: 19.6, rag: "RED", why: "beyond a set tolerance of 0.5" },
    ])(
      "uses the tolerance set on the target: autumn2 $value is $rag ($why)",
      async ({ value, rag }) => {
        const urn = await newAcademy();
        await setTarget(persistentAbsenceTarget(urn, { tolerance: 0.5 }));
        await measure({ urn, metric: PERSISTENT, period: "AUTUMN2", value });
        const target = await targetOf(urn);
        expect(target.tolerance).toBe(0.5);
        expect(target.progress).toMatchObject({ tolerance: 0.5, onTrack: false, rag });
      },
    );

    it("measures a higher-is-better metric against the target when it has no milestones", async () => {
      const urn = await newAcademy();
      await setTarget({ urn, year: YEAR, metric: "ks2.rwmExpected", baseline: 60, target: 68 });
      await measure({
        urn,
        metric: "ks2.rwmExpected",
        period: "YEAR",
        value: 66,
        provisional: true,
      });
      const { progress } = await targetOf(urn, "ks2.rwmExpected");
      expect(progress).toMatchObject({
        latest: 66,
        latestPeriod: "YEAR",
        provisional: true,
        gapClosed: 0.75,
        expected: 68,
        shortOfExpected: 2,
        onTrack: false,
        // 2 short of 68, within the default tolerance of a quarter of 8.
        rag: "AMBER",
        tolerance: 2,
        national: 62,
        differenceFromNational: 4,
        atOrAboveNational: true,
      });
    });

    it("takes the latest period as latest, and a final figure over a provisional one for it", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      await measure({ urn, metric: PERSISTENT, period: "SPRING1", value: 18.2 });
      // Entered later, but for an earlier half term.
      await measure({ urn, metric: PERSISTENT, period: "AUTUMN2", value: 17 });
      // Entered later for the same half term, but only provisional.
      await measure({ urn, metric: PERSISTENT, period: "SPRING1", value: 21, provisional: true });
      const target = await targetOf(urn);
      expect(target.progress).toMatchObject({
        latest: 18.2,
        latestPeriod: "SPRING1",
        provisional: false,
        rag: "GREEN",
      });
      expect(
        target.measurements.map((measurement) => [measurement.period, measurement.value]),
      ).toEqual([
        ["SPRING1", 18.2],
        ["AUTUMN2", 17],
        ["SPRING1", 21],
      ]);
      // A corrected final figure for the same half term replaces the earlier
      // one: 19.4 against 18.3 expected by spring1 is 1.1 short (tolerance 1).
      await measure({ urn, metric: PERSISTENT, period: "SPRING1", value: 19.4 });
      expect((await targetOf(urn)).progress).toMatchObject({
        latest: 19.4,
        latestPeriod: "SPRING1",
        expected: 18.3,
        shortOfExpected: 1.1,
        rag: "RED",
      });
    });

    // At the end of the year the target itself is what a target expects: a
    // summer2 (or "year") figure of 17.5 against a target of 16 is 1.5 short
    // (beyond the tolerance of 1: red), not on track against the spring2
    // milestone of 17.5.
    it("expects the target itself at the end of the year, not the last milestone", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      await measure({ urn, metric: PERSISTENT, period: "SUMMER2", value: 17.5 });
      expect((await targetOf(urn)).progress).toMatchObject({
        latest: 17.5,
        expected: 16,
        onTrack: false,
        rag: "RED",
      });
    });

    it("keeps each measurement with who entered it, its source and whether it is provisional", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      const me = await dataManager().request<{ me: { userId: string } }>(gql`
        {
          me {
            userId
          }
        }
      `);
      const recorded = await measure({
        urn,
        metric: PERSISTENT,
        period: "AUTUMN1",
        value: 19.8,
        provisional: true,
        source: "Weekly attendance return",
      });
      const expected = {
        period: "AUTUMN1",
        value: 19.8,
        readAs: "19.8%",
        provisional: true,
        source: "Weekly attendance return",
        enteredBy: { id: me.me.userId, name: "Demo data-manager" },
      };
      expect(recorded).toEqual({
        recordMeasurement: { ...expected, metric: PERSISTENT, year: YEAR },
      });
      expect((await targetOf(urn)).measurements).toEqual([expected]);
    });
  });

  describe("reading measurements, like with like, rounding", () => {
    it("reads a persistent absence measurement of 0.185 as 18.5%, and says so", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      const recorded = await measure({ urn, metric: PERSISTENT, period: "AUTUMN2", value: 0.185 });
      expect(recorded).toMatchObject({ recordMeasurement: { value: 18.5, readAs: "18.5%" } });
      expect((await targetOf(urn)).progress).toMatchObject({
        latest: 18.5,
        expected: 19,
        rag: "GREEN",
        gapClosed: 0.375,
      });
    });

    it("rates absence of 5.95 in autumn 1 on a 6.2 -> 5.0 target green (expected 6.0), tolerance 0.3 without float noise", async () => {
      const urn = await newAcademy();
      await setTarget({
        urn,
        year: YEAR,
        metric: "attendance.absence",
        baseline: 6.2,
        target: 5.0,
      });
      await measure({ urn, metric: "attendance.absence", period: "AUTUMN1", value: 5.95 });
      const target = await targetOf(urn, "attendance.absence");
      expect(target.progress).toMatchObject({
        expected: 6,
        shortOfExpected: 0,
        onTrack: true,
        rag: "GREEN",
        tolerance: 0.3,
      });
      const raw = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${server.tokens.leader}`,
        },
        body: JSON.stringify({ query: CARD, variables: { urn, year: YEAR } }),
      }).then((response) => response.text());
      expect(raw).not.toMatch(/\d\.\d*(0000000|9999999)\d/);
    });

    it("gives permanent exclusions (a count) no national position, and the rate per 100 pupils 0.13", async () => {
      const urn = await newAcademy();
      await setTarget({
        urn,
        year: YEAR,
        metric: "behaviour.permanentExclusions",
        baseline: 2,
        target: 0,
      });
      await setTarget({
        urn,
        year: YEAR,
        metric: "behaviour.permanentExclusionRate",
        baseline: 0.4,
        target: 0.1,
      });
      await measure({ urn, metric: "behaviour.permanentExclusions", period: "AUTUMN", value: 0 });
      await measure({
        urn,
        metric: "behaviour.permanentExclusionRate",
        period: "AUTUMN",
        value: 0.05,
      });
      const count = await targetOf(urn, "behaviour.permanentExclusions");
      expect(count.progress).toMatchObject({
        national: null,
        differenceFromNational: null,
        atOrAboveNational: null,
        rag: "GREEN",
      });
      const rate = await targetOf(urn, "behaviour.permanentExclusionRate");
      // Adds up through the year: by the autumn term (point 2) at most 0.1 x 2 / 6.
      expect(rate.progress).toMatchObject({
        national: 0.13,
        differenceFromNational: -0.08,
        atOrAboveNational: true,
        expected: 0.03,
        rag: "AMBER",
      });
    });
  });

  describe("refusing bad input", () => {
    it.each([
      { reason: "a metric that does not exist", metric: "attendance.happiness" },
      { reason: "an indicator that is not measured", metric: "phase" },
    ])("refuses a target for $reason, naming metric", async ({ metric }) => {
      const urn = await newAcademy();
      const error = await refusalOf(
        dataManager().request(SET_TARGET, { input: { ...persistentAbsenceTarget(urn), metric } }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual(["metric"]);
      expect(error.message).toContain(metric);
      expect((await card(urn)).targets).toEqual([]);
    });

    it("refuses a milestone for a period that is not a half term, naming the period", async () => {
      const urn = await newAcademy();
      const error = await refusalOf(
        dataManager().request(SET_TARGET, {
          input: persistentAbsenceTarget(urn, { milestones: [{ period: "SPRING", value: 18 }] }),
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/"SPRING".*HalfTerm|HalfTerm.*"SPRING"/);
      expect(error.message).toContain("HalfTerm accepts AUTUMN1, AUTUMN2, SPRING1");
      expect((await card(urn)).targets).toEqual([]);
    });

    it.each([
      { reason: "a year written 2025-26", input: { year: "2025-26" }, field: "year", scalar: true },
      { reason: "a negative tolerance", input: { tolerance: -1 }, field: "tolerance" },
      { reason: "a percentage above 100", input: { target: 120 }, field: "target" },
    ])("refuses a target with $reason, naming $field", async ({ input, field, scalar }) => {
      const urn = await newAcademy();
      const error = await refusalOf(
        dataManager().request(SET_TARGET, { input: { ...persistentAbsenceTarget(urn), ...input } }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      // A year not written 2025/26 is refused by the AcademicYear scalar, naming input.year.
      if (scalar) expect(error.message).toMatch(/at "input\.year"; AcademicYear accepts/);
      else expect(error.problems.map((problem) => problem.field)).toEqual([field]);
      expect((await card(urn)).targets).toEqual([]);
    });

    it("refuses a measurement for an unknown period, naming it, and stores nothing", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      const error = await refusalOf(
        dataManager().request(MEASURE, {
          input: { urn, year: YEAR, metric: PERSISTENT, period: "AUTUMN3", value: 18 },
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.message).toMatch(/"AUTUMN3".*Period/);
      expect((await targetOf(urn)).measurements).toEqual([]);
    });

    it.each([
      { reason: "an unknown metric", input: { metric: "attendance.lateness" }, field: "metric" },
      { reason: "a year written 2025-26", input: { year: "2025-26" }, field: "year", scalar: true },
      { reason: "a negative percentage", input: { value: -3 }, field: "value" },
    ])(
      "refuses a measurement with $reason, naming $field, and stores nothing",
      async ({ input, field, scalar }) => {
        const urn = await newAcademy();
        await setTarget(persistentAbsenceTarget(urn));
        await measure({ urn, metric: PERSISTENT, period: "AUTUMN1", value: 19.5 });
        const error = await refusalOf(
          dataManager().request(MEASURE, {
            input: { urn, year: YEAR, metric: PERSISTENT, period: "AUTUMN2", value: 18, ...input },
          }),
        );
        expect(error.code).toBe("BAD_USER_INPUT");
        if (scalar) expect(error.message).toMatch(/at "input\.year"; AcademicYear accepts/);
        else expect(error.problems.map((problem) => problem.field)).toEqual([field]);
        const target = await targetOf(urn);
        expect(target.measurements.map((measurement) => measurement.period)).toEqual(["AUTUMN1"]);
        expect(target.progress.latestPeriod).toBe("AUTUMN1");
      },
    );
  });

  describe("sign-off, changes and versions", () => {
    const governor = () => server.client(server.tokens.governor);

    /** Takes a new target of a new academy through sign-off to agreed; returns its id. */
    async function agreedTarget(urn: string): Promise<string> {
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      await dataManager().request(PROPOSE, { id, expectedVersion: 1 });
      await leader().request(REVIEW, { id, expectedVersion: 2, meetingOn: "2025-10-01" });
      await leader().request(AGREE, { id, expectedVersion: 3, meetingOn: "2025-10-14" });
      return id;
    }

    it("takes a target draft, proposed (data manager), reviewed (for the LGB) and agreed (trust board), recording each body and date", async () => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      expect(
        (
          await dataManager().request<{ proposeTarget: unknown }>(PROPOSE, {
            id,
            expectedVersion: 1,
          })
        ).proposeTarget,
      ).toEqual({ status: "PROPOSED", version: 2, nextStep: "REVIEW" });
      expect(
        (
          await leader().request<{ reviewTarget: unknown }>(REVIEW, {
            id,
            expectedVersion: 2,
            meetingOn: "2025-10-01",
            body: "Academy Advisory Board",
          })
        ).reviewTarget,
      ).toEqual({ status: "REVIEWED", version: 3, nextStep: "AGREE" });
      expect(
        (
          await leader().request<{ agreeTarget: unknown }>(AGREE, {
            id,
            expectedVersion: 3,
            meetingOn: "2025-10-14",
          })
        ).agreeTarget,
      ).toEqual({ status: "AGREED", version: 4, nextStep: null });

      const target = await targetOf(urn);
      expect(target).toMatchObject({ status: "AGREED", version: 4, nextStep: null });
      expect(target.signOff).toEqual([
        {
          action: "PROPOSED",
          body: "TRUST",
          bodyName: "Trust",
          meetingOn: null,
          by: { name: "Demo data-manager" },
          reason: null,
        },
        {
          action: "REVIEWED",
          body: "LOCAL_BOARD",
          bodyName: "Academy Advisory Board",
          meetingOn: "2025-10-01",
          by: { name: "Demo leader" },
          reason: null,
        },
        {
          action: "AGREED",
          body: "TRUST_BOARD",
          bodyName: "Trust Board",
          meetingOn: "2025-10-14",
          by: { name: "Demo leader" },
          reason: null,
        },
      ]);
    });

    it.each([
      {
        from: "draft",
        step: "agree",
        message: "a draft cannot be agreed: it must be proposed and reviewed first",
      },
      {
        from: "draft",
        step: "review",
        message: "a draft cannot be reviewed: it must be proposed first",
      },
      {
        from: "proposed",
        step: "agree",
        message:
          "a proposed target cannot be agreed: the local governing board must review it first",
      },
    ])("refuses to skip a step: $step a $from target", async ({ from, step, message }) => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      let version = 1;
      if (from === "proposed") {
        await dataManager().request(PROPOSE, { id, expectedVersion: 1 });
        version = 2;
      }
      const error = await refusalOf(
        leader().request(step === "agree" ? AGREE : REVIEW, {
          id,
          expectedVersion: version,
          meetingOn: "2025-10-14",
        }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.message).toBe(`status: ${message}`);
      expect(error.problems.map((problem) => problem.field)).toEqual(["status"]);
      expect(await targetOf(urn)).toMatchObject({ status: from.toUpperCase(), version });
    });

    it.each([
      { who: "data-manager", mutation: "review", code: "FORBIDDEN" },
      { who: "academy", mutation: "review", code: "FORBIDDEN" },
      { who: "governor", mutation: "agree", code: "FORBIDDEN" },
      { who: "data-manager", mutation: "agree", code: "FORBIDDEN" },
    ])("does not let the $who role $mutation ($code)", async ({ who, mutation, code }) => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      await dataManager().request(PROPOSE, { id, expectedVersion: 1 });
      const error = await refusalOf(
        server
          .client(server.tokens[who as "leader"])
          .request(mutation === "agree" ? AGREE : REVIEW, {
            id,
            expectedVersion: 2,
            meetingOn: "2025-10-01",
          }),
      );
      expect(error.code).toBe(code);
      expect(await targetOf(urn)).toMatchObject({ status: "PROPOSED", version: 2 });
    });

    it("needs the date the board met to review, and refuses one in the future", async () => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      await dataManager().request(PROPOSE, { id, expectedVersion: 1 });
      const error = await refusalOf(
        leader().request(REVIEW, { id, expectedVersion: 2, meetingOn: "2999-01-01" }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual(["meetingOn"]);
      expect(error.message).toContain("is in the future");
    });

    it("keeps the agreed value in force while a change goes through proposed, reviewed and agreed", async () => {
      const urn = await newAcademy();
      const id = await agreedTarget(urn);
      const withoutReason = await refusalOf(
        dataManager().request(SET_TARGET, {
          input: persistentAbsenceTarget(urn, { target: 17, expectedVersion: 4 }),
        }),
      );
      expect(withoutReason.code).toBe("BAD_USER_INPUT");
      expect(withoutReason.problems.map((problem) => problem.field)).toEqual(["reason"]);

      const changed = await setTarget(
        persistentAbsenceTarget(urn, {
          target: 17,
          expectedVersion: 4,
          reason: "New intake with high persistent absence",
        }),
      );
      expect(changed).toMatchObject({
        status: "AGREED",
        target: 16,
        version: 5,
        nextStep: "PROPOSE",
        pendingChange: {
          status: "DRAFT",
          target: 17,
          reason: "New intake with high persistent absence",
          steps: [],
        },
      });
      const early = await refusalOf(
        leader().request(AGREE, { id, expectedVersion: 5, meetingOn: "2025-11-20" }),
      );
      expect(early.message).toBe(
        "status: a change in draft cannot be agreed: it must be proposed and reviewed first",
      );
      await dataManager().request(PROPOSE, { id, expectedVersion: 5 });
      await leader().request(REVIEW, { id, expectedVersion: 6, meetingOn: "2025-11-12" });
      const inReview = await targetOf(urn);
      expect(inReview).toMatchObject({
        status: "AGREED",
        target: 16,
        pendingChange: { status: "REVIEWED", target: 17 },
      });
      expect(inReview.pendingChange?.steps.map((step) => step.action)).toEqual([
        "PROPOSED",
        "REVIEWED",
      ]);
      await leader().request(AGREE, { id, expectedVersion: 7, meetingOn: "2025-11-20" });
      const agreed = await targetOf(urn);
      expect(agreed).toMatchObject({
        status: "AGREED",
        target: 17,
        pendingChange: null,
        version: 8,
      });
      expect(agreed.signOff.map((step) => [step.action, step.meetingOn])).toEqual([
        ["PROPOSED", null],
        ["REVIEWED", "2025-11-12"],
        ["AGREED", "2025-11-20"],
      ]);
    });

    it("keeps every version as a typed history, who by name, with a direct trust-board change marked as such", async () => {
      const urn = await newAcademy();
      const id = await agreedTarget(urn);
      const direct = await server
        .client(server.tokens["trust-admin"])
        .request<{ changeAgreedTarget: unknown }>(CHANGE_AGREED, {
          id,
          expectedVersion: 4,
          values: { baseline: 20, target: 15.5, milestones: [{ period: "AUTUMN2", value: 19 }] },
          reason: "Inspection brought forward: the board raised the target",
          meetingOn: "2025-12-03",
        });
      expect(direct.changeAgreedTarget).toEqual({
        status: "AGREED",
        version: 5,
        target: 15.5,
        pendingChange: null,
      });
      const history = (
        await leader().request<{
          targetVersions: { edges: { node: Record<string, unknown> }[] };
        }>(VERSIONS, { id })
      ).targetVersions.edges.map((edge) => edge.node);
      expect(
        history.map((v) => [
          v.version,
          v.action,
          v.status,
          v.target,
          v.bodyName,
          v.meetingOn,
          (v.changedBy as { name: string }).name,
        ]),
      ).toEqual([
        [5, "DIRECT_CHANGE", "AGREED", 15.5, "Trust Board", "2025-12-03", "Demo trust-admin"],
        [4, "AGREED", "AGREED", 16, "Trust Board", "2025-10-14", "Demo leader"],
        [3, "REVIEWED", "REVIEWED", 16, "LGB", "2025-10-01", "Demo leader"],
        [2, "PROPOSED", "PROPOSED", 16, "Trust", null, "Demo data-manager"],
        [1, "CREATED", "DRAFT", 16, null, null, "Demo data-manager"],
      ]);
      expect(history[0]).toMatchObject({
        body: "TRUST_BOARD",
        reason: "Inspection brought forward: the board raised the target",
        milestones: [{ period: "AUTUMN2", value: 19 }],
      });
      expect(JSON.stringify(history)).not.toMatch(/snapshot|"id":|cl[a-z0-9]{20,}/);
      expect((await targetOf(urn)).signOff).toEqual([
        {
          action: "DIRECT_CHANGE",
          body: "TRUST_BOARD",
          bodyName: "Trust Board",
          meetingOn: "2025-12-03",
          by: { name: "Demo trust-admin" },
          reason: "Inspection brought forward: the board raised the target",
        },
      ]);
    });

    it("does not let a data manager record a direct change (FORBIDDEN), nor a leader without a reason", async () => {
      const urn = await newAcademy();
      const id = await agreedTarget(urn);
      const values = { baseline: 20, target: 15 };
      const byDataManager = await refusalOf(
        dataManager().request(CHANGE_AGREED, {
          id,
          expectedVersion: 4,
          values,
          reason: "Because",
          meetingOn: "2025-12-03",
        }),
      );
      expect(byDataManager.code).toBe("FORBIDDEN");
      const noReason = await refusalOf(
        leader().request(CHANGE_AGREED, {
          id,
          expectedVersion: 4,
          values,
          reason: " ",
          meetingOn: "2025-12-03",
        }),
      );
      expect(noReason.problems.map((problem) => problem.field)).toEqual(["reason"]);
      expect(await targetOf(urn)).toMatchObject({ target: 16, version: 4 });
    });

    it("sends an edited proposed target back to draft: what the board reviews is what was proposed", async () => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      await dataManager().request(PROPOSE, { id, expectedVersion: 1 });
      const edited = await setTarget(
        persistentAbsenceTarget(urn, { target: 15, expectedVersion: 2 }),
      );
      expect(edited).toMatchObject({
        status: "DRAFT",
        target: 15,
        version: 3,
        nextStep: "PROPOSE",
      });
    });

    it("lets a governor of 140001 review its proposed target for the LGB, and shows them only the review button", async () => {
      const proposed = (await card("140001", server.tokens.governor)).targets.find(
        (target) => target.status === "PROPOSED",
      );
      expect(proposed).toMatchObject({ nextStep: "REVIEW", canTakeNextStep: true });
      const reviewed = await governor().request<{ reviewTarget: { status: string } }>(REVIEW, {
        id: proposed!.id,
        expectedVersion: proposed!.version,
        meetingOn: "2025-10-02",
      });
      expect(reviewed.reviewTarget.status).toBe("REVIEWED");
      const after = await targetOf("140001", proposed!.metric);
      expect(after.signOff.at(-1)).toMatchObject({
        action: "REVIEWED",
        body: "LOCAL_BOARD",
        bodyName: "LGB",
        by: { name: "Demo governor" },
        meetingOn: "2025-10-02",
      });
      const asGovernor = (await card("140001", server.tokens.governor)).targets.find(
        (target) => target.id === proposed!.id,
      );
      expect(asGovernor).toMatchObject({ nextStep: "AGREE", canTakeNextStep: false });
    });

    it("does not let a governor of 140001 see or touch 140002's targets (NOT_FOUND, nothing changed)", async () => {
      const other = (await card("140002")).targets.find((target) => target.status === "PROPOSED");
      expect(other).toBeDefined();
      const review = await refusalOf(
        governor().request(REVIEW, {
          id: other!.id,
          expectedVersion: other!.version,
          meetingOn: "2025-10-02",
        }),
      );
      expect(review.code).toBe("NOT_FOUND");
      const history = await refusalOf(governor().request(VERSIONS, { id: other!.id }));
      expect(history.code).toBe("NOT_FOUND");
      const cardOfOther = await refusalOf(governor().request(CARD, { urn: "140002", year: YEAR }));
      expect(cardOfOther.code).toBe("NOT_FOUND");
      const setOther = await refusalOf(
        governor().request(SET_TARGET, { input: persistentAbsenceTarget("140002") }),
      );
      expect(setOther.code).toBe("FORBIDDEN");
      expect(await targetOf("140002", other!.metric)).toEqual(other);
    });

    it("answers CONFLICT to the second of two writers with the same version, keeping the first's values", async () => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      const first = await setTarget(
        persistentAbsenceTarget(urn, { target: 15, expectedVersion: 1 }),
      );
      expect(first).toMatchObject({ version: 2, target: 15 });

      const second = await refusalOf(
        server.client(server.tokens["trust-admin"]).request(SET_TARGET, {
          input: persistentAbsenceTarget(urn, { target: 14, baseline: 21, expectedVersion: 1 }),
        }),
      );
      expect(second.code).toBe("CONFLICT");
      expect(second.message).toContain("version 2");
      expect(await targetOf(urn)).toEqual(first);

      const staleStatus = await refusalOf(
        dataManager().request(PROPOSE, { id, expectedVersion: 1 }),
      );
      expect(staleStatus.code).toBe("CONFLICT");
      expect(await targetOf(urn)).toEqual(first);
    });

    it("lets exactly one of two writers racing with the same version win", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      const writers = [15, 14].map((target, index) =>
        server
          .client(index === 0 ? server.tokens["data-manager"] : server.tokens["trust-admin"])
          .request<{ setTarget: Target }>(SET_TARGET, {
            input: persistentAbsenceTarget(urn, { target, expectedVersion: 1 }),
          })
          .then((data) => ({ won: data.setTarget.target }))
          .catch((error: unknown) => ({ lost: graphQLErrorOf(error).code })),
      );
      const outcomes = await Promise.all(writers);
      const winners = outcomes.flatMap((outcome) => ("won" in outcome ? [outcome.won] : []));
      const losers = outcomes.flatMap((outcome) => ("lost" in outcome ? [outcome.lost] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toEqual(["CONFLICT"]);
      expect(await targetOf(urn)).toMatchObject({ version: 2, target: winners[0] });
    });

    it("needs expectedVersion to change an existing target", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      const error = await refusalOf(
        dataManager().request(SET_TARGET, { input: persistentAbsenceTarget(urn, { target: 15 }) }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual(["expectedVersion"]);
      expect(await targetOf(urn)).toMatchObject({ version: 1, target: 16 });
    });
  });

  describe("who may do what", () => {
    it("lets the academy user record a measurement for its own academy, 140001", async () => {
      const before = await targetOf("140001", "attendance.absence");
      const data = await measure(
        { urn: "140001", metric: "attendance.absence", period: "SUMMER2", value: 3.9 },
        server.tokens.academy,
      );
      expect(data).toMatchObject({ recordMeasurement: { period: "SUMMER2", value: 3.9 } });
      const after = await targetOf("140001", "attendance.absence");
      expect(after.measurements).toHaveLength(before.measurements.length + 1);
      expect(after.progress).toMatchObject({ latest: 3.9, latestPeriod: "SUMMER2" });
    });

    it("answers NOT_FOUND to the academy user recording for another academy, storing nothing", async () => {
      const before = await targetOf("140002", "attendance.absence");
      const error = await refusalOf(
        server.client(server.tokens.academy).request(MEASURE, {
          input: {
            urn: "140002",
            year: YEAR,
            metric: "attendance.absence",
            period: "SUMMER2",
            value: 3.9,
          },
        }),
      );
      expect(error.code).toBe("NOT_FOUND");
      expect(await targetOf("140002", "attendance.absence")).toEqual(before);
      const card = await refusalOf(
        server.client(server.tokens.academy).request(CARD, { urn: "140002", year: YEAR }),
      );
      expect(card.code).toBe("NOT_FOUND");
    });

    it("does not let a leader record a measurement or set a target (FORBIDDEN)", async () => {
      const urn = await newAcademy();
      const measurement = await refusalOf(
        leader().request(MEASURE, {
          input: { urn, year: YEAR, metric: PERSISTENT, period: "AUTUMN1", value: 19 },
        }),
      );
      expect(measurement.code).toBe("FORBIDDEN");
      const target = await refusalOf(
        leader().request(SET_TARGET, { input: persistentAbsenceTarget(urn) }),
      );
      expect(target.code).toBe("FORBIDDEN");
      expect((await card(urn)).targets).toEqual([]);
    });

    it("lets the academy user ask for a change to its agreed target, the agreed value staying in force", async () => {
      const agreed = (await card("140001", server.tokens.academy)).targets.find(
        (target) => target.status === "AGREED" && target.pendingChange === null,
      );
      expect(agreed).toBeDefined();
      const asked = await setTarget(
        {
          urn: "140001",
          year: YEAR,
          metric: agreed!.metric,
          baseline: agreed!.baseline,
          target: agreed!.target + 0.5,
          expectedVersion: agreed!.version,
          reason: "We would like an easier target",
        },
        server.tokens.academy,
      );
      expect(asked).toMatchObject({
        status: "AGREED",
        target: agreed!.target,
        pendingChange: { status: "DRAFT", target: agreed!.target + 0.5 },
      });
      expect((await targetOf("140001", agreed!.metric)).progress).toEqual(agreed!.progress);
    });

    // targetVersions is scoped to the academy user's academies, not only the
    // trust: holding another academy's target id reveals nothing.
    it("does not show the academy user the versions of another academy's target", async () => {
      const other = await targetOf("140002", PERSISTENT);
      // Give the target a history: one earlier version.
      await setTarget({
        urn: "140002",
        year: YEAR,
        metric: PERSISTENT,
        baseline: other.baseline,
        target: other.target,
        expectedVersion: other.version,
        reason: "Recorded again for the history",
      });
      const answer = await server
        .client(server.tokens.academy)
        .request<{ targetVersions: { edges: unknown[] } }>(VERSIONS, { id: other.id })
        .then(
          (data) => `${data.targetVersions.edges.length} versions`,
          (error: unknown) => graphQLErrorOf(error).code,
        );
      expect(["0 versions", "NOT_FOUND"]).toContain(answer);
    });
  });
});
