import { asRef, DEFAULT_RETRY_POLICY, messageList, readFieldText, ref, stepMessage, TRIGGER_ID, type EventType, type ExecutionEvent, type FlowDefinition, type FlowStep, type StepErrorInfo, type StepMessageCode, type StepMessageParam, type StepResult, templateFormatOf, type TriggerInput } from "@fluxo/contracts";
import { DEFAULT_LOOP_MAX_ITEMS, getConnector, getOperation, scrubStepError, secretScrubber, StepError, StepSuspended, type CacheableResult, type CachedResult, type ConnectionValues, type ConnectorDefinition, type OperationDefinition, type PortRoute, type ResultCache } from "@fluxo/connectors";
import { ExpressionError, resolveValue, type EvaluationData } from "@fluxo/expressions";
import type { HttpExchangeSummary } from "@fluxo/contracts";
import { fieldLabelAt, mapFields } from "./field-walk.js";
import { reuseKey, sleep, type EngineDeps, type EngineLimits, type ExecutionChange, type ExecutionEnd, type ExecutionStart, type ReusableRun, type RunExecutionRequest, type StepAttemptRecord, type StepRunRecord, type StoredStepRun } from "./ports.js";
import { retryDelay } from "./retry-policy.js";
import { runPlanOf } from "./run-plan.js";
import { sameStep } from "./same-step.js";

export interface ExecutionOutcome {
  /** `suspended`: handed off (see `EngineDeps.handOffAfterMs`); resume it at `resumeAt` with `RunExecutionRequest.resume`. */
  status: ExecutionEnd["status"] | "suspended";
  error: StepErrorInfo | null;
  results: Record<string, StepResult>;
  resumeAt?: Date;
}

const REDACTED = "[redacted]";

/** What a step that ran leaves for the edges leaving it: the ports it took (null: it has none, every edge goes on). */
type StepState = { ran: true; ports: ReadonlySet<string> | null } | { ran: false };

/**
 * Runs a flow definition to the end, walking the graph from Início in a deterministic order
 * (planRunOrder's): a step runs when an edge reaching it is live — it leaves Início, or a step
 * that ran, by a port that step took — and ends `skipped` otherwise. A port that repeats runs
 * its branch once per item. A failure stops the execution (the rest is skipped) unless its step
 * says `onError: continue`: the flow goes on and the execution ends `diverged`. Each step's
 * parameters are resolved just before it runs. Every change is stored (with its event) before
 * it is published.
 */
