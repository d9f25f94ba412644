-- Fixed sets become enum types and documents jsonb, converting the rows in
-- place (ALTER COLUMN ... TYPE ... USING): `migrate diff` would drop and re-add
-- each column and lose its data. Json and enum columns lose their defaults
-- (every writer sets them; see prisma/schema.prisma).

-- CreateEnum
CREATE TYPE "Term" AS ENUM ('autumn', 'spring', 'summer');

-- CreateEnum
CREATE TYPE "Period" AS ENUM ('autumn1', 'autumn2', 'spring1', 'spring2', 'summer1', 'summer2', 'autumn', 'spring', 'summer', 'year');

-- CreateEnum
CREATE TYPE "TargetStatus" AS ENUM ('draft', 'proposed', 'reviewed', 'agreed');

-- CreateEnum
CREATE TYPE "TargetAction" AS ENUM ('created', 'edited', 'proposed', 'reviewed', 'agreed', 'directChange', 'earlierRelease');

-- CreateEnum
CREATE TYPE "SignOffBody" AS ENUM ('academy', 'trust', 'localBoard', 'trustBoard');

-- AlterTable
ALTER TABLE "TrustFramework" ALTER COLUMN "definition" SET DATA TYPE JSONB USING "definition"::jsonb;

-- AlterTable
ALTER TABLE "EvidenceRecord" ALTER COLUMN "term" SET DATA TYPE "Term" USING "term"::"Term",
ALTER COLUMN "entries" SET DATA TYPE JSONB USING "entries"::jsonb;

-- AlterTable
ALTER TABLE "Designation" ALTER COLUMN "term" SET DATA TYPE "Term" USING "term"::"Term",
ALTER COLUMN "missingSources" DROP DEFAULT,
ALTER COLUMN "missingSources" SET DATA TYPE JSONB USING "missingSources"::jsonb,
ALTER COLUMN "reasons" SET DATA TYPE JSONB USING "reasons"::jsonb;

-- AlterTable
ALTER TABLE "DesignationDecision" ALTER COLUMN "term" SET DATA TYPE "Term" USING "term"::"Term";

-- AlterTable
ALTER TABLE "Target" ALTER COLUMN "milestones" DROP DEFAULT,
ALTER COLUMN "milestones" SET DATA TYPE JSONB USING "milestones"::jsonb,
ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" SET DATA TYPE "TargetStatus" USING "status"::"TargetStatus",
ALTER COLUMN "pendingStatus" SET DATA TYPE "TargetStatus" USING "pendingStatus"::"TargetStatus",
ALTER COLUMN "pendingMilestones" SET DATA TYPE JSONB USING "pendingMilestones"::jsonb;

-- AlterTable
ALTER TABLE "TargetVersion" ALTER COLUMN "action" SET DATA TYPE "TargetAction" USING "action"::"TargetAction",
ALTER COLUMN "status" SET DATA TYPE "TargetStatus" USING "status"::"TargetStatus",
ALTER COLUMN "milestones" DROP DEFAULT,
ALTER COLUMN "milestones" SET DATA TYPE JSONB USING "milestones"::jsonb,
ALTER COLUMN "bodyKind" SET DATA TYPE "SignOffBody" USING "bodyKind"::"SignOffBody";

-- AlterTable
ALTER TABLE "Measurement" ALTER COLUMN "period" SET DATA TYPE "Period" USING "period"::"Period";

-- AlterTable: an audit value that is not JSON text (none is written so) is kept as a JSON string.
ALTER TABLE "AuditEntry" ALTER COLUMN "before" SET DATA TYPE JSONB USING (CASE WHEN "before" IS NULL THEN NULL WHEN "before" ~ '^\s*[\[{"]' THEN "before"::jsonb ELSE to_jsonb("before") END),
ALTER COLUMN "after" SET DATA TYPE JSONB USING (CASE WHEN "after" IS NULL THEN NULL WHEN "after" ~ '^\s*[\[{"]' THEN "after"::jsonb ELSE to_jsonb("after") END);
