import type { ExecutionRunner } from "./execution-runner.js";

/** How executions reach the engine: run here (single mode) or handed to the queue (queue mode). */
export interface ExecutionLauncher {
  launch(executionId: string, known?: Parameters<ExecutionRunner["start"]>[1]): Promise<void>;
  close(): Promise<void>;
}

export function inProcessLauncher(runner: ExecutionRunner): ExecutionLauncher {
  return {
    async launch(executionId, known) {
      runner.start(executionId, known);
    },
    async close() {},
  };
}