export async function runExecution(request: RunExecutionRequest, deps: EngineDeps): Promise<ExecutionOutcome> {
  // A resumed execution started long ago: nothing of its start is stored or published again.
  const start = request.resume ? null : (request.started ?? executionStart(request, deps.clock.now()));
  let seq = start ? start.events.at(-1)!.seq : (request.firstSeq ?? 0);
  const event = (type: EventType, fields: EventFields, at: Date): ExecutionEvent => newEvent(request.executionId, ++seq, type, fields, at);
  // Changes are stored one after another (each `apply` starts once the previous one is stored)
  // and their events are published right after. `emit` returns that promise: awaited, the
  // engine goes on once the change is stored; `emitAhead` lets the work that follows (resolving
  // the step, the HTTP call) overlap with storing it — the next awaited change still waits for
  // it, and a store failure surfaces there.
  let stored: Promise<void> = Promise.resolve();
  const emit = (change: ExecutionChange, ...events: ExecutionEvent[]): Promise<void> => {
    stored = stored.then(async () => {
      await deps.store.apply(change, events);
      for (const e of events) deps.events.publish(e);
    });
    return stored;
  };
  const emitAhead = (...args: Parameters<typeof emit>): void => {
    emit(...args).catch(() => undefined); // reported by the next awaited emit, which chains on it
  };

  if (start && request.started) for (const e of start.events) deps.events.publish(e); // stored with the execution's creation
  else if (start) emitAhead(start.change, ...start.events);
  const startedAt = start ? start.change.at : request.resume!.startedAt;
  /** What a resumed execution did before its hand-off, by step and pass. */
  const storedRuns = new Map((request.resume?.runs ?? []).map((run) => [passKey(run.stepId, run.iteration), run]));
  const storedRun = (stepId: string, iteration: number): StoredStepRun | undefined => storedRuns.get(passKey(stepId, iteration));
  const ending = (status: ExecutionEnd["status"], error: StepErrorInfo | null, at: Date): { end: ExecutionEnd; event: ExecutionEvent } => ({
    end: { at, status, error },
    event: event("execution.finished", { status, durationMs: at.getTime() - startedAt.getTime(), error }, at),
  });
  const { plan, order, graph } = runPlanOf(request.definition);

  const finish = async (status: ExecutionEnd["status"], error: StepErrorInfo | null, results: Record<string, StepResult>): Promise<ExecutionOutcome> => {
    const { end, event: finished } = ending(status, error, deps.clock.now());
    await emit({ kind: "execution.finished", ...end }, finished);
    return { status, error, results };
  };

  if (!plan.ok || !graph) {
    const problems = messageList(plan.problems.map(asRef));
    return finish("failed", { kind: "invalid_parameters", ...stepMessage("engine.cannot_run", { problems }) }, {});
  }

  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const results: Record<string, StepResult> = { ...request.seed };
  const states = new Map<string, StepState>();
  const passes = new Map<string, number>();
  const cache = deps.cache ? new ExecutionCache(deps.cache) : undefined;
  /** The failure that stopped the execution; the first one a step went on past. */
  let failure: StepErrorInfo | null = null;
  let divergence: StepErrorInfo | null = null;
  let stepRuns = 0;
  let ended: ExecutionOutcome | null = null;
  /** Set when a step handed the execution off: the walk stops, everything stored so far stays. */
  let suspendedUntil: Date | null = null;
  /** A re-run from the failed step copies step passes until the first it can't (see `RunExecutionRequest.reuse`). */
  let replaying = (request.reuse?.size ?? 0) > 0;
  const reusable = (stepId: string, iteration: number): ReusableRun | null => {
    if (!replaying) return null;
    const prior = request.reuse!.get(reuseKey(stepId, iteration));
    if (prior && sameStep(prior.step, graph.step(stepId)) && (prior.route !== null || !graph.hasPorts(stepId))) return prior;
    replaying = false;
    return null;
  };
  /** Steps run or skipped by this process (not replayed): a resumed Loop announces only passes it worked on. */
  let freshWork = 0;

  const isReached = (stepId: string): boolean =>
    graph.incoming(stepId).some((edge) => {
      if (edge.source === TRIGGER_ID) return true;
      const state = states.get(edge.source);
      if (!state?.ran) return false;
      return edge.port === undefined ? state.ports === null : state.ports !== null && state.ports.has(edge.port);
    });

  /**
   * Runs (or skips) `stepIds`, in run order; a repeating port's branch is run here, once per item.
   * `loopPath`: per Loop around these steps, outermost first, the index of the current item.
   */
  const walk = async (stepIds: readonly string[], loopPath: readonly number[]): Promise<void> => {
    const topLevel = loopPath.length === 0;
    const handled = new Set<string>();
    for (const stepId of stepIds) {
      if (handled.has(stepId)) continue;
      const step = graph.step(stepId);
      const iteration = passes.get(stepId) ?? 0;
      passes.set(stepId, iteration + 1);
      const pass: Pass = { iteration, loopPath: [...loopPath] };
      if (failure || !isReached(stepId)) {
        states.set(stepId, { ran: false });
        if (storedRun(stepId, iteration)?.status === "skipped") continue; // stored and announced before the hand-off
        freshWork++;
        emitAhead({ kind: "step.skipped", stepId, ...pass }, event("step.skipped", { stepId, status: "skipped", ...passFields(pass) }, deps.clock.now()));
        continue;
      }
      const first = topLevel && stepId === order[0]!.id;
      const last = topLevel && stepId === order.at(-1)!.id;
      const overLimit = ++stepRuns > limits.maxStepRuns;
      const prior = overLimit ? null : reusable(stepId, iteration);
      // A resumed re-run replays what it stored itself (runStep), its copies included.
      const outcome = prior && !storedRun(stepId, iteration) ? await reuseStep(step, pass, first, last, prior) : await runStep(step, pass, first, last, overLimit);
      if (ended || suspendedUntil) return;
      const route = outcome.output ? outcome.route : undefined;
      if (!route) {
        states.set(stepId, outcome.ran ? { ran: true, ports: outcome.ports } : { ran: false });
        continue;
      }
      if (route.repeat) {
        const { port, items } = route.repeat;
        const branch = graph.branch(stepId, port);
        const own = outcome.output!;
        const branchResults: unknown[] = [];
        for (const [index, item] of items.entries()) {
          if (failure) break;
          results[stepId] = { ...own, body: { ...asObject(own.body), item, index } };
          states.set(stepId, { ran: true, ports: new Set([port]) });
          for (const id of branch) {
            states.delete(id);
            delete results[id];
          }
          const workBefore = freshWork;
          await walk(branch, [...loopPath, index]);
          if (ended || suspendedUntil) return;
          const lastRan = [...branch].reverse().find((id) => states.get(id)?.ran && results[id]);
          branchResults.push(lastRan ? results[lastRan]!.body : null);
          // A pass replayed whole after a hand-off was announced before it.
          if (freshWork > workBefore) {
            const progress = { done: index + 1, total: items.length };
            emitAhead({ kind: "step.progress", stepId, ...progress, iteration: pass.iteration }, event("step.progress", { stepId, progress, ...passFields(pass) }, deps.clock.now()));
          }
        }
        for (const id of branch) handled.add(id);
        results[stepId] = { ...own, body: { ...asObject(own.body), results: branchResults } };
      }
      states.set(stepId, { ran: true, ports: new Set(route.follow) });
    }
  };

  /** One step's run, with its retries; records it, and what it leaves for the steps after it. */
  const runStep = async (step: FlowStep, pass: Pass, first: boolean, last: boolean, overLimit: boolean): Promise<StepLeaves> => {
    const { iteration } = pass;
    const where = passFields(pass);
    const before = storedRun(step.id, iteration);
    if (before?.status === "succeeded" || before?.status === "failed") return replayStep(step, before);
    freshWork++;
    // The step running at a hand-off goes on: its start (stored and announced) stays.
    const resumed = before?.status === "running" && before.startedAt ? before : undefined;
    // The first step started with the execution (announced above).
    const stepStartedAt = resumed?.startedAt ?? (first ? startedAt : deps.clock.now());
    if (!first && !resumed) emitAhead({ kind: "step.started", stepId: step.id, ...pass, at: stepStartedAt, attempt: 1 }, event("step.started", { stepId: step.id, status: "running", attempt: 1, ...where }, stepStartedAt));

    const prepared: PreparedStep | { failure: StepOutcome } = overLimit
      ? { failure: { input: null, output: null, error: { kind: "invalid_parameters", ...stepMessage("engine.step_limit", { limit: limits.maxStepRuns }) }, http: null } }
      : await prepareStep(step, { input: request.input, steps: results }, deps);
    const attempts: StepAttemptRecord[] = [];
    let run: StepOutcome;
    let route: PortRoute | undefined;
    if ("failure" in prepared) {
      run = prepared.failure;
    } else {
      const policy = step.retry ?? DEFAULT_RETRY_POLICY;
      const firstAttempt = resumed?.attempt || 1;
      for (let attempt = firstAttempt; ; attempt++) {
        const attemptStartedAt = attempt === firstAttempt ? stepStartedAt : deps.clock.now();
        if (attempt > firstAttempt) emitAhead({ kind: "step.started", stepId: step.id, ...pass, at: attemptStartedAt, attempt }, event("step.started", { stepId: step.id, status: "running", attempt, ...where }, attemptStartedAt));
        const outcome = await attemptStep(prepared, deps, cache, limits, stepStartedAt);
        if (outcome.suspendedUntil) {
          suspendedUntil = outcome.suspendedUntil;
          return { ran: false, ports: null, output: null };
        }
        const attemptFinishedAt = deps.clock.now();
        const record: StepAttemptRecord = { attempt, startedAt: attemptStartedAt, finishedAt: attemptFinishedAt, durationMs: attemptFinishedAt.getTime() - attemptStartedAt.getTime(), error: outcome.error, http: outcome.http, ...(outcome.exchanges ? { exchanges: outcome.exchanges } : {}) };
        attempts.push(record);
        const delay = outcome.error && !deps.signal?.aborted ? retryDelay(outcome.error, outcome.http, attempt, policy, deps.random) : null;
        if (delay === null) {
          run = { input: prepared.input, output: outcome.output, error: outcome.error, http: outcome.http };
          route = outcome.route;
          break;
        }
        record.retryInMs = delay;
        await emit({ kind: "step.retrying", stepId: step.id, iteration, attempts: [...attempts] }, event("step.retrying", { stepId: step.id, status: "running", attempt, error: outcome.error, retryInMs: delay, ...where }, attemptFinishedAt));
        await (deps.sleep ?? sleep)(delay, deps.signal);
      }
    }
    const finishedAt = deps.clock.now();
    const durationMs = finishedAt.getTime() - stepStartedAt.getTime();
    const attempt = Math.max(1, attempts.length);
    // What a service echoed back of a credential the step sent (an echo API, an error quoting a header) is kept masked.
    const output = "failure" in prepared || prepared.secrets.length === 0 || !run.output ? run.output : scrubOutput(run.output, secretScrubber(prepared.secrets));
    // One literal, no spreads: every step run builds one (see sql-execution-store.ts's rows).
    const record: StepRunRecord = { stepId: step.id, iteration, loopPath: pass.loopPath, attempt, startedAt: stepStartedAt, finishedAt, durationMs, attempts, input: run.input, output, error: run.error, http: run.http };
    if (route && !run.error) record.route = route;
    const goesOn = run.error !== null && step.onError === "continue" && !overLimit;
    keepResult(step, run.output, run.error, goesOn);
    // A credential reused earlier in this execution may be what the service refused.
    if (run.error?.status === 401) await cache?.invalidateUsed();
    const type = run.error ? "step.failed" : "step.succeeded";
    const cacheHit = run.output?.cache?.hit;
    // A Loop says how many passes it is about to make; step.progress events count them.
    const progress = route?.repeat && !run.error ? { progress: { done: 0, total: route.repeat.items.length } } : {};
    const stepEvent = event(type, { stepId: step.id, status: run.error ? "failed" : "succeeded", durationMs, attempt, error: run.error, ...where, ...progress, ...(cacheHit !== undefined ? { cacheHit } : {}) }, finishedAt);
    await recordFinished(record, stepEvent, last);
    const ports = graph.hasPorts(step.id) ? new Set(run.error ? [] : (route?.follow ?? [])) : null;
    return { ran: run.output !== null || goesOn, ports, output: run.output, ...(route && !run.error ? { route } : {}) };
  };
  /** What a step's end leaves for the steps after it: its result, or the failure that stops the flow. */
  const keepResult = (step: FlowStep, output: StepResult | null, error: StepErrorInfo | null, goesOn: boolean): void => {
    if (output) results[step.id] = output;
    if (!error) return;
    const named = { ...error, ...stepMessage("engine.step_named", { step: step.id, failure: asRef(error) }) };
    if (goesOn) {
      divergence ??= named;
      // Later steps see what happened: the answer's status (0 when there was none) and the error.
      results[step.id] = { code: error.status ?? 0, headers: {}, body: null, error } as StepResult;
    } else failure = named;
  };

  /** A step run stored before a hand-off: its result and route count again, nothing runs or is announced. */
  const replayStep = (step: FlowStep, run: StoredStepRun): StepLeaves => {
    const goesOn = run.error !== null && step.onError === "continue";
    keepResult(step, run.output, run.error, goesOn);
    const route = run.route && !run.error ? run.route : undefined;
    const ports = graph.hasPorts(step.id) ? new Set(run.error ? [] : (route?.follow ?? [])) : null;
    return { ran: run.output !== null || goesOn, ports, output: run.output, ...(route ? { route } : {}) };
  };

  /** A step pass copied from the execution this one re-runs: recorded as a run, `reused`, and the walk goes on the way it went. */
  const reuseStep = async (step: FlowStep, pass: Pass, first: boolean, last: boolean, prior: ReusableRun): Promise<StepLeaves> => {
    const { iteration } = pass;
    const where = passFields(pass);
    freshWork++;
    const at = first ? startedAt : deps.clock.now();
    if (!first) emitAhead({ kind: "step.started", stepId: step.id, ...pass, at, attempt: prior.attempt }, event("step.started", { stepId: step.id, status: "running", attempt: prior.attempt, ...where }, at));
    results[step.id] = prior.output;
    const record: StepRunRecord = { stepId: step.id, ...pass, attempt: prior.attempt, startedAt: at, finishedAt: at, durationMs: 0, attempts: [], input: prior.input, output: prior.output, error: null, http: prior.http, ...(prior.route ? { route: prior.route } : {}), reused: true };
    await recordFinished(record, event("step.succeeded", { stepId: step.id, status: "succeeded", durationMs: 0, attempt: prior.attempt, error: null, reused: true, ...where }, at), last);
    const route = prior.route ?? undefined;
    return { ran: true, ports: graph.hasPorts(step.id) ? new Set(route?.follow ?? []) : null, output: prior.output, ...(route ? { route } : {}) };
  };

  /** Stores a step's end; the last step's end is the execution's: one change. */
  const recordFinished = async (record: StepRunRecord, stepEvent: ExecutionEvent, last: boolean): Promise<void> => {
    const end = last ? ending(endStatus(), failure ?? divergence, record.finishedAt) : null;
    await emit({ kind: "step.finished", run: record, execution: end?.end ?? null }, stepEvent, ...(end ? [end.event] : []));
    if (end) ended = { status: end.end.status, error: end.end.error, results };
  };
  const endStatus = (): ExecutionEnd["status"] => (failure ? "failed" : divergence ? "diverged" : "succeeded");

  await walk(graph.order, []);
  if (ended) return ended;
  if (suspendedUntil) {
    await stored;
    deps.store.release?.(request.executionId);
    return { status: "suspended", error: null, results, resumeAt: suspendedUntil };
  }
  return finish(endStatus(), failure ?? divergence, results);
}

