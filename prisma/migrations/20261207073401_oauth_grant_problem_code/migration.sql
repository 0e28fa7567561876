-- AlterTable
ALTER TABLE "OAuthGrant" ADD COLUMN     "problemCode" TEXT,
ADD COLUMN     "problemParams" JSONB;

