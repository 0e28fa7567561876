-- A step in a Loop's branch runs once per item: each pass is its own row (0 for the first,
-- the only one for every step outside a loop).
ALTER TABLE "StepRun" ADD COLUMN "iteration" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "StepRun" DROP CONSTRAINT "StepRun_pkey",
ADD CONSTRAINT "StepRun_pkey" PRIMARY KEY ("executionId", "stepId", "iteration");