/** The defaults of `EngineDeps.limits`. */
export const DEFAULT_LIMITS: EngineLimits = { maxLoopItems: DEFAULT_LOOP_MAX_ITEMS, maxStepRuns: 10_000 };

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

type EventFields = Omit<ExecutionEvent, "seq" | "type" | "executionId" | "at">;

function newEvent(executionId: string, seq: number, type: EventType, fields: EventFields, at: Date): ExecutionEvent {
  return { seq, type, executionId, at: at.toISOString(), ...fields };
}

/**
 * How an execution starts: its steps in run order, the first one starting with it, and the
 * events that announce it. `runExecution` stores it — unless whoever creates the execution
 * stored it already, in the same write (see `RunExecutionRequest.started`).
 */
export function executionStart(request: Pick<RunExecutionRequest, "executionId" | "definition" | "firstSeq">, at: Date): ExecutionStart {
  const { order, planned } = runPlanOf(request.definition);
  const first = order[0];
  let seq = request.firstSeq ?? 0;
  const event = (type: EventType, fields: EventFields) => newEvent(request.executionId, ++seq, type, fields, at);
  return {
    change: {
      kind: "execution.started",
      at,
      steps: planned,
      firstStep: first ? { stepId: first.id, at } : null,
    },
    events: [event("execution.started", { status: "running" }), ...(first ? [event("step.started", { stepId: first.id, status: "running", attempt: 1 })] : [])],
  };
}

