import type { FlowDefinition, HttpExchangeSummary, StepResult } from "@fluxo/contracts";
import type { PortRoute } from "@fluxo/connectors";
import { branchInRunOrder, reuseKey, type ReusableRun } from "@fluxo/engine";
import type pg from "pg";
import { openOutputTokens } from "../secrets/step-output-tokens.js";
import { readRanDefinition } from "./ran-definition.js";
import type { SecretBox } from "../secrets/secret-box.js";

interface SucceededRow {
  stepId: string;
  iteration: number;
  loopPath: number[];
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
async function succeededRuns(pool: pg.Pool, box: SecretBox, executionId: string): Promise<SucceededRow[]> {
  const { rows } = await pool.query<SucceededRow>(
    `SELECT "stepId", iteration, "loopPath", attempt, input, output, http, route FROM "StepRun"
     WHERE "executionId" = $1 AND status = 'succeeded' AND output IS NOT NULL`,
    [executionId],
  );
  return rows.map((row) => ({ ...row, output: openOutputTokens(row.output, box)! }));
}

/** What a re-run from the failed step may copy of `executionId`, which ran `definition` (see RunExecutionRequest.reuse). */
export async function reusableRuns(pool: pg.Pool, box: SecretBox, executionId: string, definition: FlowDefinition): Promise<Map<string, ReusableRun>> {
  const steps = new Map(definition.steps.map((s) => [s.id, s]));
  const reuse = new Map<string, ReusableRun>();
  for (const row of await succeededRuns(pool, box, executionId)) {
    const step = steps.get(row.stepId);
    if (step) reuse.set(reuseKey(row.stepId, row.iteration), { step, attempt: row.attempt, input: row.input, output: row.output, http: row.http, route: row.route });
  }
  return reuse;
}

/**
 * The outputs a tested step's expressions see: each step's that succeeded in `executionId`, as a
 * Loop branch's first pass saw them — a Loop's with its first item and index 0 — and as the steps
 * after a Loop saw it, with the `results` of all its passes.
 */
export async function seedResults(pool: pg.Pool, box: SecretBox, executionId: string): Promise<Record<string, StepResult>> {
  const runs = await succeededRuns(pool, box, executionId);
  const definition = (await readRanDefinition(pool, executionId))!;
  return Object.fromEntries(runs.filter((row) => row.iteration === 0).map((row) => [row.stepId, asSeenByOthers(row, runs, definition)]));
}

function asSeenByOthers(loop: SucceededRow, runs: SucceededRow[], definition: FlowDefinition): StepResult {
  const repeat = loop.route?.repeat;
  if (!repeat?.items.length) return loop.output;
  const branch = branchInRunOrder(definition, loop.stepId, repeat.port).reverse();
  const samePass = (row: SucceededRow, index: number) => row.loopPath.length === loop.loopPath.length + 1 && row.loopPath.every((at, depth) => at === (depth < loop.loopPath.length ? loop.loopPath[depth] : index));
  // As the engine builds it: per pass, the body of the branch's last step that ran in that pass.
  const results = repeat.items.map((_, index) => {
    const last = branch.map((id) => runs.find((row) => row.stepId === id && samePass(row, index))).find((row) => row !== undefined);
    return last ? last.output.body : null;
  });
  const body = typeof loop.output.body === "object" && loop.output.body !== null && !Array.isArray(loop.output.body) ? loop.output.body : {};
  return { ...loop.output, body: { ...body, item: repeat.items[0], index: 0, results } };
}

/** What a run needs of earlier executions, read from its own row (a queue worker, or a run started again after a crash). */
export async function priorRunsOf(
  pool: pg.Pool,
  box: SecretBox,
  row: { rerunOfId: string | null; rerunFrom: string | null; testedAgainstId: string | null; triggerSource: string },
): Promise<{ reuse?: Map<string, ReusableRun>; seed?: Record<string, StepResult> }> {
  if (row.rerunFrom === "failed" && row.rerunOfId) {
    const ran = await readRanDefinition(pool, row.rerunOfId);
    return ran ? { reuse: await reusableRuns(pool, box, row.rerunOfId, ran) } : {};
  }
  if (row.triggerSource === "test" && row.testedAgainstId) return { seed: await seedResults(pool, box, row.testedAgainstId) };
  return {};
}
