import { problem, type RouteProblemCode } from "../http/route-problems.js";
import { FlowDefinitionSchema, TriggerInputSchema, TRIGGER_ID, type FlowDefinition, type RerunFrom, type StepTestResult, type TriggerInput, type TriggerSource } from "@fluxo/contracts";
import { referencedStepIds } from "@fluxo/engine";
import type pg from "pg";
import { isUuid } from "../connections/connection-service.js";
import { notRunnable, type FlowService } from "../flows/flow-service.js";
import { notFound, ProblemError } from "../http/problem.js";
import type { SecretBox } from "../secrets/secret-box.js";
import type { ExecutionEventBus } from "./event-bus.js";
import type { ExecutionService } from "./execution-service.js";
import { reusableRuns, seedResults } from "./prior-runs.js";
import { ranDefinition } from "./ran-definition.js";
import type { RunnableFlow } from "./recent-flows.js";
import { STORED_INPUT_COLUMNS, storedInput, type StoredInputRow } from "./stored-input.js";
import { waitForFinish } from "./wait-for-finish.js";

interface OriginalRow extends StoredInputRow {
  id: string;
  flowId: string;
  flowVersion: number;
  draft: boolean;
  status: string;
  definition: unknown;
  firstFailed: string | null;
}

/**
 * The debugging loop: run an execution again (whole, or from its first failed step reusing what
 * succeeded before it) and test one step of a draft alone against the flow's last run.
 */
export class DebugRuns {
  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
    private readonly executions: ExecutionService,
    private readonly flows: Pick<FlowService, "runProblems">,
    private readonly bus: ExecutionEventBus,
    /** How long a step test waits for its step to end before answering 504 (it goes on). */
    private readonly timeoutMs: number,
  ) {}

  /**
   * A draft run re-runs on the flow's current draft (the person may have fixed the failed step);
   * a published run (gateway) on the version it ran. Same input either way. From `failed`, the
   * steps that succeeded before the first failed one are copied (when still the same step).
   */
  async rerun(workspaceId: string, executionId: string, from: RerunFrom, source: Exclude<TriggerSource, "gateway" | "test">): Promise<{ executionId: string }> {
    const original = await this.original(workspaceId, executionId);
    if (from === "failed" && !original.firstFailed) {
      throw new ProblemError(409, "Conflict", problem("execution.no_failed_step", { id: executionId, status: STATUS_WORDS[original.status] ? problem(STATUS_WORDS[original.status]!) : original.status }));
    }
    const ran = FlowDefinitionSchema.parse(original.definition);
    const flow: RunnableFlow = original.draft
      ? await this.executions.readDraft(workspaceId, original.flowId)
      : { flowId: original.flowId, version: original.flowVersion, draft: false, savedAt: null, slug: null, definition: ran };
    const reuse = from === "failed" ? await reusableRuns(this.pool, this.box, original.id, ran) : undefined;
    const input = await storedInput(original, this.executions.runsHere);
    const id = await this.executions.start(workspaceId, flow, { input, triggerSource: source, rerunOfId: original.id, rerunFrom: from }, reuse ? { reuse } : {});
    if (!id) throw new ProblemError(409, "Conflict", problem("execution.flow_changed"));
    return { executionId: id };
  }

  /**
   * Runs one step of the draft alone, kept as an execution with source `test`. Its expressions
   * see the flow's last execution (its input, unless one is given, and its steps' outputs).
   */
  async testStep(workspaceId: string, flowId: string, stepId: string, given: TriggerInput | undefined): Promise<StepTestResult> {
    const draft = await this.executions.readDraft(workspaceId, flowId, false);
    const index = draft.definition.steps.findIndex((s) => s.id === stepId);
    const step = draft.definition.steps[index];
    if (!step) throw notFound("thing.draft_step", flowId, { step: stepId });

    // Only the step's own fields: the rest of the draft may be unfinished while one step is tried. Its
    // references to other steps are checked against the last run instead (409 below).
    const own = `definition.steps.${index}.`;
    const problems = (await this.flows.runProblems(workspaceId, draft.definition)).filter((p) => p.path.startsWith(own) && !p.message.includes(".steps."));
    if (problems.length > 0) throw notRunnable(problems, problem("doing.test_step", { step: stepId }));

    const last = await this.lastRun(flowId);
    const seed = last ? await seedResults(this.pool, this.box, last.id) : {};
    const missing = referencedStepIds(step).filter((id) => !(id in seed));
    if (missing.length > 0) {
      const names = missing.map((id) => `"${id}"`).join(", ");
      const where = last ? "na última execução do fluxo" : "porque o fluxo ainda não foi executado";
      throw new ProblemError(409, "Conflict", `o passo "${stepId}" usa o resultado de ${names}, que não rodou com sucesso ${where}; execute o fluxo (Executar) e teste o passo de novo`, undefined, { missingSteps: missing });
    }

    const alone: FlowDefinition = { trigger: draft.definition.trigger, steps: [step], edges: [{ source: TRIGGER_ID, target: step.id }] };
    const input = given ?? (last ? await storedInput(last, this.executions.runsHere) : TriggerInputSchema.parse({}));
    const testedAgainst = last?.id ?? null;
    const executionId = await this.executions.start(workspaceId, { ...draft, definition: alone }, { input, triggerSource: "test", testedAgainstId: testedAgainst }, { seed });
    if (!executionId) throw new ProblemError(409, "Conflict", "o fluxo foi alterado enquanto o passo era testado; teste de novo");
    const ended = await waitForFinish(this.bus, this.executions, executionId, this.timeoutMs);
    if (!ended) throw new ProblemError(504, "Gateway Timeout", `o teste do passo "${stepId}" não terminou em ${this.timeoutMs} ms; ele continua e pode ser consultado em GET /api/executions/${executionId}`, undefined, { executionId });
    const tested = (await this.executions.stepRun(workspaceId, executionId, stepId))!;
    return { executionId, testedAgainst, step: tested };
  }

  private async original(workspaceId: string, id: string): Promise<OriginalRow> {
    const { rows } = isUuid(id)
      ? await this.pool.query<OriginalRow>(
          `SELECT e.id, e."flowId", e."flowVersion", e.draft, e.status, ${ranDefinition("e")} AS definition, ${STORED_INPUT_COLUMNS},
             (SELECT r."stepId" FROM "StepRun" r WHERE r."executionId" = e.id AND r.status = 'failed' LIMIT 1) AS "firstFailed"
           FROM "Execution" e JOIN "Flow" f ON f.id = e."flowId" WHERE e.id = $1 AND f."workspaceId" = $2`,
          [id, workspaceId],
        )
      : { rows: [] };
    const row = rows[0];
    if (!row) throw notFound("thing.execution", id);
    if (row.status === "queued" || row.status === "running") throw new ProblemError(409, "Conflict", problem("execution.still_running", { id }));
    return row;
  }

  /** The flow's latest finished execution that ran the flow (step tests aside). */
  private async lastRun(flowId: string): Promise<({ id: string } & StoredInputRow) | null> {
    const { rows } = await this.pool.query<{ id: string } & StoredInputRow>(
      `SELECT e.id, ${STORED_INPUT_COLUMNS} FROM "Execution" e WHERE e."flowId" = $1 AND e."triggerSource" <> 'test' AND e.status NOT IN ('queued', 'running') ORDER BY e."createdAt" DESC LIMIT 1`,
      [flowId],
    );
    return rows[0] ?? null;
  }
}

const STATUS_WORDS: Partial<Record<string, RouteProblemCode>> = { succeeded: "status.succeeded", diverged: "status.diverged", interrupted: "status.interrupted", failed: "status.failed" };