type StepOutcome = Pick<StepRunRecord, "input" | "output" | "error" | "http">;
type AttemptOutcome = Omit<StepOutcome, "input"> & Pick<StepAttemptRecord, "exchanges"> & { route?: PortRoute; suspendedUntil?: Date };
/** What a step's run leaves for the edges after it (see StepState), with its output and route. */
type StepLeaves = { ran: boolean; ports: ReadonlySet<string> | null; output: StepResult | null; route?: PortRoute };

const passKey = (stepId: string, iteration: number) => `${iteration}:${stepId}`;

/** Which pass of a step this is (see StepRunRecord). */
type Pass = { iteration: number; loopPath: number[] };

/** A pass as its events say it: nothing for a step outside loops' first pass. */
function passFields({ iteration, loopPath }: Pass): { iteration?: number; loopPath?: number[] } {
  return { ...(iteration > 0 ? { iteration } : {}), ...(loopPath.length > 0 ? { loopPath } : {}) };
}

interface PreparedStep {
  connector: ConnectorDefinition;
  connectorName: string;
  operation: OperationDefinition;
  parameters: unknown;
  input: Record<string, unknown>;
  connection: ConnectionValues | null;
  data: EvaluationData;
  /** Credentials the step may send (earlier steps' tokens, the connection's secrets): masked wherever the step's exchanges are recorded. */
  secrets: readonly string[];
}

