-- AlterEnum
ALTER TYPE "TriggerSource" ADD VALUE 'schedule';

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "scheduledFor" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FlowSchedule" (
    "flowId" UUID NOT NULL,
    "cron" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'America/Sao_Paulo',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "input" JSONB NOT NULL,
    "updatedById" UUID,
    "updatedByName" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FlowSchedule_pkey" PRIMARY KEY ("flowId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Execution_flowId_scheduledFor_key" ON "Execution"("flowId", "scheduledFor");

-- AddForeignKey
ALTER TABLE "FlowSchedule" ADD CONSTRAINT "FlowSchedule_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

