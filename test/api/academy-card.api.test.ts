// Academy cards over real HTTP (DOMAIN.md, "Academy card"): a target set with
// setTarget, measurements recorded through the year, and progress exactly as
// defined: latest value, gap closed, on track against the milestone for the
// period, RAG with the tolerance, and national. Then the status flow, the lock
// on agreed targets, optimistic concurrency and who may record what.
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
    progress {
      latest
      latestPeriod
      provisional
      gapClosed
      expected
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
      provisional
      source
      enteredBy
    }
  }
`;

const CARD = gql`
  ${TARGET_FIELDS}
  query Card($urn: String!, $year: String!) {
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

const SET_STATUS = gql`
  mutation SetStatus($id: ID!, $status: String!, $expectedVersion: Int!, $reason: String) {
    setTargetStatus(id: $id, status: $status, expectedVersion: $expectedVersion, reason: $reason) {
      status
      version
    }
  }
`;

const VERSIONS = gql`
  query Versions($id: ID!) {
    targetVersions(id: $id) {
      version
      snapshot
      reason
      changedBy
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
      provisional
      source
      enteredBy
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
  onTrack: boolean | null;
  rag: string | null;
  tolerance: number;
  national: number | null;
  differenceFromNational: number | null;
  atOrAboveNational: boolean | null;
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
  progress: Progress;
  measurements: {
    period: string;
    value: number;
    provisional: boolean;
    source: string;
    enteredBy: string;
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
    { period: "autumn2", value: 19 },
    { period: "spring2", value: 17.5 },
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
      input: { urn, name: `Test Primary ${urn}`, phase: "primary" },
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

  async function card(urn: string, token = server.tokens.leader) {
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
          { period: "autumn2", value: 19 },
          { period: "spring2", value: 17.5 },
        ],
        tolerance: null,
        status: "draft",
        version: 1,
        measurements: [],
      });
      expect(created.progress).toEqual({
        latest: null,
        latestPeriod: null,
        provisional: false,
        gapClosed: null,
        expected: null,
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
        period: "autumn2",
        value: 19,
        expected: 19,
        onTrack: true,
        rag: "green",
        gapClosed: 0.25,
        why: "meets the autumn2 milestone exactly",
      },
      {
        period: "autumn2",
        value: 18,
        expected: 19,
        onTrack: true,
        rag: "green",
        gapClosed: 0.5,
        why: "is better than the milestone (lower is better)",
      },
      {
        period: "autumn2",
        value: 20,
        expected: 19,
        onTrack: false,
        rag: "amber",
        gapClosed: 0,
        why: "misses the milestone by exactly the tolerance",
      },
      {
        period: "autumn2",
        value: 20.01,
        expected: 19,
        onTrack: false,
        rag: "red",
        gapClosed: -0.0025,
        why: "misses the milestone by just more than the tolerance",
      },
      {
        period: "spring1",
        value: 18.5,
        expected: 19,
        onTrack: true,
        rag: "green",
        gapClosed: 0.375,
        why: "is between milestones, so the autumn2 milestone applies",
      },
      {
        period: "spring2",
        value: 17.5,
        expected: 17.5,
        onTrack: true,
        rag: "green",
        gapClosed: 0.625,
        why: "meets the spring2 milestone exactly",
      },
      {
        period: "spring2",
        value: 18.5,
        expected: 17.5,
        onTrack: false,
        rag: "amber",
        gapClosed: 0.375,
        why: "misses the spring2 milestone by exactly the tolerance",
      },
      {
        period: "spring2",
        value: 19,
        expected: 17.5,
        onTrack: false,
        rag: "red",
        gapClosed: 0.25,
        why: "misses the spring2 milestone by more than the tolerance",
      },
      {
        period: "spring",
        value: 17.5,
        expected: 17.5,
        onTrack: true,
        rag: "green",
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
        expect(progress.differenceFromNational).toBeCloseTo(value - NATIONAL_PERSISTENT, 10);
      },
    );

    it.each([
      { value: 19.5, rag: "amber", why: "within a set tolerance of 0.5" },
      { value: 19.6, rag: "red", why: "beyond a set tolerance of 0.5" },
    ])(
      "uses the tolerance set on the target: autumn2 $value is $rag ($why)",
      async ({ value, rag }) => {
        const urn = await newAcademy();
        await setTarget(persistentAbsenceTarget(urn, { tolerance: 0.5 }));
        await measure({ urn, metric: PERSISTENT, period: "autumn2", value });
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
        period: "year",
        value: 66,
        provisional: true,
      });
      const { progress } = await targetOf(urn, "ks2.rwmExpected");
      expect(progress).toMatchObject({
        latest: 66,
        latestPeriod: "year",
        provisional: true,
        gapClosed: 0.75,
        expected: 68,
        onTrack: false,
        // 2 short of 68, within the default tolerance of a quarter of 8.
        rag: "amber",
        tolerance: 2,
        national: 62,
        differenceFromNational: 4,
        atOrAboveNational: true,
      });
    });

    it("takes the latest period as latest, and a final figure over a provisional one for it", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      await measure({ urn, metric: PERSISTENT, period: "spring1", value: 18.2 });
      // Entered later, but for an earlier half term.
      await measure({ urn, metric: PERSISTENT, period: "autumn2", value: 17 });
      // Entered later for the same half term, but only provisional.
      await measure({ urn, metric: PERSISTENT, period: "spring1", value: 21, provisional: true });
      const target = await targetOf(urn);
      expect(target.progress).toMatchObject({
        latest: 18.2,
        latestPeriod: "spring1",
        provisional: false,
        rag: "green",
      });
      expect(
        target.measurements.map((measurement) => [measurement.period, measurement.value]),
      ).toEqual([
        ["spring1", 18.2],
        ["autumn2", 17],
        ["spring1", 21],
      ]);
      // A corrected final figure for the same half term replaces the earlier one.
      await measure({ urn, metric: PERSISTENT, period: "spring1", value: 19.4 });
      expect((await targetOf(urn)).progress).toMatchObject({
        latest: 19.4,
        latestPeriod: "spring1",
        rag: "amber",
      });
    });

    // At the end of the year the target itself is what a target expects: a
    // summer2 (or "year") figure of 17.5 against a target of 16 is 1.5 short
    // (beyond the tolerance of 1: red), not on track against the spring2
    // milestone of 17.5.
    it("expects the target itself at the end of the year, not the last milestone", async () => {
      const urn = await newAcademy();
      await setTarget(persistentAbsenceTarget(urn));
      await measure({ urn, metric: PERSISTENT, period: "summer2", value: 17.5 });
      expect((await targetOf(urn)).progress).toMatchObject({
        latest: 17.5,
        expected: 16,
        onTrack: false,
        rag: "red",
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
        period: "autumn1",
        value: 19.8,
        provisional: true,
        source: "Weekly attendance return",
      });
      const expected = {
        period: "autumn1",
        value: 19.8,
        provisional: true,
        source: "Weekly attendance return",
        enteredBy: me.me.userId,
      };
      expect(recorded).toEqual({
        recordMeasurement: { ...expected, metric: PERSISTENT, year: YEAR },
      });
      expect((await targetOf(urn)).measurements).toEqual([expected]);
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

    it.each([
      {
        reason: "a milestone for a period that is not a half term",
        input: { milestones: [{ period: "spring", value: 18 }] },
        field: "milestones[0].period",
      },
      { reason: "a year written 2025-26", input: { year: "2025-26" }, field: "year" },
      { reason: "a negative tolerance", input: { tolerance: -1 }, field: "tolerance" },
      { reason: "a percentage above 100", input: { target: 120 }, field: "target" },
    ])("refuses a target with $reason, naming $field", async ({ input, field }) => {
      const urn = await newAcademy();
      const error = await refusalOf(
        dataManager().request(SET_TARGET, { input: { ...persistentAbsenceTarget(urn), ...input } }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual([field]);
      expect((await card(urn)).targets).toEqual([]);
    });

    it.each([
      { reason: "an unknown period", input: { period: "autumn3" }, field: "period" },
      { reason: "an unknown metric", input: { metric: "attendance.lateness" }, field: "metric" },
      { reason: "a year written 2025-26", input: { year: "2025-26" }, field: "year" },
      { reason: "a negative percentage", input: { value: -3 }, field: "value" },
    ])(
      "refuses a measurement with $reason, naming $field, and stores nothing",
      async ({ input, field }) => {
        const urn = await newAcademy();
        await setTarget(persistentAbsenceTarget(urn));
        await measure({ urn, metric: PERSISTENT, period: "autumn1", value: 19.5 });
        const error = await refusalOf(
          dataManager().request(MEASURE, {
            input: { urn, year: YEAR, metric: PERSISTENT, period: "autumn2", value: 18, ...input },
          }),
        );
        expect(error.code).toBe("BAD_USER_INPUT");
        expect(error.problems.map((problem) => problem.field)).toEqual([field]);
        const target = await targetOf(urn);
        expect(target.measurements.map((measurement) => measurement.period)).toEqual(["autumn1"]);
        expect(target.progress.latestPeriod).toBe("autumn1");
      },
    );
  });

  describe("status, locking and versions", () => {
    it("moves a target draft, proposed (data manager), reviewed and agreed (leader only)", async () => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));

      const proposed = await dataManager().request<{
        setTargetStatus: { status: string; version: number };
      }>(SET_STATUS, { id, status: "proposed", expectedVersion: 1 });
      expect(proposed.setTargetStatus).toEqual({ status: "proposed", version: 2 });

      const reviewedByDataManager = await refusalOf(
        dataManager().request(SET_STATUS, { id, status: "reviewed", expectedVersion: 2 }),
      );
      expect(reviewedByDataManager.code).toBe("FORBIDDEN");
      const reviewed = await leader().request<{
        setTargetStatus: { status: string; version: number };
      }>(SET_STATUS, { id, status: "reviewed", expectedVersion: 2 });
      expect(reviewed.setTargetStatus).toEqual({ status: "reviewed", version: 3 });

      const agreedByDataManager = await refusalOf(
        dataManager().request(SET_STATUS, { id, status: "agreed", expectedVersion: 3 }),
      );
      expect(agreedByDataManager.code).toBe("FORBIDDEN");
      const agreed = await leader().request<{
        setTargetStatus: { status: string; version: number };
      }>(SET_STATUS, { id, status: "agreed", expectedVersion: 3 });
      expect(agreed.setTargetStatus).toEqual({ status: "agreed", version: 4 });

      expect(await targetOf(urn)).toMatchObject({ status: "agreed", version: 4 });
    });

    it("refuses an unknown status, naming status", async () => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      const error = await refusalOf(
        leader().request(SET_STATUS, { id, status: "approved", expectedVersion: 1 }),
      );
      expect(error.code).toBe("BAD_USER_INPUT");
      expect(error.problems.map((problem) => problem.field)).toEqual(["status"]);
    });

    it("needs a reason to change an agreed target, then keeps the earlier version", async () => {
      const urn = await newAcademy();
      const { id } = await setTarget(persistentAbsenceTarget(urn));
      await dataManager().request(SET_STATUS, { id, status: "proposed", expectedVersion: 1 });
      await leader().request(SET_STATUS, { id, status: "reviewed", expectedVersion: 2 });
      await leader().request(SET_STATUS, { id, status: "agreed", expectedVersion: 3 });
      const agreed = await targetOf(urn);
      expect(agreed).toMatchObject({ status: "agreed", version: 4, target: 16 });

      const withoutReason = await refusalOf(
        dataManager().request(SET_TARGET, {
          input: persistentAbsenceTarget(urn, { target: 17, expectedVersion: 4 }),
        }),
      );
      expect(withoutReason.code).toBe("BAD_USER_INPUT");
      expect(withoutReason.problems.map((problem) => problem.field)).toEqual(["reason"]);
      expect(await targetOf(urn)).toEqual(agreed);

      const changed = await setTarget(
        persistentAbsenceTarget(urn, {
          target: 17,
          expectedVersion: 4,
          reason: "New intake with high persistent absence",
        }),
      );
      expect(changed).toMatchObject({ id, status: "agreed", version: 5, target: 17 });
      expect(await targetOf(urn)).toEqual(changed);

      const versions = (
        await leader().request<{
          targetVersions: { version: number; snapshot: string; reason: string | null }[];
        }>(VERSIONS, { id })
      ).targetVersions;
      expect(versions.map((version) => version.version)).toEqual([4, 3, 2, 1]);
      expect(versions[0]!.reason).toBe("New intake with high persistent absence");
      expect(JSON.parse(versions[0]!.snapshot)).toMatchObject({
        id,
        status: "agreed",
        version: 4,
        baseline: 20,
        target: 16,
      });
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
        dataManager().request(SET_STATUS, { id, status: "proposed", expectedVersion: 1 }),
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
        { urn: "140001", metric: "attendance.absence", period: "summer2", value: 3.9 },
        server.tokens.academy,
      );
      expect(data).toMatchObject({ recordMeasurement: { period: "summer2", value: 3.9 } });
      const after = await targetOf("140001", "attendance.absence");
      expect(after.measurements).toHaveLength(before.measurements.length + 1);
      expect(after.progress).toMatchObject({ latest: 3.9, latestPeriod: "summer2" });
    });

    it("answers NOT_FOUND to the academy user recording for another academy, storing nothing", async () => {
      const before = await targetOf("140002", "attendance.absence");
      const error = await refusalOf(
        server.client(server.tokens.academy).request(MEASURE, {
          input: {
            urn: "140002",
            year: YEAR,
            metric: "attendance.absence",
            period: "summer2",
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
          input: { urn, year: YEAR, metric: PERSISTENT, period: "autumn1", value: 19 },
        }),
      );
      expect(measurement.code).toBe("FORBIDDEN");
      const target = await refusalOf(
        leader().request(SET_TARGET, { input: persistentAbsenceTarget(urn) }),
      );
      expect(target.code).toBe("FORBIDDEN");
      expect((await card(urn)).targets).toEqual([]);
    });

    it("does not let the academy user change its academy's agreed target (FORBIDDEN)", async () => {
      const agreed = (await card("140001", server.tokens.academy)).targets.find(
        (target) => target.status === "agreed",
      );
      expect(agreed).toBeDefined();
      const error = await refusalOf(
        server.client(server.tokens.academy).request(SET_TARGET, {
          input: {
            urn: "140001",
            year: YEAR,
            metric: agreed!.metric,
            baseline: agreed!.baseline,
            target: agreed!.target - 0.5,
            expectedVersion: agreed!.version,
            reason: "We would like an easier target",
          },
        }),
      );
      expect(error.code).toBe("FORBIDDEN");
      expect(await targetOf("140001", agreed!.metric)).toMatchObject({
        target: agreed!.target,
        version: agreed!.version,
      });
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
        .request<{ targetVersions: unknown[] }>(VERSIONS, { id: other.id })
        .then(
          (data) => `${data.targetVersions.length} versions`,
          (error: unknown) => graphQLErrorOf(error).code,
        );
      expect(["0 versions", "NOT_FOUND"]).toContain(answer);
    });
  });
});
