import type { StepErrorInfo, StepResult, StepStatus } from "@fluxo/contracts";
import type { ExecutionChange, ExecutionStart } from "@fluxo/engine";
import type { StepOutcome } from "./execution-service.js";

interface Row {
  stepId: string;
  iteration: number;
  position: number;
  status: StepStatus;
  output: StepResult | null;
  error: StepErrorInfo | null;
}

interface Kept {
  /** By pass (see passKey). */
  rows: Map<string, Row>;
  /** Its end was stored: the rows are what the database holds now. */
  ended: boolean;
}

/**
 * Single mode: the step runs of the executions a caller will answer from (the gateway's …/sync),
 * kept as the store commits them, so the answer needn't read back what this process just wrote
 * (nor open its tokens again). The rows change as SqlExecutionStore's statement changes the
 * StepRun rows, and only once each change is committed; a kept execution is handed out only
 * when its end was stored, else the caller reads the database. Only executions announced by
 * `expect` are kept, until `take` or `forget`.
 */
export class RunOutcomes {
  private readonly kept = new Map<string, Kept>();

  /** Keeps the execution's runs from its start (stored with its creation). */
  expect(executionId: string, start: ExecutionStart): void {
    this.kept.set(executionId, { rows: planned(start.change), ended: false });
  }

  /** A change of the execution as the store committed it, each token in its output whole. */
  stored(executionId: string, change: ExecutionChange): void {
    const kept = this.kept.get(executionId);
    if (!kept) return;
    switch (change.kind) {
      case "execution.started":
        kept.rows = planned(change);
        break;
      case "step.started":
      case "step.skipped": {
        const status = change.kind === "step.started" ? "running" : "skipped";
        const row = rowOf(kept, change.stepId, change.iteration);
        if (row) row.status = status;
        else if (change.iteration > 0) {
          const first = rowOf(kept, change.stepId, 0);
          if (first) kept.rows.set(passKey(change.stepId, change.iteration), { stepId: change.stepId, iteration: change.iteration, position: first.position, status, output: null, error: null });
        }
        break;
      }
      case "step.finished": {
        const row = rowOf(kept, change.run.stepId, change.run.iteration);
        if (row) Object.assign(row, { status: change.run.error ? "failed" : "succeeded", output: change.run.output ?? null, error: change.run.error ?? null });
        if (change.execution) kept.ended = true;
        break;
      }
      case "execution.finished":
        kept.ended = true;
        break;
    }
  }

  /** The execution's step runs in the order the database gives them (position, then pass); null when not kept whole here. */
  take(executionId: string): StepOutcome[] | null {
    const kept = this.kept.get(executionId);
    this.kept.delete(executionId);
    if (!kept?.ended) return null;
    return [...kept.rows.values()]
      .sort((a, b) => a.position - b.position || a.iteration - b.iteration)
      .map(({ stepId, status, output, error }) => ({ stepId, status, output, error }));
  }

  forget(executionId: string): void {
    this.kept.delete(executionId);
  }
}

function planned(change: ExecutionStart["change"]): Map<string, Row> {
  return new Map(
    change.steps.map(({ stepId, position }) => [passKey(stepId, 0), { stepId, iteration: 0, position, status: stepId === change.firstStep?.stepId ? "running" : "pending", output: null, error: null }]),
  );
}

const passKey = (stepId: string, iteration: number) => `${iteration}:${stepId}`;

function rowOf(kept: Kept, stepId: string, iteration: number): Row | undefined {
  return kept.rows.get(passKey(stepId, iteration));
}