/** Resolves, validates and loads what the step needs; these failures are never retried. */
async function prepareStep(step: FlowStep, data: { input: TriggerInput; steps: Record<string, StepResult> }, deps: EngineDeps): Promise<PreparedStep | { failure: StepOutcome }> {
  // The record keeps the resolved parameters with every known credential masked: earlier steps' tokens,
  // and the connection's secrets once it is loaded. Computed once, for the step's outcome.
  let recordedInput: () => Record<string, unknown> | null = () => null;
  const fail = (error: StepErrorInfo) => ({ failure: { input: recordedInput(), output: null, error, http: null } });

  const connector = getConnector(step.connector);
  const operation = getOperation(step.connector, step.operation);
  if (!connector || !operation) return fail({ kind: "invalid_parameters", ...stepMessage("engine.unknown_operation", { connector: step.connector, operation: step.operation }) });

  const evaluationData = toEvaluationData(data);
  let resolved: Record<string, unknown>;
  try {
    resolved = resolveParameters(operation, step.parameters, evaluationData);
  } catch (error) {
    if (error instanceof ParameterExpressionError) {
      const { path, cause } = error;
      return fail(expressionFailure(connector, operation, path, cause));
    }
    throw error;
  }
  const knownSecrets = credentialsIn(data.steps);
  recordedInput = () => redactInput(operation, resolved, knownSecrets);

  const parsed = operation.parameters.safeParse(resolved);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return fail({ kind: "invalid_parameters", ...stepMessage("engine.invalid_parameters", { problems: messageList(fields.map(fieldProblemRef)) }), fields });
  }

  if (!step.connectionId) {
    if (connector.connectionOptional) return { connector, connectorName: connector.name, operation, parameters: parsed.data, input: redactInput(operation, resolved, knownSecrets), connection: null, data: evaluationData, secrets: knownSecrets };
    return fail({ kind: "connection", ...stepMessage("engine.no_connection") });
  }
  const connection = await deps.loadConnection(step.connectionId);
  if (!connection) return fail({ kind: "connection", ...stepMessage("engine.connection_gone") });
  const secrets = [...knownSecrets, ...Object.values(connection.secrets)];
  return { connector, connectorName: connector.name, operation, parameters: parsed.data, input: redactInput(operation, resolved, secrets), connection, data: evaluationData, secrets };
}

