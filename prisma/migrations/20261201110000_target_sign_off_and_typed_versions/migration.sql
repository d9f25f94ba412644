-- AlterTable
ALTER TABLE "Target" ADD COLUMN "pendingBaseline" REAL;
ALTER TABLE "Target" ADD COLUMN "pendingMilestones" TEXT;
ALTER TABLE "Target" ADD COLUMN "pendingReason" TEXT;
ALTER TABLE "Target" ADD COLUMN "pendingStatus" TEXT;
ALTER TABLE "Target" ADD COLUMN "pendingTarget" REAL;
ALTER TABLE "Target" ADD COLUMN "pendingTolerance" REAL;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TargetVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "targetId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "change" BOOLEAN NOT NULL DEFAULT false,
    "baseline" REAL NOT NULL,
    "target" REAL NOT NULL,
    "milestones" TEXT NOT NULL DEFAULT '{}',
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
-- Each earlier version becomes a typed version. An old row held the snapshot
-- of version N and, for the change to N+1, its reason, author and time; so
-- version N's reason, time and author come from the row before it (or the
-- target's creation), and its author from the snapshot's updatedBy.
INSERT INTO "new_TargetVersion" ("id", "targetId", "version", "action", "status", "change", "baseline", "target", "milestones", "tolerance", "reason", "changedBy", "changedByName", "changedAt")
SELECT o."id", o."targetId", o."version", 'earlierRelease',
       COALESCE(json_extract(o."snapshot", '$.status'), 'draft'), 0,
       COALESCE(json_extract(o."snapshot", '$.baseline'), t."baseline"),
       COALESCE(json_extract(o."snapshot", '$.target'), t."target"),
       COALESCE(json_extract(o."snapshot", '$.milestones'), '{}'),
       json_extract(o."snapshot", '$.tolerance'),
       p."reason",
       COALESCE(json_extract(o."snapshot", '$.updatedBy'), o."changedBy"),
       COALESCE(u."name", 'a user of the earlier release'),
       COALESCE(p."changedAt", t."createdAt")
FROM "TargetVersion" o
JOIN "Target" t ON t."id" = o."targetId"
LEFT JOIN "TargetVersion" p ON p."targetId" = o."targetId" AND p."version" = o."version" - 1
LEFT JOIN "User" u ON u."id" = COALESCE(json_extract(o."snapshot", '$.updatedBy'), o."changedBy");
-- The version each target is at now is kept as a version too (status unchanged).
INSERT INTO "new_TargetVersion" ("id", "targetId", "version", "action", "status", "change", "baseline", "target", "milestones", "tolerance", "reason", "changedBy", "changedByName", "changedAt")
SELECT 'v' || t."id" || '-' || t."version", t."id", t."version", 'earlierRelease', t."status", 0,
       t."baseline", t."target", t."milestones", t."tolerance", p."reason", t."updatedBy",
       COALESCE(u."name", 'a user of the earlier release'), COALESCE(p."changedAt", t."updatedAt")
FROM "Target" t
LEFT JOIN "TargetVersion" p ON p."targetId" = t."id" AND p."version" = t."version" - 1
LEFT JOIN "User" u ON u."id" = t."updatedBy"
WHERE NOT EXISTS (SELECT 1 FROM "TargetVersion" x WHERE x."targetId" = t."id" AND x."version" = t."version");
DROP TABLE "TargetVersion";
ALTER TABLE "new_TargetVersion" RENAME TO "TargetVersion";
CREATE UNIQUE INDEX "TargetVersion_targetId_version_key" ON "TargetVersion"("targetId", "version");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

