-- CreateTable
CREATE TABLE "Trust" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "frameworkKey" TEXT NOT NULL DEFAULT 'phase-model',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "role" TEXT NOT NULL,
    "academyUrns" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Academy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "urn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "laestab" TEXT,
    "ukprn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Academy_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TrustFramework" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "TrustFramework_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidenceRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "entries" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EvidenceRecord_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidenceRecord_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Designation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "frameworkKey" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "term" TEXT NOT NULL,
    "computedLevel" TEXT,
    "insufficientEvidence" BOOLEAN NOT NULL DEFAULT false,
    "reasons" TEXT NOT NULL,
    "confirmedLevel" TEXT,
    "confirmedBy" TEXT,
    "confirmedAt" DATETIME,
    "agreedOn" TEXT,
    "overrideReason" TEXT,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Designation_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Designation_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Target" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "baseline" REAL NOT NULL,
    "target" REAL NOT NULL,
    "milestones" TEXT NOT NULL DEFAULT '{}',
    "tolerance" REAL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Target_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Target_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TargetVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" TEXT NOT NULL,
    "reason" TEXT,
    "changedBy" TEXT NOT NULL,
    "changedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TargetVersion_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Target" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Measurement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT NOT NULL DEFAULT '',
    "enteredBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Measurement_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Measurement_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Trust_uid_key" ON "Trust"("uid");

-- CreateIndex
CREATE INDEX "User_trustId_idx" ON "User"("trustId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_hash_key" ON "ApiToken"("hash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Academy_trustId_urn_key" ON "Academy"("trustId", "urn");

-- CreateIndex
CREATE UNIQUE INDEX "TrustFramework_trustId_key_key" ON "TrustFramework"("trustId", "key");

-- CreateIndex
CREATE INDEX "EvidenceRecord_trustId_idx" ON "EvidenceRecord"("trustId");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceRecord_academyId_year_term_key" ON "EvidenceRecord"("academyId", "year", "term");

-- CreateIndex
CREATE INDEX "Designation_trustId_current_idx" ON "Designation"("trustId", "current");

-- CreateIndex
CREATE INDEX "Designation_academyId_current_idx" ON "Designation"("academyId", "current");

-- CreateIndex
CREATE INDEX "Target_trustId_year_idx" ON "Target"("trustId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "Target_academyId_year_metric_key" ON "Target"("academyId", "year", "metric");

-- CreateIndex
CREATE UNIQUE INDEX "TargetVersion_targetId_version_key" ON "TargetVersion"("targetId", "version");

-- CreateIndex
CREATE INDEX "Measurement_trustId_year_idx" ON "Measurement"("trustId", "year");

-- CreateIndex
CREATE INDEX "Measurement_academyId_year_metric_idx" ON "Measurement"("academyId", "year", "metric");

-- CreateIndex
CREATE INDEX "Measurement_trustId_createdAt_idx" ON "Measurement"("trustId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEntry_trustId_at_idx" ON "AuditEntry"("trustId", "at");
