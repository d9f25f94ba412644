-- Fixed sets become enums and documents Json. SQLite keeps enums as text
-- (Prisma checks the words) and Json as JSON text, so every table is rebuilt
-- with its rows copied as they are. Json and enum columns lose their
-- defaults (every writer sets them; see prisma/schema.prisma).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrustFramework" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrustFramework_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TrustFramework" ("createdAt", "definition", "id", "key", "name", "trustId", "updatedAt") SELECT "createdAt", "definition", "id", "key", "name", "trustId", "updatedAt" FROM "TrustFramework";
DROP TABLE "TrustFramework";
ALTER TABLE "new_TrustFramework" RENAME TO "TrustFramework";
CREATE UNIQUE INDEX "TrustFramework_trustId_key_key" ON "TrustFramework"("trustId", "key");
CREATE TABLE "new_EvidenceRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "entries" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EvidenceRecord_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceRecord_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_EvidenceRecord" ("academyId", "createdAt", "entries", "id", "term", "trustId", "updatedAt", "updatedBy", "version", "year") SELECT "academyId", "createdAt", "entries", "id", "term", "trustId", "updatedAt", "updatedBy", "version", "year" FROM "EvidenceRecord";
DROP TABLE "EvidenceRecord";
ALTER TABLE "new_EvidenceRecord" RENAME TO "EvidenceRecord";
CREATE INDEX "EvidenceRecord_trustId_idx" ON "EvidenceRecord"("trustId");
CREATE UNIQUE INDEX "EvidenceRecord_academyId_year_term_key" ON "EvidenceRecord"("academyId", "year", "term");
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
    "missingSources" JSONB NOT NULL,
    "reasons" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Designation_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Designation_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Designation" ("academyId", "computedLevel", "createdAt", "frameworkKey", "id", "insufficientEvidence", "missingSources", "provisional", "reasons", "term", "trustId", "year") SELECT "academyId", "computedLevel", "createdAt", "frameworkKey", "id", "insufficientEvidence", "missingSources", "provisional", "reasons", "term", "trustId", "year" FROM "Designation";
DROP TABLE "Designation";
ALTER TABLE "new_Designation" RENAME TO "Designation";
CREATE INDEX "Designation_trustId_year_idx" ON "Designation"("trustId", "year");
CREATE INDEX "Designation_academyId_frameworkKey_year_idx" ON "Designation"("academyId", "frameworkKey", "year");
CREATE TABLE "new_Target" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "baseline" REAL NOT NULL,
    "target" REAL NOT NULL,
    "milestones" JSONB NOT NULL,
    "tolerance" REAL,
    "status" TEXT NOT NULL,
    "pendingStatus" TEXT,
    "pendingBaseline" REAL,
    "pendingTarget" REAL,
    "pendingMilestones" JSONB,
    "pendingTolerance" REAL,
    "pendingReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Target_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Target_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Target" ("academyId", "baseline", "createdAt", "id", "metric", "milestones", "pendingBaseline", "pendingMilestones", "pendingReason", "pendingStatus", "pendingTarget", "pendingTolerance", "status", "target", "tolerance", "trustId", "updatedAt", "updatedBy", "version", "year") SELECT "academyId", "baseline", "createdAt", "id", "metric", "milestones", "pendingBaseline", "pendingMilestones", "pendingReason", "pendingStatus", "pendingTarget", "pendingTolerance", "status", "target", "tolerance", "trustId", "updatedAt", "updatedBy", "version", "year" FROM "Target";
DROP TABLE "Target";
ALTER TABLE "new_Target" RENAME TO "Target";
CREATE INDEX "Target_trustId_year_idx" ON "Target"("trustId", "year");
CREATE UNIQUE INDEX "Target_academyId_year_metric_key" ON "Target"("academyId", "year", "metric");
CREATE TABLE "new_TargetVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "change" BOOLEAN NOT NULL DEFAULT false,
    "baseline" REAL NOT NULL,
    "target" REAL NOT NULL,
    "milestones" JSONB NOT NULL,
    "tolerance" REAL,
    "bodyKind" TEXT,
    "body" TEXT,
    "meetingOn" TEXT,
    "reason" TEXT,
    "changedBy" TEXT NOT NULL,
    "changedByName" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TargetVersion_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TargetVersion" ("action", "baseline", "body", "bodyKind", "change", "changedAt", "changedBy", "changedByName", "id", "meetingOn", "milestones", "reason", "status", "target", "targetId", "tolerance", "version") SELECT "action", "baseline", "body", "bodyKind", "change", "changedAt", "changedBy", "changedByName", "id", "meetingOn", "milestones", "reason", "status", "target", "targetId", "tolerance", "version" FROM "TargetVersion";
DROP TABLE "TargetVersion";
ALTER TABLE "new_TargetVersion" RENAME TO "TargetVersion";
CREATE UNIQUE INDEX "TargetVersion_targetId_version_key" ON "TargetVersion"("targetId", "version");
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- An audit value that is not JSON text (none is written so) is kept as a JSON string.
INSERT INTO "new_AuditEntry" ("action", "actor", "after", "at", "before", "entity", "entityId", "id", "trustId") SELECT "action", "actor", CASE WHEN "after" IS NULL OR json_valid("after") THEN "after" ELSE json_quote("after") END, "at", CASE WHEN "before" IS NULL OR json_valid("before") THEN "before" ELSE json_quote("before") END, "entity", "entityId", "id", "trustId" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_trustId_at_idx" ON "AuditEntry"("trustId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
