-- CreateTable
CREATE TABLE "LiveEvent" (
    "trustId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "urn" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiveEvent_pkey" PRIMARY KEY ("trustId","seq")
);

-- CreateTable
CREATE TABLE "LiveEventCounter" (
    "trustId" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "LiveEventCounter_pkey" PRIMARY KEY ("trustId")
);

-- CreateIndex
CREATE INDEX "LiveEvent_trustId_at_idx" ON "LiveEvent"("trustId", "at");

-- AddForeignKey
ALTER TABLE "LiveEvent" ADD CONSTRAINT "LiveEvent_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust"("id") ON DELETE CASCADE ON UPDATE CASCADE;
