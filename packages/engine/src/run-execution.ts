import type { EventType, ExecutionEvent, FlowStep, StepErrorInfo, StepResult, TriggerInput } from "@fluxo/contracts";
import { getConnector, getOperation, StepError, type FieldDefinition, type OperationDefinition } from "@fluxo/connectors";
import { ExpressionError, resolveValue, type EvaluationData } from "@fluxo/expressions";
import type { HttpExchangeSummary } from "@fluxo/contracts";
import { mapFields } from "./field-walk.js";
import type { EngineDeps, ExecutionChange, PlannedStep, RunExecutionRequest, StepRunRecord } from "./ports.js";
import { planRunOrder } from "./run-order.js";

export interface ExecutionOutcome {
  status: "succeeded" | "failed";
  error: StepErrorInfo | null;
  results: Record<string, StepResult>;
}

const REDACTED = "[redacted]";

/**
 * Runs a flow definition to the end: steps in dependency order, each one's parameters
 * resolved just before it runs; the first failure fails the execution and the steps
 * after it are skipped. Every change is stored (with its event) before it is published.
 */
export async function runExecution(request: RunExecutionRequest, deps: EngineDeps): Promise<ExecutionOutcome> {
  let seq = request.firstSeq ?? 0;
  const emit = async (change: ExecutionChange, type: EventType, fields: Omit<ExecutionEvent, "seq" | "type" | "executionId" | "at">, at: Date) => {
    const event: ExecutionEvent = { seq: ++seq, type, executionId: request.executionId, at: at.toISOString(), ...fields };
    await deps.store.apply(change, event);
    deps.events.publish(event);
  };

  const startedAt = deps.clock.now();
  const plan = planRunOrder(request.definition);
  const stepsById = new Map(request.definition.steps.map((s) => [s.id, s]));
  const order = plan.ok ? plan.order.map((id) => stepsById.get(id)!) : [];
  const planned: PlannedStep[] = order.map((step, position) => ({ stepId: step.id, position, connector: step.connector, operation: step.operation }));
  await emit({ kind: "execution.started", at: startedAt, steps: planned }, "execution.started", { status: "running" }, startedAt);

  const finish = async (status: "succeeded" | "failed", error: StepErrorInfo | null, results: Record<string, StepResult>): Promise<ExecutionOutcome> => {
    const at = deps.clock.now();
    await emit({ kind: "execution.finished", at, status, error }, "execution.finished", { status, durationMs: at.getTime() - startedAt.getTime(), error }, at);
    return { status, error, results };
  };

  if (!plan.ok) {
    const message = plan.problems.map((p) => p.message).join("; ");
    return finish("failed", { kind: "invalid_parameters", message: `o fluxo não pode ser executado: ${message}` }, {});
  }

  const results: Record<string, StepResult> = {};
  let failure: StepErrorInfo | null = null;
  for (const step of order) {
    if (failure) {
      await emit({ kind: "step.skipped", stepId: step.id }, "step.skipped", { stepId: step.id, status: "skipped" }, deps.clock.now());
      continue;
    }
    const attempt = 1;
    const stepStartedAt = deps.clock.now();
    await emit({ kind: "step.started", stepId: step.id, at: stepStartedAt, attempt }, "step.started", { stepId: step.id, status: "running", attempt }, stepStartedAt);

    const run = await runStep(step, { input: request.input, steps: results }, deps);
    const finishedAt = deps.clock.now();
    const durationMs = finishedAt.getTime() - stepStartedAt.getTime();
    const record: StepRunRecord = { stepId: step.id, attempt, startedAt: stepStartedAt, finishedAt, durationMs, ...run };
    if (run.output) results[step.id] = run.output;
    if (run.error) failure = { ...run.error, message: `passo "${step.id}": ${run.error.message}` };
    const type = run.error ? "step.failed" : "step.succeeded";
    await emit({ kind: "step.finished", run: record }, type, { stepId: step.id, status: run.error ? "failed" : "succeeded", durationMs, attempt, error: run.error }, finishedAt);
  }
  return finish(failure ? "failed" : "succeeded", failure, results);
}

