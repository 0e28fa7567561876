-- A published run (gateway, schedule, their re-runs) ran its FlowVersion, which never changes:
-- it no longer copies the definition (~600 B of jsonb per execution) and is read through its
-- flowId and flowVersion instead. Draft runs and step tests still keep their own copy, since the
-- draft changes after they ran. Executions stored before keep theirs.
ALTER TABLE "Execution" ALTER COLUMN "definition" DROP NOT NULL;
ALTER TABLE "Execution" ADD CONSTRAINT "Execution_draft_definition_check" CHECK ("definition" IS NOT NULL OR NOT "draft");
