-- CreateTable
CREATE TABLE "ColumnMapEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trustId" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "folded" TEXT NOT NULL,
    "indicator" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ColumnMapEntry_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ColumnMapEntry_trustId_folded_key" ON "ColumnMapEntry"("trustId", "folded");

