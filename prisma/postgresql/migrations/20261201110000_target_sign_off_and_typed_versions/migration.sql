-- AlterTable
ALTER TABLE "Target" ADD COLUMN     "pendingBaseline" DOUBLE PRECISION,
ADD COLUMN     "pendingMilestones" TEXT,
ADD COLUMN     "pendingReason" TEXT,
ADD COLUMN     "pendingStatus" TEXT,
ADD COLUMN     "pendingTarget" DOUBLE PRECISION,
ADD COLUMN     "pendingTolerance" DOUBLE PRECISION;

-- AlterTable: typed columns, filled from the snapshots before they go.
ALTER TABLE "TargetVersion" ADD COLUMN     "action" TEXT,
ADD COLUMN     "baseline" DOUBLE PRECISION,
ADD COLUMN     "body" TEXT,
ADD COLUMN     "bodyKind" TEXT,
ADD COLUMN     "change" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "changedByName" TEXT,
ADD COLUMN     "meetingOn" TEXT,
ADD COLUMN     "milestones" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "status" TEXT,
ADD COLUMN     "target" DOUBLE PRECISION,
ADD COLUMN     "tolerance" DOUBLE PRECISION;

-- The version each target is at now is kept as a version too (status
-- unchanged); its reason and time come from the old row that recorded the
-- change to it.
INSERT INTO "TargetVersion" ("id", "targetId", "version", "snapshot", "action", "status", "baseline", "target", "milestones", "tolerance", "reason", "changedBy", "changedByName", "changedAt")
SELECT 'v' || t."id" || '-' || t."version", t."id", t."version", '{}', 'earlierRelease', t."status",
       t."baseline", t."target", t."milestones", t."tolerance", p."reason", t."updatedBy",
       COALESCE(u."name", 'a user of the earlier release'), COALESCE(p."changedAt", t."updatedAt")
FROM "Target" t
LEFT JOIN "TargetVersion" p ON p."targetId" = t."id" AND p."version" = t."version" - 1
LEFT JOIN "User" u ON u."id" = t."updatedBy"
WHERE NOT EXISTS (SELECT 1 FROM "TargetVersion" x WHERE x."targetId" = t."id" AND x."version" = t."version");

-- Each earlier version becomes a typed version. An old row held the snapshot
-- of version N and, for the change to N+1, its reason, author and time; so
-- version N's reason and time come from the row before it (or the target's
-- creation), and its author from the snapshot's updatedBy. (The statement
-- reads the rows as they were before it.)
UPDATE "TargetVersion" o SET
  "action" = 'earlierRelease',
  "status" = COALESCE(o."snapshot"::jsonb->>'status', 'draft'),
  "baseline" = COALESCE((o."snapshot"::jsonb->>'baseline')::double precision, t."baseline"),
  "target" = COALESCE((o."snapshot"::jsonb->>'target')::double precision, t."target"),
  "milestones" = COALESCE(o."snapshot"::jsonb->>'milestones', '{}'),
  "tolerance" = (o."snapshot"::jsonb->>'tolerance')::double precision,
  "reason" = (SELECT p."reason" FROM "TargetVersion" p WHERE p."targetId" = o."targetId" AND p."version" = o."version" - 1),
  "changedBy" = COALESCE(o."snapshot"::jsonb->>'updatedBy', o."changedBy"),
  "changedByName" = COALESCE((SELECT u."name" FROM "User" u WHERE u."id" = COALESCE(o."snapshot"::jsonb->>'updatedBy', o."changedBy")), 'a user of the earlier release'),
  "changedAt" = COALESCE((SELECT p."changedAt" FROM "TargetVersion" p WHERE p."targetId" = o."targetId" AND p."version" = o."version" - 1), t."createdAt")
FROM "Target" t
WHERE t."id" = o."targetId" AND o."action" IS NULL;

ALTER TABLE "TargetVersion" DROP COLUMN "snapshot",
ALTER COLUMN "action" SET NOT NULL,
ALTER COLUMN "baseline" SET NOT NULL,
ALTER COLUMN "changedByName" SET NOT NULL,
ALTER COLUMN "status" SET NOT NULL,
ALTER COLUMN "target" SET NOT NULL;
