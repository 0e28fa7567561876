import type { Execution, ExecutionEvent, ExecutionStatus, LoopProgress, StepErrorInfo, StepStatus } from "@fluxo/contracts";

export interface StepRunState {
  status: StepStatus;
  durationMs: number | null;
  attempt: number | null;
  error: StepErrorInfo | null;
  /** A step in a Loop's branch: how many passes it has made (absent: one). */
  passes?: number;
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
      return { ...next, status: "running", startedAt: event.at };
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
      return {
        ...next,
        status: state.status === "queued" ? "running" : state.status,
        steps: {
          ...state.steps,
          [event.stepId]: {
            status,
            durationMs: event.durationMs ?? (status === "running" ? null : (previous?.durationMs ?? null)),
            attempt: event.attempt ?? previous?.attempt ?? null,
            error: event.error ?? null,
            ...(event.iteration !== undefined ? { passes: event.iteration + 1 } : previous?.passes ? { passes: previous.passes } : {}),
            ...(progress ? { progress } : {}),
          },
        },
      };
    }
  }
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
  return {
    status: execution.status,
    startedAt: execution.startedAt,
    finishedAt: execution.finishedAt,
    durationMs: execution.durationMs,
    // A step's passes in a Loop's branch come in order: the last one is its state.
    steps: Object.fromEntries(
      execution.steps.map((s) => [s.stepId, { status: s.status, durationMs: s.durationMs, attempt: s.attempt, error: s.error, ...(s.iteration ? { passes: s.iteration + 1 } : {}), ...storedLoopProgress(execution, s) }]),
    ),
    fromEvents: false,
  };
}

/**
 * A Loop's count from its stored run, when there are no events: every item was done once the
 * execution got past it (a failure inside the loop leaves the count to the events, which say it).
 */
function storedLoopProgress(execution: Execution, step: Execution["steps"][number]): { progress?: LoopProgress } {
  const total = (step.output?.body as { count?: unknown } | null | undefined)?.count;
  if (step.connector !== "loop" || typeof total !== "number") return {};
  return execution.status === "succeeded" || execution.status === "diverged" ? { progress: { done: total, total } } : {};
}

function isExecutionStatus(value: unknown): value is ExecutionStatus {
  return value === "queued" || value === "running" || value === "succeeded" || value === "failed" || value === "interrupted" || value === "diverged";
}
