-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "savedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "savedById" UUID,
ADD COLUMN     "savedByName" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "draftSavedAt" TIMESTAMP(3);


-- Flows saved before this migration: their last save is their last update.
UPDATE "Flow" SET "savedAt" = "updatedAt";
