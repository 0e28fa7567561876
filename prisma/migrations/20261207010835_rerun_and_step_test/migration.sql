-- CreateEnum
CREATE TYPE "RerunFrom" AS ENUM ('start', 'failed');

-- AlterEnum
ALTER TYPE "TriggerSource" ADD VALUE 'test';

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "rerunFrom" "RerunFrom",
ADD COLUMN     "rerunOfId" UUID,
ADD COLUMN     "testedAgainstId" UUID;

-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "reused" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Execution_rerunOfId_idx" ON "Execution"("rerunOfId");

-- CreateIndex
CREATE INDEX "Execution_testedAgainstId_idx" ON "Execution"("testedAgainstId");

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_rerunOfId_fkey" FOREIGN KEY ("rerunOfId") REFERENCES "Execution"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_testedAgainstId_fkey" FOREIGN KEY ("testedAgainstId") REFERENCES "Execution"("id") ON DELETE SET NULL ON UPDATE CASCADE;

