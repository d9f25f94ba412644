-- AlterTable
ALTER TABLE "PublicImport" ADD COLUMN     "national" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "NationalBenchmark" (
    "id" TEXT NOT NULL,
    "trustId" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT '',
    "year" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "kind" TEXT NOT NULL,
    "edition" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NationalBenchmark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NationalBenchmark_trustId_indicator_phase_year_key" ON "NationalBenchmark"("trustId", "indicator", "phase", "year");

-- AddForeignKey
ALTER TABLE "NationalBenchmark" ADD CONSTRAINT "NationalBenchmark_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NationalBenchmark" ADD CONSTRAINT "NationalBenchmark_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PublicImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
