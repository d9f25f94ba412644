-- CreateTable
CREATE TABLE "LiveEvent" (
    "trustId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "urn" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("trustId", "seq"),
    CONSTRAINT "LiveEvent_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LiveEventCounter" (
    "trustId" TEXT NOT NULL PRIMARY KEY,
    "last" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "LiveEvent_trustId_at_idx" ON "LiveEvent"("trustId", "at");
