import type { ExecutionRunner } from "./execution-runner.js";

/** How executions reach the engine: run here (single mode) or handed to the queue (queue mode). */
export interface ExecutionLauncher {
  /** True when executions run in this process (single mode): a new one is then stored already started. */
  readonly runsHere: boolean;
  launch(executionId: string, known?: Parameters<ExecutionRunner["start"]>[1]): Promise<void>;
  close(): Promise<void>;
}

export function inProcessLauncher(runner: ExecutionRunner): ExecutionLauncher {
  return {
    runsHere: true,
    async launch(executionId, known) {
      runner.start(executionId, known);
    },
    async close() {},
  };
}
