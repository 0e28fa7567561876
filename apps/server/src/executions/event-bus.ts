import { EventEmitter } from "node:events";
import type { ExecutionEvent } from "@fluxo/contracts";
import type { EventSink } from "@fluxo/engine";

/** Live execution events inside this process, by execution id. The database is the record; this only relays. */
export class EventBus implements EventSink {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open SSE stream; many browsers may follow one execution.
    this.emitter.setMaxListeners(0);
  }

  publish(event: ExecutionEvent): void {
    this.emitter.emit(event.executionId, event);
  }

  subscribe(executionId: string, listener: (event: ExecutionEvent) => void): () => void {
    this.emitter.on(executionId, listener);
    return () => this.emitter.off(executionId, listener);
  }
}
