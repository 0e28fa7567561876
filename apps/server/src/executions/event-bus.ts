import { EventEmitter } from "node:events";
import type { ExecutionEvent } from "@fluxo/contracts";
import type { EventSink } from "@fluxo/engine";

export type EventListener = (event: ExecutionEvent) => void;

/**
 * Live execution events by execution id. The database is the record; a bus only relays.
 * `subscribe` resolves once the subscription is in force, so a reader that subscribes
 * first and then replays from the database misses nothing.
 */
export interface ExecutionEventBus extends EventSink {
  subscribe(executionId: string, listener: EventListener): Promise<() => void>;
}

/** Single mode: the events of the executions this process runs. */
export class EventBus implements ExecutionEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open SSE stream; many browsers may follow one execution.
    this.emitter.setMaxListeners(0);
  }

  publish(event: ExecutionEvent): void {
    this.emitter.emit(event.executionId, event);
  }

  async subscribe(executionId: string, listener: EventListener): Promise<() => void> {
    this.emitter.on(executionId, listener);
    return () => this.emitter.off(executionId, listener);
  }
}
