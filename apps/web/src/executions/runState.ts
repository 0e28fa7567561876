import { branchSteps } from "@fluxo/connectors/port-graph";
import { isFinishedStatus, type ConnectorMeta, type Execution, type ExecutionEvent, type ExecutionStatus, type FlowDefinition, type LoopProgress, type StepErrorInfo, type StepStatus } from "@fluxo/contracts";

/** A step in a Loop's branch: its passes so far, by how each went. */
export interface PassCounts {
  succeeded: number;
  failed: number;
  skipped: number;
  /** 1 while a pass runs (a step's passes run one after the other), else 0. */
  running: number;
  /** The time its finished passes took together. */
  durationMs: number;
}

export interface StepRunState {
  /** A step in a Loop's branch: running while a pass runs; else failed if any pass failed, succeeded if any succeeded, else skipped. */
  status: StepStatus;
  /** A step in a Loop's branch: its passes' time together (null while one runs, or when none ran). */
  durationMs: number | null;
  attempt: number | null;
  /** A step in a Loop's branch: the first failed pass's error. */
  error: StepErrorInfo | null;
  /** A step in a Loop's branch: its passes by outcome (absent: a step outside loops, one pass). */
  passes?: PassCounts;
  /** A Loop: passes of its branch done, of how many items ("3 de 3"). */
  progress?: LoopProgress;
}

/** What the canvas paints of one execution, folded from its events. */
export interface RunState {
  status: ExecutionStatus;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  steps: Record<string, StepRunState>;
  /** Whether any event arrived: until then the stored execution is the better source. */
  fromEvents: boolean;
}

export const INITIAL_RUN_STATE: RunState = { status: "queued", startedAt: null, finishedAt: null, durationMs: null, steps: {}, fromEvents: false };

export const NO_PASSES: PassCounts = { succeeded: 0, failed: 0, skipped: 0, running: 0, durationMs: 0 };

const STEP_STATUS: Partial<Record<ExecutionEvent["type"], StepStatus>> = {
  "step.started": "running",
  "step.succeeded": "succeeded",
  "step.failed": "failed",
  "step.skipped": "skipped",
};

export function applyEvent(state: RunState, event: ExecutionEvent): RunState {
  const next: RunState = { ...state, fromEvents: true };
  switch (event.type) {
    case "execution.started":
      // A run started afresh (after its worker died) runs its steps again from their first pass.
      return { ...next, status: "running", startedAt: event.at, steps: {} };
    case "execution.finished":
      return {
        ...next,
        status: isExecutionStatus(event.status) ? event.status : "failed",
        finishedAt: event.at,
        durationMs: event.durationMs ?? (state.startedAt ? Date.parse(event.at) - Date.parse(state.startedAt) : null),
      };
    case "step.progress": {
      const previous = event.stepId ? state.steps[event.stepId] : undefined;
      if (!previous || !event.progress) return next;
      return { ...next, steps: { ...state.steps, [event.stepId!]: { ...previous, progress: event.progress } } };
    }
    default: {
      const status = STEP_STATUS[event.type];
      if (!status || !event.stepId) return next;
      const previous = state.steps[event.stepId];
      // A nested Loop starts over for each item of the one around it; otherwise its count stays.
      const progress = event.progress ?? (status === "running" ? undefined : previous?.progress);
      const pass: Pass = {
        status,
        inLoop: event.iteration !== undefined || (event.loopPath?.length ?? 0) > 0,
        durationMs: event.durationMs ?? null,
        attempt: event.attempt ?? null,
        error: event.error ?? null,
      };
      return {
        ...next,
        status: state.status === "queued" ? "running" : state.status,
        steps: { ...state.steps, [event.stepId]: { ...withPass(previous, pass), ...(progress ? { progress } : {}) } },
      };
    }
  }
}

/** One pass of a step, as an event or a stored run tells it. */
interface Pass {
  status: StepStatus;
  /** It belongs to a Loop's branch: it has an iteration or a loop path. */
  inLoop: boolean;
  durationMs: number | null;
  attempt: number | null;
  error: StepErrorInfo | null;
}

/**
 * A step's state with one more pass (or one more word on the pass under way). A step outside
 * loops is what its pass says; a step in a Loop's branch counts its passes by outcome.
 */
function withPass(previous: StepRunState | undefined, pass: Pass): StepRunState {
  const attempt = pass.attempt ?? previous?.attempt ?? null;
  if (!pass.inLoop && !previous?.passes) {
    const durationMs = pass.durationMs ?? (pass.status === "running" ? null : (previous?.durationMs ?? null));
    return { status: pass.status, durationMs, attempt, error: pass.error };
  }
  // Passes told without their place in the loop (a first pass stored before loop paths were) still count.
  const before = previous?.passes ?? (previous ? counted(NO_PASSES, previous.status, previous.durationMs) : NO_PASSES);
  const passes = counted({ ...before, running: 0 }, pass.status, pass.durationMs);
  const status = passesStatus(passes);
  const ran = passes.succeeded + passes.failed;
  return {
    status,
    durationMs: status === "running" || ran === 0 ? null : passes.durationMs,
    attempt,
    // The first failure is the one the run banner names; a later pass that went well doesn't undo it.
    error: before.failed > 0 ? (previous?.error ?? null) : pass.status === "failed" ? pass.error : null,
    passes,
  };
}

function counted(passes: PassCounts, status: StepStatus, durationMs: number | null): PassCounts {
  switch (status) {
    case "running":
      return { ...passes, running: 1 };
    case "succeeded":
    case "failed":
      return { ...passes, [status]: passes[status] + 1, durationMs: passes.durationMs + (durationMs ?? 0) };
    case "skipped":
      return { ...passes, skipped: passes.skipped + 1 };
    default:
      return passes; // pending: no pass yet
  }
}

