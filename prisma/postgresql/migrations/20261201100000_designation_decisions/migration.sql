-- CreateTable
CREATE TABLE "DesignationDecision" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignationDecision_pkey" PRIMARY KEY ("id")
);

-- Data: every designation of the previous release stays, as a computed record; each
-- confirmation or override it carried becomes a decision (who by name, the Trust Board, the
-- date agreed, the reason), made against that computed record.
INSERT INTO "DesignationDecision" ("id", "trustId", "academyId", "frameworkKey", "year", "term", "level", "computedId", "computedLevel", "provisional", "decidedBy", "decidedById", "body", "agreedOn", "reason", "createdAt")
SELECT d."id" || '-decision', d."trustId", d."academyId", d."frameworkKey", d."year",
       CASE WHEN d."frameworkKey" = 'risk-designation' THEN d."term" ELSE NULL END,
       d."confirmedLevel", d."id", d."computedLevel", false,
       COALESCE((SELECT u."name" FROM "User" u WHERE d."confirmedBy" = u."name" || ' (' || u."id" || ')'), d."confirmedBy", ''),
       COALESCE((SELECT u."id" FROM "User" u WHERE d."confirmedBy" = u."name" || ' (' || u."id" || ')'), ''),
       'Trust Board',
       COALESCE(d."agreedOn", to_char(COALESCE(d."confirmedAt", d."createdAt"), 'YYYY-MM-DD')),
       d."overrideReason",
       COALESCE(d."confirmedAt", d."createdAt")
FROM "Designation" d
WHERE d."confirmedLevel" IS NOT NULL;

-- DropIndex
DROP INDEX "Designation_trustId_current_idx";

-- DropIndex
DROP INDEX "Designation_academyId_current_idx";

-- AlterTable
ALTER TABLE "Designation" DROP COLUMN "agreedOn",
DROP COLUMN "confirmedAt",
DROP COLUMN "confirmedBy",
DROP COLUMN "confirmedLevel",
DROP COLUMN "current",
DROP COLUMN "overrideReason",
ADD COLUMN     "missingSources" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "provisional" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "DesignationDecision_trustId_year_idx" ON "DesignationDecision"("trustId", "year");

-- CreateIndex
CREATE INDEX "DesignationDecision_academyId_frameworkKey_idx" ON "DesignationDecision"("academyId", "frameworkKey");

-- CreateIndex
CREATE INDEX "Designation_trustId_year_idx" ON "Designation"("trustId", "year");

-- CreateIndex
CREATE INDEX "Designation_academyId_frameworkKey_year_idx" ON "Designation"("academyId", "frameworkKey", "year");

-- AddForeignKey
ALTER TABLE "DesignationDecision" ADD CONSTRAINT "DesignationDecision_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DesignationDecision" ADD CONSTRAINT "DesignationDecision_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy"("id") ON DELETE CASCADE ON UPDATE CASCADE;