async function attemptStep(step: PreparedStep, deps: EngineDeps, cache: ResultCache | undefined, limits: EngineLimits, startedAt: Date): Promise<AttemptOutcome> {
  const exchanges: HttpExchangeSummary[] = [];
  const recorded = () => ({ http: exchanges.at(-1) ?? null, ...(exchanges.length > 1 ? { exchanges } : {}) });
  try {
    const output = await step.operation.run({
      parameters: step.parameters,
      connection: step.connection,
      http: deps.http,
      signal: deps.signal ?? new AbortController().signal,
      recordHttp: (summary) => {
        exchanges.push(step.secrets.length > 0 ? scrubExchange(summary, secretScrubber(step.secrets)) : summary);
      },
      evaluate: (path, value, scope) => evaluatePerResponse(step, path, value, { ...step.data, ...scope }),
      ...(cache ? { cache } : {}),
      ...(deps.grants ? { grants: deps.grants } : {}),
      limits: { maxLoopItems: limits.maxLoopItems },
      startedAt,
      ...(deps.handOffAfterMs !== undefined ? { handOff: { afterMs: deps.handOffAfterMs } } : {}),
    });
    const { route, ...result } = output;
    return { output: result, error: null, ...recorded(), ...(route ? { route } : {}) };
  } catch (error) {
    const scrub = step.secrets.length > 0 ? secretScrubber(step.secrets) : null;
    const fail = (info: StepErrorInfo) => ({ output: null, error: scrub ? scrubStepError(info, scrub) : info, ...recorded() });
    if (error instanceof StepSuspended) return { output: null, error: null, http: null, suspendedUntil: error.resumeAt };
    if (error instanceof StepError) return fail(error.info);
    if (deps.signal?.aborted) return fail({ kind: "internal", ...stepMessage("engine.server_stopped") });
    // A bug, not a remote failure: say so without echoing internals that might hold secrets.
    return fail({ kind: "internal", ...stepMessage("engine.connector_crashed", { connector: step.connectorName, error: error instanceof Error ? error.name : ref("engine.unknown_error") }) });
  }
}

