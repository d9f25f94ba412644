// The measurement that counts as latest for each academy's metric in a year,
// stored on write (LatestMeasurement): every path that records measurements
// calls `keepLatest` in the same transaction, so the overview reads one row
// per target instead of the year's measurements (issue 16 part 5).
//
// The rule is the domain's `latestMeasurement` (the latest period, a final
// over a provisional, then the last entered, then the larger id), written once
// more as SQL so the database applies it atomically: an INSERT that, on the
// academy/year/metric already holding one, replaces it only when the new
// measurement wins. SQLite and PostgreSQL both run it as written (ON CONFLICT
// ... DO UPDATE ... WHERE), and under PostgreSQL's row lock two concurrent
// recordings of the same metric cannot both keep theirs. A test compares the
// stored row with what `latestMeasurement` picks after corrections and
// out-of-order periods (test/api/latest-measurement.api.test.ts).
import { latestMeasurement, periodOrder } from "../domain/index.js";
import { Prisma } from "../db/index.js";
import type { Tx } from "./audit.service.js";
import { groupBy } from "./group-by.js";
import type { MeasurementPayload } from "../live/events/index.js";

/** A measurement as recorded (its trust beside it): what "latest" compares and what progress reads. */
export type RecordedMeasurement = Omit<MeasurementPayload, "source" | "enteredBy"> & {
  readonly trustId: string;
};

/** Most rows in one statement (10 parameters each; SQLite allows 32,766, PostgreSQL 65,535). */
const ROWS_PER_STATEMENT = 1_000;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const WINS = Prisma.sql`
  excluded."periodOrder" > "LatestMeasurement"."periodOrder"
  OR (excluded."periodOrder" = "LatestMeasurement"."periodOrder" AND (
    ("LatestMeasurement"."provisional" AND NOT excluded."provisional")
    OR (excluded."provisional" = "LatestMeasurement"."provisional" AND (
      excluded."enteredAt" > "LatestMeasurement"."enteredAt"
      OR (excluded."enteredAt" = "LatestMeasurement"."enteredAt"
        AND excluded."measurementId" >= "LatestMeasurement"."measurementId")))))`;

/**
 * The latest of the rows for each academy/year/metric they touch, by the
 * domain's rule, in the order the card reads them (entered, then id) so ties
 * resolve as they do there. One row per key: PostgreSQL refuses to update a
 * row twice in one statement.
 */
export function latestOfEach<T extends RecordedMeasurement>(measurements: readonly T[]): T[] {
  return [
    ...groupBy(measurements, (row) => `${row.academyId}|${row.year}|${row.metric}`).values(),
  ].map((rows) =>
    latestMeasurement(
      rows
        .map((row) => ({ ...row, enteredAt: row.createdAt }))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compare(a.id, b.id)),
    )!,
  );
}

/**
 * Keeps the stored latest measurement of each academy/year/metric the rows
 * touch, in the transaction that recorded them: one statement per 1,000 of
 * their academy/year/metric groups, whatever order they come in.
 */
export async function keepLatest(
  tx: Pick<Tx, "$executeRaw">,
  measurements: readonly RecordedMeasurement[],
): Promise<void> {
  const winners = latestOfEach(measurements);
  for (let start = 0; start < winners.length; start += ROWS_PER_STATEMENT) {
    const values = winners
      .slice(start, start + ROWS_PER_STATEMENT)
      .map(
        (row) =>
          Prisma.sql`(${row.trustId}, ${row.academyId}, ${row.year}, ${row.metric}, ${row.id}, ${row.period}, ${periodOrder(row.period)}, ${row.value}, ${row.provisional}, ${row.createdAt})`,
      );
    await tx.$executeRaw`
      INSERT INTO "LatestMeasurement" ("trustId", "academyId", "year", "metric", "measurementId", "period", "periodOrder", "value", "provisional", "enteredAt")
      VALUES ${Prisma.join(values)}
      ON CONFLICT ("academyId", "year", "metric") DO UPDATE SET
        "measurementId" = excluded."measurementId",
        "period" = excluded."period",
        "periodOrder" = excluded."periodOrder",
        "value" = excluded."value",
        "provisional" = excluded."provisional",
        "enteredAt" = excluded."enteredAt"
      WHERE ${WINS}`;
  }
}
