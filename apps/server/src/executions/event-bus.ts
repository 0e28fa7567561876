import { EventEmitter } from "node:events";
import type { ExecutionEvent, ExecutionSummary } from "@fluxo/contracts";
import type { EventSink } from "@fluxo/engine";
import type { RevocationListener, Revocation } from "../auth/revocation.js";

export type EventListener = (event: ExecutionEvent) => void;
export type ExecutionCreatedListener = (summary: ExecutionSummary) => void;

/**
 * Live execution events by execution id. The database is the record; a bus only relays.
 * `subscribe` resolves once the subscription is in force, so a reader that subscribes
 * first and then replays from the database misses nothing.
 */
export interface ExecutionEventBus extends EventSink {
  subscribe(executionId: string, listener: EventListener): Promise<() => void>;
  /**
   * The events after `afterSeq` when this bus holds every event of the execution so far
   * (so the database needn't be read); null when it can't vouch for that.
   */
  replay?(executionId: string, afterSeq: number): ExecutionEvent[] | null;
  /**
   * Tells whoever follows the flow (in any API process) that an execution of it was just
   * created. Its later changes travel as its own events (subscribe to the execution).
   */
  announce(summary: ExecutionSummary, workspaceId: string): void;
  /** Executions created for `flowId` from now on; resolves once the subscription is in force. */
  subscribeFlow(flowId: string, listener: ExecutionCreatedListener): Promise<() => void>;
  /** Tells every API process that a principal stopped being valid, so its open streams close. */
  revoke(revocation: Revocation): void;
  /** Revocations from now on (this process's and the others'); resolves once the subscription is in force. */
  subscribeRevocations(listener: RevocationListener): Promise<() => void>;
  /** Executions created for any flow of the workspace from now on (the Execuções page). */
  subscribeWorkspace(workspaceId: string, listener: ExecutionCreatedListener): Promise<() => void>;
}

/** How long the events of an execution this process ran stay in memory for `replay`. */
const HISTORY_MS = 10_000;

/**
 * Single mode: the events of the executions this process runs. It also keeps each recent
 * execution's events — only those it saw from the first one on, which were stored before
 * being published — so a stream opened while (or just after) the execution runs replays
 * them from memory instead of reading the database.
 */
export class EventBus implements ExecutionEventBus {
  private readonly emitter = new EventEmitter();
  /** Keyed by flow id; apart from `emitter`, whose keys are execution ids. */
  private readonly flows = new EventEmitter();
  /** Keyed by workspace id. */
  private readonly workspaces = new EventEmitter();
  /** One event name: every open stream listens for its principal's revocation. */
  private readonly revocations = new EventEmitter();
  /** Two generations, swapped every HISTORY_MS: an entry lives between one and two periods. */
  private current = new Map<string, ExecutionEvent[]>();
  private previous = new Map<string, ExecutionEvent[]>();
  private readonly rotation: NodeJS.Timeout;

  constructor() {
    // One listener per open SSE stream; many browsers may follow one execution.
    this.emitter.setMaxListeners(0);
    this.flows.setMaxListeners(0);
    this.workspaces.setMaxListeners(0);
    this.revocations.setMaxListeners(0);
    this.rotation = setInterval(() => {
      // Executions still running move on to the new generation when they publish again.
      this.previous = this.current;
      this.current = new Map();
    }, HISTORY_MS).unref();
  }

  publish(event: ExecutionEvent): void {
    this.remember(event);
    this.emitter.emit(event.executionId, event);
  }

  async subscribe(executionId: string, listener: EventListener): Promise<() => void> {
    this.emitter.on(executionId, listener);
    return () => this.emitter.off(executionId, listener);
  }

  announce(summary: ExecutionSummary, workspaceId: string): void {
    this.flows.emit(summary.flowId, summary);
    this.workspaces.emit(workspaceId, summary);
  }

  async subscribeFlow(flowId: string, listener: ExecutionCreatedListener): Promise<() => void> {
    this.flows.on(flowId, listener);
    return () => this.flows.off(flowId, listener);
  }

  async subscribeWorkspace(workspaceId: string, listener: ExecutionCreatedListener): Promise<() => void> {
    this.workspaces.on(workspaceId, listener);
    return () => this.workspaces.off(workspaceId, listener);
  }

  revoke(revocation: Revocation): void {
    this.revocations.emit("revoked", revocation);
  }

  async subscribeRevocations(listener: RevocationListener): Promise<() => void> {
    this.revocations.on("revoked", listener);
    return () => this.revocations.off("revoked", listener);
  }

  replay(executionId: string, afterSeq: number): ExecutionEvent[] | null {
    const history = this.current.get(executionId) ?? this.previous.get(executionId);
    return history ? history.filter((e) => e.seq > afterSeq) : null;
  }

  close(): void {
    clearInterval(this.rotation);
  }

  private remember(event: ExecutionEvent): void {
    const id = event.executionId;
    let history = this.current.get(id);
    if (!history) {
      const older = this.previous.get(id);
      if (older) {
        this.previous.delete(id);
        history = older;
      } else if (event.seq === 1) {
        history = [];
      } else {
        return; // seen from the middle (a re-run, or history already dropped): not complete
      }
      this.current.set(id, history);
    }
    if (history.length > 0 && history.at(-1)!.seq !== event.seq - 1) {
      // Not contiguous (can't happen for an execution run here): stop vouching for it.
      this.current.delete(id);
      return;
    }
    history.push(event);
  }
}
