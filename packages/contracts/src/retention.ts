import { z } from "zod";

/** How long a workspace keeps finished executions (with their steps and events); older ones are pruned. */
export const ExecutionRetentionSchema = z.object({
  days: z.number().int().min(1).max(3650).describe("Finished executions older than this many days are deleted (default 14)."),
  maxExecutions: z.number().int().min(100).max(1_000_000).describe("Beyond the newest this many executions of the workspace, finished ones are deleted (default 10 000)."),
});
export type ExecutionRetention = z.infer<typeof ExecutionRetentionSchema>;
