import type { ExecutionEventBus } from "../executions/event-bus.js";
import type { ExecutionService } from "../executions/execution-service.js";

/**
 * Resolves true when the execution finishes, false after `timeoutMs`. Subscribes to the
 * event bus first and only then reads the stored status, so a run that ended in between
 * is seen either way (no polling).
 */
export async function waitForFinish(bus: ExecutionEventBus, executions: ExecutionService, executionId: string, timeoutMs: number): Promise<boolean> {
  let settle!: (finished: boolean) => void;
  const finished = new Promise<boolean>((resolve) => (settle = resolve));
  const unsubscribe = await bus.subscribe(executionId, (event) => {
    if (event.type === "execution.finished") settle(true);
  });
  const timer = setTimeout(() => settle(false), timeoutMs);
  try {
    if (await executions.isFinished(executionId)) settle(true);
    return await finished;
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}
