import type { ExecutionRunner } from "./execution-runner.js";

/** How executions reach the engine: run here (single mode) or handed to the queue (queue mode). */
export interface ExecutionLauncher {
  /** True when executions run in this process (single mode): a new one is then stored already started. */
  readonly runsHere: boolean;
  /** Throws a 503 problem when a new execution can't be accepted now (the queue is unreachable); called before it is stored. */
  assertAvailable(): void;
  launch(executionId: string, known?: Parameters<ExecutionRunner["start"]>[1]): Promise<void>;
  close(): Promise<void>;
}

export function inProcessLauncher(runner: ExecutionRunner): ExecutionLauncher {
  return {
    runsHere: true,
    assertAvailable() {},
    async launch(executionId, known) {
      runner.start(executionId, known);
    },
    async close() {},
  };
}
