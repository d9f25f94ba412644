-- AlterTable
ALTER TABLE "User" ADD COLUMN "oidcIssuer" TEXT;
ALTER TABLE "User" ADD COLUMN "oidcSubject" TEXT;

-- CreateTable
CREATE TABLE "OperatorToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "OperatorToken_hash_key" ON "OperatorToken"("hash");

-- CreateIndex
CREATE INDEX "User_oidcIssuer_oidcSubject_idx" ON "User"("oidcIssuer", "oidcSubject");

-- CreateIndex
CREATE UNIQUE INDEX "User_trustId_oidcIssuer_oidcSubject_key" ON "User"("trustId", "oidcIssuer", "oidcSubject");