function passesStatus(passes: PassCounts): StepStatus {
  if (passes.running > 0) return "running";
  if (passes.failed > 0) return "failed";
  if (passes.succeeded > 0) return "succeeded";
  return passes.skipped > 0 ? "skipped" : "pending";
}

/** The first step that failed in this run, with its error (what the run banner names), or null. */
export function firstFailedStep(run: RunState): { stepId: string; error: StepErrorInfo | null } | null {
  for (const [stepId, step] of Object.entries(run.steps)) {
    if (step.status === "failed") return { stepId, error: step.error };
  }
  return null;
}

/** The same picture from a stored execution (when there are no events to fold, e.g. the stream failed). */
export function runStateFromExecution(execution: Execution): RunState {
  // One stored run per pass, in order: a step in a Loop's branch counts them as its events did.
  const steps: Record<string, StepRunState> = {};
  for (const s of execution.steps) {
    const pass: Pass = { status: s.status, inLoop: (s.iteration ?? 0) > 0 || (s.loopPath?.length ?? 0) > 0, durationMs: s.durationMs, attempt: s.attempt, error: s.error };
    steps[s.stepId] = { ...withPass(steps[s.stepId], pass), ...storedLoopProgress(execution, s) };
  }
  return { status: execution.status, startedAt: execution.startedAt, finishedAt: execution.finishedAt, durationMs: execution.durationMs, steps, fromEvents: false };
}

/** The Loop connector's repeating port, whose branch a Loop runs once per item. */
const LOOP_CONNECTOR = "loop";
const LOOP_EACH_PORT = "each";

/**
 * A Loop's count from its stored run, when there are no events: every item was done once the
 * execution got past it; a failure stopped it at the items whose pass began, as the events count.
 */
function storedLoopProgress(execution: Execution, step: Execution["steps"][number]): { progress?: LoopProgress } {
  const total = (step.output?.body as { count?: unknown } | null | undefined)?.count;
  if (step.connector !== LOOP_CONNECTOR || typeof total !== "number") return {};
  if (execution.status === "succeeded" || execution.status === "diverged") return { progress: { done: total, total } };
  if (execution.status !== "failed") return {};
  const branch = new Set(branchSteps(execution.definition, step.stepId, LOOP_EACH_PORT));
  const around = step.loopPath ?? [];
  const items = new Set<number>();
  for (const s of execution.steps) {
    const path = s.loopPath ?? [];
    if (branch.has(s.stepId) && s.status !== "pending" && path.length > around.length && around.every((index, i) => path[i] === index)) items.add(path[around.length]!);
  }
  return { progress: { done: items.size, total } };
}

/** For each step in a Loop's branch, the nearest Loop around it (a step with a repeating port). */
export function loopsAround(definition: FlowDefinition, connectors: readonly ConnectorMeta[]): ReadonlyMap<string, string> {
  const branches: { loop: string; steps: Set<string> }[] = [];
  for (const step of definition.steps) {
    const ports = connectors.find((c) => c.key === step.connector)?.operations.find((o) => o.key === step.operation)?.ports ?? [];
    for (const port of ports) if (port.repeats) branches.push({ loop: step.id, steps: new Set(branchSteps(definition, step.id, port.key)) });
  }
  // Widest branch first: an inner Loop's branch, inside the outer one's, claims its steps last.
  branches.sort((a, b) => b.steps.size - a.steps.size);
  const around = new Map<string, string>();
  for (const { loop, steps } of branches) for (const id of steps) if (id !== loop) around.set(id, loop);
  return around;
}

const PENDING: StepRunState = { status: "pending", durationMs: null, attempt: null, error: null };
/** A step of a Loop's branch the run never came to: the Loop had no items. */
const NO_ITEMS: StepRunState = { status: "skipped", durationMs: null, attempt: null, error: null, passes: NO_PASSES };

/**
 * What the canvas paints for a step: its state in the run, or — for a step of a Loop's branch the
 * run never came to because the Loop had no items — skipped, with no passes. The engine says
 * nothing of such a step (no event, its stored run stays pending), so it is told here: as soon as
 * a Loop outside any other succeeded with 0 items, or once the run has ended for a nested one.
 */
export function shownStepState(run: RunState, stepId: string, around: ReadonlyMap<string, string>): StepRunState {
  const own = run.steps[stepId];
  if (own && own.status !== "pending") return own;
  return hadNoItems(run, stepId, around, new Set()) ? NO_ITEMS : (own ?? PENDING);
}

function hadNoItems(run: RunState, stepId: string, around: ReadonlyMap<string, string>, seen: Set<string>): boolean {
  const loop = around.get(stepId);
  if (loop === undefined || seen.has(loop)) return false;
  seen.add(loop);
  const state = run.steps[loop];
  // An interrupted run stopped anywhere: what it didn't reach stays pending.
  const walked = run.status === "succeeded" || run.status === "failed" || run.status === "diverged";
  // A Loop outside others says its count; one inside others made passes that reached nothing of its branch.
  if (state?.status === "succeeded") return state.passes === undefined ? state.progress?.total === 0 : walked;
  return walked && (!state || state.status === "pending") && hadNoItems(run, loop, around, seen);
}

/** A Loop the run ended before its last item was done (a step of its branch failed, or the run was interrupted). */
export function loopStopped(run: RunState, step: StepRunState): boolean {
  return isFinishedStatus(run.status) && step.status !== "running" && step.progress !== undefined && step.progress.done < step.progress.total;
}

function isExecutionStatus(value: unknown): value is ExecutionStatus {
  return value === "queued" || value === "running" || value === "succeeded" || value === "failed" || value === "interrupted" || value === "diverged";
}
