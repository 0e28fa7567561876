import type { ExecutionEvent, ExecutionSummary } from "@fluxo/contracts";
import type { Redis } from "ioredis";
import type { Revocation, RevocationListener } from "../auth/revocation.js";
import type { Logger } from "../logger.js";
import type { EventListener, ExecutionCreatedListener, ExecutionEventBus } from "../executions/event-bus.js";

type MessageListener = (message: unknown) => void;

/**
 * Queue mode: workers publish each stored event on the execution's Redis channel; the API
 * instance holding a browser's SSE stream subscribes to that channel (one Redis connection
 * for all its streams). A new execution is announced on its flow's channel by the API
 * instance that created it, so a history panel open on any instance hears of it.
 * Events carry no secrets (errors are scrubbed, tokens are not in events).
 */
export class RedisEventBus implements ExecutionEventBus {
  /** Listeners by full channel name; one Redis SUBSCRIBE per channel, however many listen. */
  private readonly listeners = new Map<string, Set<MessageListener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private readonly eventsPrefix: string;
  private readonly flowsPrefix: string;
  private readonly workspacesPrefix: string;
  private readonly revocationsChannel: string;

  constructor(
    prefix: string,
    private readonly publisher: Redis,
    /** A connection in subscriber mode; null for a process that only publishes (a worker). */
    private readonly subscriber: Redis | null,
    private readonly logger: Logger,
  ) {
    this.eventsPrefix = `${prefix}:events:`;
    this.flowsPrefix = `${prefix}:flow-executions:`;
    this.workspacesPrefix = `${prefix}:workspace-executions:`;
    this.revocationsChannel = `${prefix}:revocations`;
    subscriber?.on("message", (channel: string, message: string) => {
      const listeners = this.listeners.get(channel);
      if (!listeners) return;
      const parsed: unknown = JSON.parse(message);
      for (const listener of listeners) listener(parsed);
    });
  }

  publish(event: ExecutionEvent): void {
    this.send(this.eventsPrefix + event.executionId, event, event.executionId);
  }

  async subscribe(executionId: string, listener: EventListener): Promise<() => void> {
    return this.follow(this.eventsPrefix + executionId, listener as MessageListener);
  }

  announce(summary: ExecutionSummary, workspaceId: string): void {
    this.send(this.flowsPrefix + summary.flowId, summary, summary.id);
    this.send(this.workspacesPrefix + workspaceId, summary, summary.id);
  }

  async subscribeFlow(flowId: string, listener: ExecutionCreatedListener): Promise<() => void> {
    return this.follow(this.flowsPrefix + flowId, listener as MessageListener);
  }

  async subscribeWorkspace(workspaceId: string, listener: ExecutionCreatedListener): Promise<() => void> {
    return this.follow(this.workspacesPrefix + workspaceId, listener as MessageListener);
  }

  revoke(revocation: Revocation): void {
    this.publisher.publish(this.revocationsChannel, JSON.stringify(revocation)).catch((error: unknown) => {
      // The principal is invalid in the database already: new requests are refused; only streams other processes hold stay open.
      this.logger.warn({ err: error, revocation: revocation.kind }, "could not publish a revocation; streams in other API processes stay open until they reconnect");
    });
  }

  async subscribeRevocations(listener: RevocationListener): Promise<() => void> {
    return this.follow(this.revocationsChannel, listener as MessageListener);
  }

  private send(channel: string, message: unknown, executionId: string): void {
    this.publisher.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
      // The execution is stored; followers catch up from the database when they reconnect.
      this.logger.warn({ err: error, executionId }, "could not publish an execution event");
    });
  }

  private async follow(channel: string, listener: MessageListener): Promise<() => void> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new Error("this process only publishes execution events");
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      this.subscribed.set(channel, subscriber.subscribe(channel));
    }
    listeners.add(listener);
    await this.subscribed.get(channel);
    const own = listeners;
    return () => {
      own.delete(listener);
      if (own.size > 0 || this.listeners.get(channel) !== own) return;
      this.listeners.delete(channel);
      this.subscribed.delete(channel);
      subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }
}
