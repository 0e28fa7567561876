-- CreateEnum
CREATE TYPE "TriggerSource" AS ENUM ('editor', 'gateway', 'api');

-- AlterTable
-- Flows made before slugs existed get one from their id (editable afterwards).
ALTER TABLE "Flow" ADD COLUMN     "slug" TEXT;
UPDATE "Flow" SET "slug" = 'fluxo-' || left("id"::text, 8) WHERE "slug" IS NULL;
ALTER TABLE "Flow" ALTER COLUMN "slug" SET NOT NULL;

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "draft" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "triggerSource" "TriggerSource" NOT NULL DEFAULT 'api';

-- CreateTable
CREATE TABLE "FlowVersion" (
    "id" UUID NOT NULL,
    "flowId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "draftVersion" INTEGER NOT NULL,
    "publishedById" UUID,
    "publishedByName" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FlowVersion_flowId_number_key" ON "FlowVersion"("flowId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Flow_workspaceId_slug_key" ON "Flow"("workspaceId", "slug");

-- AddForeignKey
ALTER TABLE "FlowVersion" ADD CONSTRAINT "FlowVersion_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A published version never changes (deleting the flow still removes its versions): an
-- UPDATE affects no row. A rule, because the migration runner splits statements at every
-- semicolon, which rules out a PL/pgSQL trigger function.
CREATE RULE "FlowVersion_immutable" AS ON UPDATE TO "FlowVersion" DO INSTEAD NOTHING;
