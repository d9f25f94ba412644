-- The measurement that counts as latest for each academy's metric in a year,
-- kept on write from now on (LatestMeasurement, issue 16 part 5), so the trust
-- overview reads one row per target instead of the year's measurements. The
-- table is back-filled here from the measurements already recorded by the same
-- rule as server/domain/academy-card/progress.ts latestMeasurement: the latest
-- period (where it ends in the year: autumn1 1 ... summer2 6; a term ends in
-- its second half, the year in summer2), then a final over a provisional, then
-- the last entered (createdAt, then id).
-- Evidence is read by trust and year (the overview's and the cards' support),
-- so its trust index gains the year.
-- DropIndex
DROP INDEX "EvidenceRecord_trustId_idx";

-- CreateIndex
CREATE INDEX "EvidenceRecord_trustId_year_idx" ON "EvidenceRecord"("trustId", "year");

-- CreateTable
CREATE TABLE "LatestMeasurement" (
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "measurementId" TEXT NOT NULL,
    "period" "Period" NOT NULL,
    "periodOrder" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "provisional" BOOLEAN NOT NULL,
    "enteredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LatestMeasurement_pkey" PRIMARY KEY ("academyId","year","metric")
);

-- CreateIndex
CREATE UNIQUE INDEX "LatestMeasurement_measurementId_key" ON "LatestMeasurement"("measurementId");

-- CreateIndex
CREATE INDEX "LatestMeasurement_trustId_year_idx" ON "LatestMeasurement"("trustId", "year");

-- AddForeignKey
ALTER TABLE "LatestMeasurement" ADD CONSTRAINT "LatestMeasurement_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LatestMeasurement" ADD CONSTRAINT "LatestMeasurement_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LatestMeasurement" ADD CONSTRAINT "LatestMeasurement_measurementId_fkey" FOREIGN KEY ("measurementId") REFERENCES "Measurement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill
INSERT INTO "LatestMeasurement" ("trustId", "academyId", "year", "metric", "measurementId", "period", "periodOrder", "value", "provisional", "enteredAt")
SELECT "trustId", "academyId", "year", "metric", "id", "period", "periodOrder", "value", "provisional", "createdAt"
FROM (
    SELECT "m".*, ROW_NUMBER() OVER (
        PARTITION BY "academyId", "year", "metric"
        ORDER BY "periodOrder" DESC, CASE WHEN "provisional" THEN 1 ELSE 0 END ASC, "createdAt" DESC, "id" DESC
    ) AS "rank"
    FROM (
        SELECT "Measurement".*, CASE "period"
            WHEN 'autumn1' THEN 1 WHEN 'autumn2' THEN 2 WHEN 'autumn' THEN 2
            WHEN 'spring1' THEN 3 WHEN 'spring2' THEN 4 WHEN 'spring' THEN 4
            WHEN 'summer1' THEN 5 ELSE 6 END AS "periodOrder"
        FROM "Measurement"
    ) AS "m"
) AS "ranked"
WHERE "rank" = 1;