/** The shared cache, remembering which keys this execution used so a later 401 can drop them. */
class ExecutionCache implements ResultCache {
  private readonly used: (readonly unknown[])[] = [];

  constructor(private readonly shared: ResultCache) {}

  getOrLoad(keyParts: readonly unknown[], load: () => Promise<CacheableResult>): Promise<CachedResult> {
    this.used.push(keyParts);
    return this.shared.getOrLoad(keyParts, load);
  }

  invalidate(keyParts: readonly unknown[]): Promise<void> {
    return this.shared.invalidate(keyParts);
  }

  async invalidateUsed(): Promise<void> {
    await Promise.all(this.used.splice(0).map((parts) => this.shared.invalidate(parts)));
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

/**
 * Evaluates the expressions of expression-capable fields; everything else passes as typed. A field
 * whose text is a URL, a path or JSON (`templateFormat`) has each value encoded for where it lands.
 */
export function resolveParameters(operation: OperationDefinition, parameters: Record<string, unknown>, data: EvaluationData): Record<string, unknown> {
  return mapFields(operation.fields, parameters, (field, value, path, siblings) => {
    // A perResponse field is evaluated by the operation, once per answer.
    if (!field.expression || field.perResponse) return value;
    try {
      const format = templateFormatOf(field, siblings);
      return resolveValue(value, data, format ? { format } : undefined);
    } catch (error) {
      // resolveValue's path is relative to the field's value; make it the parameter's path.
      if (error instanceof ExpressionError) throw new ParameterExpressionError(error.path ? `${path}.${error.path}` : path, error);
      throw error;
    }
  });
}

/**
 * The resolved parameters as the run record keeps them: secret fields, what the operation
 * hides itself (an Authorization header), and every occurrence of a known credential — a
 * token an earlier step obtained, typed into a header as `Bearer {{ … }}` — replaced.
 */
function redactInput(operation: OperationDefinition, values: Record<string, unknown>, knownSecrets: readonly string[]): Record<string, unknown> {
  const fieldsHidden = mapFields(operation.fields, values, (field, value) => (field.secret ? REDACTED : value));
  const hidden = operation.redactInput ? operation.redactInput(fieldsHidden) : fieldsHidden;
  if (knownSecrets.length === 0) return hidden;
  const scrub = secretScrubber(knownSecrets);
  return deepMapStrings(hidden, scrub) as Record<string, unknown>;
}

function deepMapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((item) => deepMapStrings(item, map));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepMapStrings(item, map)]));
  return value;
}