type StepOutcome = Pick<StepRunRecord, "input" | "output" | "error" | "http">;

async function runStep(step: FlowStep, data: { input: TriggerInput; steps: Record<string, StepResult> }, deps: EngineDeps): Promise<StepOutcome> {
  let http: HttpExchangeSummary | null = null;
  let input: Record<string, unknown> | null = null;
  const fail = (error: StepErrorInfo): StepOutcome => ({ input, output: null, error, http });

  const connector = getConnector(step.connector);
  const operation = getOperation(step.connector, step.operation);
  if (!connector || !operation) return fail({ kind: "invalid_parameters", message: `o conector "${step.connector}" não tem a operação "${step.operation}"` });

  let resolved: Record<string, unknown>;
  try {
    resolved = resolveParameters(operation, step.parameters, toEvaluationData(data));
  } catch (error) {
    if (error instanceof ParameterExpressionError) {
      const { path, cause } = error;
      return fail({ kind: "expression", message: `expressão inválida em ${path}: ${cause.message}`, fields: [{ path, message: cause.message }] });
    }
    throw error;
  }
  input = redactSecrets(operation.fields, resolved);

  const parsed = operation.parameters.safeParse(resolved);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return fail({ kind: "invalid_parameters", message: `parâmetros inválidos: ${fields.map((f) => `${f.path || "parâmetros"}: ${f.message}`).join("; ")}`, fields });
  }

  if (!step.connectionId) return fail({ kind: "connection", message: "o passo não tem conexão; escolha uma em Propriedades" });
  const connection = await deps.loadConnection(step.connectionId);
  if (!connection) return fail({ kind: "connection", message: "a conexão do passo não existe mais; escolha outra em Propriedades" });

  try {
    const output = await operation.run({
      parameters: parsed.data,
      connection,
      http: deps.http,
      signal: deps.signal ?? new AbortController().signal,
      recordHttp: (summary) => {
        http = summary;
      },
    });
    return { input, output, error: null, http };
  } catch (error) {
    if (error instanceof StepError) return fail(error.info);
    if (deps.signal?.aborted) return fail({ kind: "internal", message: "o servidor parou durante o passo; execute o fluxo de novo" });
    // A bug, not a remote failure: say so without echoing internals that might hold secrets.
    return fail({ kind: "internal", message: `erro interno no conector ${connector.name}: ${error instanceof Error ? error.name : "erro desconhecido"}` });
  }
}

function toEvaluationData(data: { input: TriggerInput; steps: Record<string, StepResult> }): EvaluationData {
  return { input: { body: data.input.body, headers: data.input.headers, query_params: data.input.query_params }, steps: data.steps };
}

/** An expression of a step parameter failed; `path` names the parameter (`authorizationDetails.0.type`). */
export class ParameterExpressionError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: ExpressionError,
  ) {
    super(`${path}: ${cause.message}`);
    this.name = "ParameterExpressionError";
  }
}

/** Evaluates the expressions of expression-capable fields; everything else passes as typed. */
export function resolveParameters(operation: OperationDefinition, parameters: Record<string, unknown>, data: EvaluationData): Record<string, unknown> {
  return mapFields(operation.fields, parameters, (field, value, path) => {
    if (!field.expression) return value;
    try {
      return resolveValue(value, data);
    } catch (error) {
      // resolveValue's path is relative to the field's value; make it the parameter's path.
      if (error instanceof ExpressionError) throw new ParameterExpressionError(error.path ? `${path}.${error.path}` : path, error);
      throw error;
    }
  });
}

function redactSecrets(fields: FieldDefinition[], values: Record<string, unknown>): Record<string, unknown> {
  return mapFields(fields, values, (field, value) => (field.secret ? REDACTED : value));
}
