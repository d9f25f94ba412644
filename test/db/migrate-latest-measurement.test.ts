// Upgrading a database of the previous release, holding measurements, to keep
// the latest measurement per academy, year and metric (LatestMeasurement), on
// both stores: the migration back-fills it from the measurements already
// recorded by the card's rule (the latest period, a final over a provisional,
// then the last entered), one row per academy/year/metric, and the rows go
// with their academy.
import { expect } from "vitest";
import { openDatabase } from "../../server/db/index.js";
import { latestMeasurement } from "../../server/domain/index.js";
import { describeUpgrade } from "../support/upgrade-test.js";

const at = (day: string) => `'${day}T12:00:00.000+00:00'`;

/** Measurement rows: id, academy, year, metric, period, value, provisional, entered on. */
const MEASUREMENTS: readonly (readonly [
  string,
  string,
  string,
  string,
  string,
  number,
  boolean,
  string,
])[] = [
  // a1 absence 2025/26: spring1 final stays over a later provisional and a late autumn2.
  ["m1", "a1", "2025/26", "attendance.absence", "spring1", 5.9, false, "2026-02-20"],
  ["m2", "a1", "2025/26", "attendance.absence", "autumn2", 6.1, false, "2026-02-25"],
  ["m3", "a1", "2025/26", "attendance.absence", "spring1", 5.7, true, "2026-03-01"],
  // a1 persistent absence 2025/26: the spring term and spring2 end together; the final wins.
  ["m4", "a1", "2025/26", "attendance.persistentAbsence", "spring2", 17.5, true, "2026-04-01"],
  ["m5", "a1", "2025/26", "attendance.persistentAbsence", "spring", 17.9, false, "2026-03-30"],
  // a1 absence 2024/25, another year: the later of two finals for the year.
  ["m6", "a1", "2024/25", "attendance.absence", "year", 6.4, false, "2025-07-10"],
  ["m7", "a1", "2024/25", "attendance.absence", "year", 6.3, false, "2025-07-20"],
  ["m8", "a1", "2024/25", "attendance.absence", "summer1", 6.0, false, "2025-07-25"],
  // a2 outcome: one provisional.
  ["m9", "a2", "2025/26", "ks2.rwmExpected", "year", 64, true, "2026-07-15"],
];

const RELEASE_DATA = [
  `INSERT INTO "Trust" ("id", "uid", "name") VALUES ('t1', 'TR04567', 'Northern Lights Academy Trust')`,
  `INSERT INTO "Academy" ("id", "trustId", "urn", "name", "phase", "updatedAt") VALUES
    ('a1', 't1', '140001', 'Oakfield Primary Academy', 'primary', ${at("2025-09-01")}),
    ('a2', 't1', '140002', 'Elm Primary Academy', 'primary', ${at("2025-09-01")})`,
  `INSERT INTO "Measurement" ("id", "trustId", "academyId", "year", "metric", "period", "value", "provisional", "enteredBy", "createdAt") VALUES ${MEASUREMENTS.map(
    ([id, academy, year, metric, period, value, provisional, day]) =>
      `('${id}', 't1', '${academy}', '${year}', '${metric}', '${period}', ${value}, ${provisional}, 'u1', ${at(day)})`,
  ).join(", ")}`,
];

async function checkUpgraded(url: string): Promise<void> {
  const database = await openDatabase(url);
  try {
    const prisma = database.prisma;
    expect(await prisma.measurement.count()).toBe(MEASUREMENTS.length);
    const stored = await prisma.latestMeasurement.findMany({
      orderBy: [{ academyId: "asc" }, { year: "asc" }, { metric: "asc" }],
    });
    expect(
      stored.map((row) => [
        row.academyId,
        row.year,
        row.metric,
        row.measurementId,
        row.periodOrder,
      ]),
    ).toEqual([
      ["a1", "2024/25", "attendance.absence", "m7", 6],
      ["a1", "2025/26", "attendance.absence", "m1", 3],
      ["a1", "2025/26", "attendance.persistentAbsence", "m5", 4],
      ["a2", "2025/26", "ks2.rwmExpected", "m9", 6],
    ]);
    // The same as the card's rule over the measurements themselves.
    const measurements = await prisma.measurement.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    for (const row of stored) {
      const own = measurements.filter(
        (m) => m.academyId === row.academyId && m.year === row.year && m.metric === row.metric,
      );
      const latest = latestMeasurement(own.map((m) => ({ ...m, enteredAt: m.createdAt })))!;
      expect([row.measurementId, row.value, row.provisional, row.period]).toEqual([
        latest.id,
        latest.value,
        latest.provisional,
        latest.period,
      ]);
      expect(row.enteredAt.getTime()).toBe(latest.createdAt.getTime());
    }
    await prisma.academy.delete({ where: { id: "a2" } });
    expect(await prisma.latestMeasurement.count()).toBe(3);
  } finally {
    await database.close();
  }
}

await describeUpgrade("upgrading to the latest measurement kept on write", {
  migration: "20261202040000_latest_measurement_and_read_indexes",
  does: "keeps the measurements and back-fills the latest of each academy's metric and year",
  releaseData: RELEASE_DATA,
  check: checkUpgraded,
});
