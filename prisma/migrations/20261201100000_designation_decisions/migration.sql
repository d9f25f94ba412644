-- CreateTable
CREATE TABLE "DesignationDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "frameworkKey" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "term" TEXT,
    "level" TEXT NOT NULL,
    "computedId" TEXT,
    "computedLevel" TEXT,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "decidedBy" TEXT NOT NULL,
    "decidedById" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "agreedOn" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DesignationDecision_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DesignationDecision_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Data: every designation of the previous release stays, as a computed record; each
-- confirmation or override it carried becomes a decision (who by name, the Trust Board, the
-- date agreed, the reason), made against that computed record.
INSERT INTO "DesignationDecision" ("id", "trustId", "academyId", "frameworkKey", "year", "term", "level", "computedId", "computedLevel", "provisional", "decidedBy", "decidedById", "body", "agreedOn", "reason", "createdAt")
SELECT d."id" || '-decision', d."trustId", d."academyId", d."frameworkKey", d."year",
       CASE WHEN d."frameworkKey" = 'risk-designation' THEN d."term" ELSE NULL END,
       d."confirmedLevel", d."id", d."computedLevel", 0,
       COALESCE((SELECT u."name" FROM "User" u WHERE d."confirmedBy" = u."name" || ' (' || u."id" || ')'), d."confirmedBy", ''),
       COALESCE((SELECT u."id" FROM "User" u WHERE d."confirmedBy" = u."name" || ' (' || u."id" || ')'), ''),
       'Trust Board',
       COALESCE(d."agreedOn", CASE WHEN typeof(COALESCE(d."confirmedAt", d."createdAt")) = 'integer' THEN date(COALESCE(d."confirmedAt", d."createdAt") / 1000, 'unixepoch') ELSE substr(COALESCE(d."confirmedAt", d."createdAt"), 1, 10) END),
       d."overrideReason",
       COALESCE(d."confirmedAt", d."createdAt")
FROM "Designation" d
WHERE d."confirmedLevel" IS NOT NULL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Designation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "frameworkKey" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "computedLevel" TEXT,
    "insufficientEvidence" BOOLEAN NOT NULL DEFAULT false,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "missingSources" TEXT NOT NULL DEFAULT '[]',
    "reasons" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Designation_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Designation_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Designation" ("academyId", "computedLevel", "createdAt", "frameworkKey", "id", "insufficientEvidence", "reasons", "term", "trustId", "year") SELECT "academyId", "computedLevel", "createdAt", "frameworkKey", "id", "insufficientEvidence", "reasons", "term", "trustId", "year" FROM "Designation";
DROP TABLE "Designation";
ALTER TABLE "new_Designation" RENAME TO "Designation";
CREATE INDEX "Designation_trustId_year_idx" ON "Designation"("trustId", "year");
CREATE INDEX "Designation_academyId_frameworkKey_year_idx" ON "Designation"("academyId", "frameworkKey", "year");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "DesignationDecision_trustId_year_idx" ON "DesignationDecision"("trustId", "year");

-- CreateIndex
CREATE INDEX "DesignationDecision_academyId_frameworkKey_idx" ON "DesignationDecision"("academyId", "frameworkKey");