/** The output as stored, known credentials masked — but a token response's own tokens, which the store seals (a reused token may be one an earlier step also got). */
function scrubOutput(output: StepResult, scrub: (text: string) => string): StepResult {
  const body = output.body;
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ...output, body: deepMapStrings(body, scrub) };
  const masked = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, CREDENTIAL_KEYS.includes(key) ? value : deepMapStrings(value, scrub)]));
  return { ...output, body: masked };
}

function scrubExchange(summary: HttpExchangeSummary, scrub: (text: string) => string): HttpExchangeSummary {
  const headers = Object.fromEntries(Object.entries(summary.requestHeaders).map(([name, value]) => [name, scrub(value)]));
  return { ...summary, url: scrub(summary.url), requestHeaders: headers };
}

const CREDENTIAL_KEYS = ["access_token", "refresh_token", "id_token"];

/** The credentials earlier steps obtained (token responses' members), which later steps may send. */
function credentialsIn(results: Record<string, StepResult>): string[] {
  const found: string[] = [];
  for (const result of Object.values(results)) {
    const body = result.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) continue;
    for (const key of CREDENTIAL_KEYS) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === "string" && value !== "") found.push(value);
    }
  }
  return found;
}

/** A `perResponse` field's value evaluated (encoded as its `templateFormat` says); its failure is the step's, naming the field. */
function evaluatePerResponse(step: Pick<PreparedStep, "connector" | "operation">, path: string, value: unknown, data: EvaluationData): unknown {
  const field = fieldLabelAt(step.operation.fields, path, (label) => label).field;
  // Its siblings aren't at hand here: a format that depends on one (`when`) reads as plain text.
  const format = field ? templateFormatOf(field, {}) : undefined;
  try {
    return resolveValue(value, data, format ? { format } : undefined);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    throw new StepError(expressionFailure(step.connector, step.operation, path, error));
  }
}

/** What kind of failure an expression's error is, as the step's message tells it. */
const EXPRESSION_FAILURES = {
  // The template itself is wrong: fixing the field fixes it.
  syntax: "engine.expression_invalid",
  unsupported: "engine.expression_invalid",
  unknown_function: "engine.expression_invalid",
  arity: "engine.expression_invalid",
  forbidden_name: "engine.expression_invalid",
  limit_length: "engine.expression_invalid",
  // The template is fine; this execution's data has no value where it reads one.
  missing_path: "engine.expression_missing",
  // The template is fine; evaluating it on this execution's data failed.
  type_error: "engine.expression_failed",
  function_error: "engine.expression_failed",
  unsafe_value: "engine.expression_failed",
  limit_depth: "engine.expression_failed",
  limit_steps: "engine.expression_failed",
  limit_output: "engine.expression_failed",
} as const satisfies Record<ExpressionError["code"], StepMessageCode>;

/**
 * A step's failure to resolve the field at `path`: whether the expression is invalid, lacks a value
 * in this execution's data or failed on it, naming the field by its label (in each language) and
 * telling the expression's reason by its code, so it reads in any language.
 */
function expressionFailure(connector: ConnectorDefinition, operation: OperationDefinition, path: string, error: ExpressionError) {
  const english = connector.translations?.en;
  const label = fieldLabelAt(operation.fields, path, (text) => (english && Object.hasOwn(english, text) ? english[text]! : text));
  const position = error.messageCode === "expression.positioned" ? error.messageParams?.["position"] : undefined;
  const params: Record<string, StepMessageParam> = {
    field: ref("engine.field_label", { label_pt: label.pt, label_en: label.translated }),
    at: position === undefined ? "" : ref("engine.expression_at", { position }),
    reason: error.reasonMessage,
  };
  return { kind: "expression" as const, ...stepMessage(EXPRESSION_FAILURES[error.code], params), fields: [{ path, message: error.message }] };
}

/** "authorizationDetails.0.type: Preencha este campo." as a message; "parâmetros" when the whole object was refused. */
function fieldProblemRef(field: { path: string; message: string }): StepMessageParam {
  return ref("definition.field_problem", { path: field.path || ref("definition.parameters"), problem: readFieldText(field.message) ?? field.message });
}
