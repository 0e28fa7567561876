import type { FlowDefinition, HttpExchangeSummary, StepResult } from "@fluxo/contracts";
import type { PortRoute } from "@fluxo/connectors";
import { reuseKey, type ReusableRun } from "@fluxo/engine";
import type pg from "pg";
import { openOutputTokens } from "../secrets/step-output-tokens.js";
import type { SecretBox } from "../secrets/secret-box.js";

interface SucceededRow {
  stepId: string;
  iteration: number;
  attempt: number;
  input: Record<string, unknown> | null;
  output: StepResult;
  http: HttpExchangeSummary | null;
  route: PortRoute | null;
}

/**
 * An earlier execution's succeeded step passes, their tokens opened: the engine hands them to
 * later steps' expressions as they were, and the store seals them again when it records the copy.
 */
async function succeededRuns(pool: pg.Pool, box: SecretBox, executionId: string, firstPassOnly: boolean): Promise<SucceededRow[]> {
  const { rows } = await pool.query<SucceededRow>(
    `SELECT "stepId", iteration, attempt, input, output, http, route FROM "StepRun"
     WHERE "executionId" = $1 AND status = 'succeeded' AND output IS NOT NULL ${firstPassOnly ? "AND iteration = 0" : ""}`,
    [executionId],
  );
  return rows.map((row) => ({ ...row, output: openOutputTokens(row.output, box)! }));
}

/** What a re-run from the failed step may copy of `executionId`, which ran `definition` (see RunExecutionRequest.reuse). */
export async function reusableRuns(pool: pg.Pool, box: SecretBox, executionId: string, definition: FlowDefinition): Promise<Map<string, ReusableRun>> {
  const steps = new Map(definition.steps.map((s) => [s.id, s]));
  const reuse = new Map<string, ReusableRun>();
  for (const row of await succeededRuns(pool, box, executionId, false)) {
    const step = steps.get(row.stepId);
    if (step) reuse.set(reuseKey(row.stepId, row.iteration), { step, attempt: row.attempt, input: row.input, output: row.output, http: row.http, route: row.route });
  }
  return reuse;
}

/**
 * The outputs a tested step's expressions see: each step's that succeeded in `executionId`, as a
 * Loop branch's first pass saw them — a Loop's with its first item and index 0.
 */
export async function seedResults(pool: pg.Pool, box: SecretBox, executionId: string): Promise<Record<string, StepResult>> {
  return Object.fromEntries((await succeededRuns(pool, box, executionId, true)).map((row) => [row.stepId, asFirstPass(row)]));
}

function asFirstPass({ output, route }: SucceededRow): StepResult {
  const items = route?.repeat?.items;
  if (!items?.length) return output;
  const body = typeof output.body === "object" && output.body !== null && !Array.isArray(output.body) ? output.body : {};
  return { ...output, body: { ...body, item: items[0], index: 0 } };
}

/** What a run needs of earlier executions, read from its own row (a queue worker, or a run started again after a crash). */
export async function priorRunsOf(
  pool: pg.Pool,
  box: SecretBox,
  row: { rerunOfId: string | null; rerunFrom: string | null; testedAgainstId: string | null; triggerSource: string },
): Promise<{ reuse?: Map<string, ReusableRun>; seed?: Record<string, StepResult> }> {
  if (row.rerunFrom === "failed" && row.rerunOfId) {
    const { rows } = await pool.query<{ definition: FlowDefinition }>(`SELECT definition FROM "Execution" WHERE id = $1`, [row.rerunOfId]);
    return rows[0] ? { reuse: await reusableRuns(pool, box, row.rerunOfId, rows[0].definition) } : {};
  }
  if (row.triggerSource === "test" && row.testedAgainstId) return { seed: await seedResults(pool, box, row.testedAgainstId) };
  return {};
}
