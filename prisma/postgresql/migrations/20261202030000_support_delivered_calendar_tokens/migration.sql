-- Support delivered against entitlements (SupportDelivery) and read-only
-- calendar feed tokens (CalendarToken), issue 15. New tables only: existing
-- rows are untouched.
-- CreateTable
CREATE TABLE "CalendarToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportDelivery" (
    "id" TEXT NOT NULL,
    "trustId" TEXT NOT NULL,
    "academyId" TEXT NOT NULL,
    "year" TEXT NOT NULL,
    "frameworkKey" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "deliveredOn" TEXT NOT NULL,
    "quantity" DOUBLE PRECISION NOT NULL,
    "deliveredBy" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "recordedBy" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupportDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarToken_hash_key" ON "CalendarToken"("hash");

-- CreateIndex
CREATE INDEX "CalendarToken_userId_idx" ON "CalendarToken"("userId");

-- CreateIndex
CREATE INDEX "SupportDelivery_trustId_year_idx" ON "SupportDelivery"("trustId", "year");

-- CreateIndex
CREATE INDEX "SupportDelivery_academyId_year_idx" ON "SupportDelivery"("academyId", "year");

-- AddForeignKey
ALTER TABLE "CalendarToken" ADD CONSTRAINT "CalendarToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportDelivery" ADD CONSTRAINT "SupportDelivery_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportDelivery" ADD CONSTRAINT "SupportDelivery_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy"("id") ON DELETE CASCADE ON UPDATE CASCADE;
