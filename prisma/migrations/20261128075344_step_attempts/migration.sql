-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "attempts" JSONB NOT NULL DEFAULT '[]';

