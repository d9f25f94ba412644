-- CreateTable
CREATE TABLE "NationalBenchmark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT '',
    "year" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "kind" TEXT NOT NULL,
    "edition" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NationalBenchmark_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "NationalBenchmark_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PublicImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a column with a default: added in place, the imports and their values kept)
ALTER TABLE "PublicImport" ADD COLUMN "national" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "NationalBenchmark_trustId_indicator_phase_year_key" ON "NationalBenchmark"("trustId", "indicator", "phase", "year");
