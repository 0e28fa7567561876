import type { ExecutionEvent } from "@fluxo/contracts";
import type { ExecutionEventBus } from "./event-bus.js";
import type { ExecutionService } from "./execution-service.js";

/**
 * The execution's `execution.finished` event once it finishes; null after `timeoutMs`.
 * Subscribes to the event bus first and only then looks at what is stored (in the bus's
 * memory when it holds the whole execution, else in the database), so a run that ended in
 * between is seen either way (no polling).
 */
export async function waitForFinish(bus: ExecutionEventBus, executions: ExecutionService, executionId: string, timeoutMs: number): Promise<ExecutionEvent | null> {
  let settle!: (finished: ExecutionEvent | null) => void;
  const finished = new Promise<ExecutionEvent | null>((resolve) => (settle = resolve));
  const unsubscribe = await bus.subscribe(executionId, (event) => {
    if (event.type === "execution.finished") settle(event);
  });
  const timer = setTimeout(() => settle(null), timeoutMs);
  try {
    const remembered = bus.replay?.(executionId, 0);
    const stored = remembered ? (remembered.find((e) => e.type === "execution.finished") ?? null) : await executions.finishedEvent(executionId);
    if (stored) settle(stored);
    return await finished;
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}
