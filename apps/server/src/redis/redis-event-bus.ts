import type { ExecutionEvent } from "@fluxo/contracts";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import type { EventListener, ExecutionEventBus } from "../executions/event-bus.js";

/**
 * Queue mode: workers publish each stored event on the execution's Redis channel; the API
 * instance holding a browser's SSE stream subscribes to that channel (one Redis connection
 * for all its streams). Events carry no secrets (errors are scrubbed, tokens are not in events).
 */
export class RedisEventBus implements ExecutionEventBus {
  private readonly listeners = new Map<string, Set<EventListener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();
  private readonly channelPrefix: string;

  constructor(
    prefix: string,
    private readonly publisher: Redis,
    /** A connection in subscriber mode; null for a process that only publishes (a worker). */
    private readonly subscriber: Redis | null,
    private readonly logger: Logger,
  ) {
    this.channelPrefix = `${prefix}:events:`;
    subscriber?.on("message", (channel: string, message: string) => {
      const listeners = this.listeners.get(channel.slice(this.channelPrefix.length));
      if (!listeners) return;
      const event = JSON.parse(message) as ExecutionEvent;
      for (const listener of listeners) listener(event);
    });
  }

  publish(event: ExecutionEvent): void {
    this.publisher.publish(this.channelPrefix + event.executionId, JSON.stringify(event)).catch((error: unknown) => {
      // The event is stored; followers catch up from the database when they reconnect.
      this.logger.warn({ err: error, executionId: event.executionId }, "could not publish an execution event");
    });
  }

  async subscribe(executionId: string, listener: EventListener): Promise<() => void> {
    const subscriber = this.subscriber;
    if (!subscriber) throw new Error("this process only publishes execution events");
    let listeners = this.listeners.get(executionId);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(executionId, listeners);
      this.subscribed.set(executionId, subscriber.subscribe(this.channelPrefix + executionId));
    }
    listeners.add(listener);
    await this.subscribed.get(executionId);
    const own = listeners;
    return () => {
      own.delete(listener);
      if (own.size > 0 || this.listeners.get(executionId) !== own) return;
      this.listeners.delete(executionId);
      this.subscribed.delete(executionId);
      subscriber.unsubscribe(this.channelPrefix + executionId).catch(() => undefined);
    };
  }
}
