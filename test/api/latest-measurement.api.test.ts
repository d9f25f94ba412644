// The latest measurement kept on write (LatestMeasurement) is the one the
// card works out from every measurement (DOMAIN.md "Academy card": the latest
// period, a final replacing a provisional for the same period, then the last
// entered): after each of a series of recordings through the API that
// includes corrections, provisional and final figures for the same period,
// terms beside half terms and periods recorded out of order, the stored row,
// the rule applied to the stored measurements, the card's progress (worked
// out from every measurement), the workbook's cards (read from the stored
// latest) and the overview's RAG counts all agree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql } from "graphql-request";
import { startTestServer, storesToTest, type TestServer } from "../support/test-server.js";
import { latestMeasurement, type Period } from "../../server/domain/index.js";

const YEAR = "2027/28";
const METRIC = "attendance.absence";

const SET_TARGET = gql`
  mutation SetTarget($input: TargetInput!) {
    setTarget(input: $input) {
      id
    }
  }
`;

const MEASURE = gql`
  mutation Measure($input: MeasurementInput!) {
    recordMeasurement(input: $input) {
      id
    }
  }
`;

const CARD_AND_OVERVIEW = gql`
  query CardAndOverview($urn: URN!, $year: AcademicYear!) {
    academyCard(urn: $urn, year: $year) {
      targets {
        metric
        progress {
          latest
          latestPeriod
          provisional
          rag
        }
      }
    }
    workbookCards: academyCards(urns: [$urn], year: $year) {
      targets {
        metric
        progress {
          latest
          latestPeriod
          provisional
          rag
        }
      }
    }
    trustOverview(year: $year) {
      academies {
        academy {
          urn
        }
        rag {
          green
          amber
          red
          none
        }
      }
    }
  }
`;

interface CardAndOverview {
  academyCard: {
    targets: {
      metric: string;
      progress: {
        latest: number | null;
        latestPeriod: string | null;
        provisional: boolean;
        rag: string | null;
      };
    }[];
  };
  /** The cards as a workbook asks for them (no measurements: progress from the stored latest). */
  workbookCards: { targets: CardAndOverview["academyCard"]["targets"] }[];
  trustOverview: {
    academies: {
      academy: { urn: string };
      rag: { green: number; amber: number; red: number; none: number };
    }[];
  };
}

/** Recordings in the order they arrive, with which one each leaves as latest and why. */
const RECORDINGS: readonly { period: Period; value: number; provisional: boolean; why: string }[] =
  [
    { period: "spring1", value: 5.9, provisional: false, why: "the first" },
    { period: "autumn2", value: 6.1, provisional: false, why: "an earlier period, late" },
    { period: "spring1", value: 5.7, provisional: true, why: "a provisional after the final" },
    { period: "spring", value: 5.6, provisional: true, why: "the spring term ends later" },
    { period: "spring2", value: 5.5, provisional: true, why: "same point, entered later" },
    { period: "spring", value: 5.4, provisional: false, why: "a final over provisionals" },
    { period: "spring2", value: 5.45, provisional: true, why: "a provisional after a final" },
    { period: "spring2", value: 5.3, provisional: false, why: "a correction, final" },
    { period: "autumn1", value: 7, provisional: false, why: "the first half term, late" },
    { period: "year", value: 5.2, provisional: true, why: "the whole year, provisional" },
    { period: "summer2", value: 6.4, provisional: false, why: "summer2 final beats it" },
    { period: "summer2", value: 5.0, provisional: false, why: "corrected again" },
  ];

describe.each(await storesToTest())("latest measurement kept on write, %s", (store) => {
  let server: TestServer;
  let urn: string;
  beforeAll(async () => {
    server = await startTestServer(store);
    const academy = await server.handle.prisma.academy.findFirstOrThrow({
      where: { trustId: server.handle.demo!.trustId },
      orderBy: { urn: "asc" },
    });
    urn = academy.urn;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("equals what the card computes after every recording, corrections and late periods included", async () => {
    const dataManager = server.client(server.tokens["data-manager"]);
    const leader = server.client(server.tokens.leader);
    await dataManager.request(SET_TARGET, {
      input: { urn, year: YEAR, metric: METRIC, baseline: 6.2, target: 5.0 },
    });
    const prisma = server.handle.prisma;
    for (const [index, recording] of RECORDINGS.entries()) {
      await dataManager.request(MEASURE, {
        input: {
          urn,
          metric: METRIC,
          year: YEAR,
          period: recording.period.toUpperCase(),
          value: recording.value,
          provisional: recording.provisional,
        },
      });
      const academy = await prisma.academy.findFirstOrThrow({
        where: { trustId: server.handle.demo!.trustId, urn },
      });
      const measurements = await prisma.measurement.findMany({
        where: { academyId: academy.id, year: YEAR, metric: METRIC },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      const computed = latestMeasurement(
        measurements.map((row) => ({ ...row, period: row.period, enteredAt: row.createdAt })),
      )!;
      const stored = await prisma.latestMeasurement.findUniqueOrThrow({
        where: { academyId_year_metric: { academyId: academy.id, year: YEAR, metric: METRIC } },
      });
      const step = `after recording ${index + 1} (${recording.why})`;
      expect(stored.measurementId, step).toBe(computed.id);
      expect(
        { period: stored.period, value: stored.value, provisional: stored.provisional },
        step,
      ).toEqual({
        period: computed.period,
        value: computed.value,
        provisional: computed.provisional,
      });
      expect(stored.enteredAt.getTime(), step).toBe(computed.createdAt.getTime());

      const data = await leader.request<CardAndOverview>(CARD_AND_OVERVIEW, { urn, year: YEAR });
      const progress = data.academyCard.targets.find((entry) => entry.metric === METRIC)!.progress;
      expect(
        {
          latest: progress.latest,
          latestPeriod: progress.latestPeriod,
          provisional: progress.provisional,
        },
        step,
      ).toEqual({
        latest: stored.value,
        latestPeriod: stored.period.toUpperCase(),
        provisional: stored.provisional,
      });
      expect(data.workbookCards[0]!.targets, step).toEqual(data.academyCard.targets);
      const row = data.trustOverview.academies.find((entry) => entry.academy.urn === urn)!;
      const rags = { green: 0, amber: 0, red: 0, none: 0 };
      for (const target of data.academyCard.targets)
        rags[(target.progress.rag?.toLowerCase() ?? "none") as keyof typeof rags]++;
      expect(row.rag, step).toEqual(rags);
    }
    // The last correction counts: summer2 5.0, final.
    const last = await prisma.latestMeasurement.findFirstOrThrow({
      where: { year: YEAR, metric: METRIC },
    });
    expect({ period: last.period, value: last.value }).toEqual({ period: "summer2", value: 5 });
  });
});
