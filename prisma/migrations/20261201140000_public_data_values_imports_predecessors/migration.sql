-- AlterTable
ALTER TABLE "Academy" ADD COLUMN "openedOn" TEXT;

-- CreateTable
CREATE TABLE "AcademyPredecessor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "urn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "linkType" TEXT NOT NULL,
    "establishedOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AcademyPredecessor_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "edition" TEXT,
    "fileName" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "matched" INTEGER NOT NULL,
    "skipped" INTEGER NOT NULL,
    "missing" TEXT NOT NULL DEFAULT '',
    "loaded" INTEGER NOT NULL,
    "unchanged" INTEGER NOT NULL,
    "loadedBy" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PublicImport_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicValue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "indicator" TEXT NOT NULL,
    "value" TEXT,
    "unavailable" TEXT,
    "describes" TEXT NOT NULL,
    "date" TEXT,
    "groupKey" TEXT NOT NULL DEFAULT '',
    "groupLabel" TEXT,
    "predecessorUrn" TEXT,
    "edition" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "loadedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PublicValue_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PublicValue_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PublicValue_importId_fkey" FOREIGN KEY ("importId") REFERENCES "PublicImport" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AcademyPredecessor_trustId_urn_idx" ON "AcademyPredecessor"("trustId", "urn");

-- CreateIndex
CREATE UNIQUE INDEX "AcademyPredecessor_academyId_urn_key" ON "AcademyPredecessor"("academyId", "urn");

-- CreateIndex
CREATE INDEX "PublicImport_trustId_loadedAt_idx" ON "PublicImport"("trustId", "loadedAt");

-- CreateIndex
CREATE INDEX "PublicValue_trustId_indicator_idx" ON "PublicValue"("trustId", "indicator");

-- CreateIndex
CREATE UNIQUE INDEX "PublicValue_academyId_kind_indicator_describes_groupKey_key" ON "PublicValue"("academyId", "kind", "indicator", "describes", "groupKey");

