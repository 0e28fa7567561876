import { z } from "zod";
import { ExecutionStatusSchema } from "./execution.js";
import { TriggerSourceSchema } from "./api.js";
import { ExecutionSummarySchema } from "./responses.js";

const Instant = z.iso.datetime({ offset: true, error: "use uma data e hora ISO 8601, como 2026-12-06T17:36:00Z" });

/**
 * GET /api/executions: the workspace's executions, newest first, filtered. Every filter is
 * optional; `cursor` is the `nextCursor` of the page before (opaque).
 */
export const ExecutionListQuerySchema = z
  .object({
    status: ExecutionStatusSchema.optional().describe("Only executions in this status."),
    flowId: z.uuid("use o id de um fluxo deste workspace").optional().describe("Only this flow's executions."),
    source: TriggerSourceSchema.optional().describe("Only executions started this way."),
    kind: z
      .enum(["run", "test"], { error: "use run (execuções do fluxo inteiro) ou test (testes de um passo)" })
      .optional()
      .describe('run: only runs of the whole flow, however started (no "Testar passo"); test: only step tests (as source=test).'),
    from: Instant.optional().describe("Only executions created at or after this instant."),
    to: Instant.optional().describe("Only executions created before this instant."),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, "use o nextCursor da página anterior, sem alterá-lo")
      .optional()
      .describe("The nextCursor of the previous page."),
    limit: z.coerce.number().int().min(1, "use de 1 a 100").max(100, "use de 1 a 100").default(25),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ["to"], message: "deve ser depois de from" });
export type ExecutionListQuery = z.output<typeof ExecutionListQuerySchema>;

export const ExecutionListPageSchema = z.object({
  items: z.array(ExecutionSummarySchema),
  nextCursor: z.string().nullable().describe("Send it as cursor for the next (older) page; null on the last page."),
});
export type ExecutionListPage = z.infer<typeof ExecutionListPageSchema>;
