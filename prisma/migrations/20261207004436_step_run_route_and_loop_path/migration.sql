-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN     "loopPath" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "route" JSONB;

