-- CreateTable
CREATE TABLE "ColumnMapEntry" (
    "id" TEXT NOT NULL,
    "trustId" TEXT NOT NULL,
    "header" TEXT NOT NULL,
    "folded" TEXT NOT NULL,
    "indicator" TEXT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ColumnMapEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ColumnMapEntry_trustId_folded_key" ON "ColumnMapEntry"("trustId", "folded");

-- AddForeignKey
ALTER TABLE "ColumnMapEntry" ADD CONSTRAINT "ColumnMapEntry_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust"("id") ON DELETE CASCADE ON UPDATE CASCADE;

