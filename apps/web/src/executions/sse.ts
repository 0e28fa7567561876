import type { ExecutionEvent } from "@fluxo/contracts";
import { createParser } from "eventsource-parser";

export type StreamState = "connecting" | "open" | "reconnecting" | "closed" | "failed";

export interface ExecutionStreamHandlers {
  onEvent(event: ExecutionEvent): void;
  onStateChange?(state: StreamState): void;
}

export interface ExecutionStreamOptions {
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Waits between reconnection attempts; injected in tests to skip real time. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface ExecutionStream {
  close(): void;
}

/**
 * Follows `GET /api/executions/:id/events` until `execution.finished`.
 *
 * Built over fetch rather than EventSource so that reconnection is ours: a dropped
 * connection is retried with exponential backoff, sending `Last-Event-ID` with the last
 * seq seen, and events the server replays again are dropped by seq. A 4xx answer (the
 * execution doesn't exist) is final.
 */
export function followExecutionEvents(
  executionId: string,
  handlers: ExecutionStreamHandlers,
  options: ExecutionStreamOptions = {},
): ExecutionStream {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = options.sleep ?? abortableSleep;
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const controller = new AbortController();
  const url = `/api/executions/${encodeURIComponent(executionId)}/events`;

  let lastSeq: number | null = null;
  let finished = false;
  let delay = initialDelay;
  let state: StreamState | null = null;
  const setState = (next: StreamState) => {
    if (next === state) return;
    state = next;
    handlers.onStateChange?.(next);
  };

  const deliver = (data: string, id: string | undefined) => {
    let event: ExecutionEvent;
    try {
      event = JSON.parse(data) as ExecutionEvent;
    } catch {
      return; // a malformed frame is skipped; the next reconnect replays from lastSeq anyway
    }
    const seq = id !== undefined && id !== "" ? Number(id) : event.seq;
    if (lastSeq !== null && seq <= lastSeq) return;
    lastSeq = seq;
    delay = initialDelay;
    handlers.onEvent(event);
    if (event.type === "execution.finished") {
      finished = true;
      controller.abort();
    }
  };

  const connectOnce = async (): Promise<"retry" | "fatal"> => {
    const headers: Record<string, string> = { accept: "text/event-stream" };
    if (lastSeq !== null) headers["last-event-id"] = String(lastSeq);
    const response = await doFetch(url, { headers, signal: controller.signal, cache: "no-store" });
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      return "fatal";
    }
    if (!response.ok || !response.body) return "retry";
    setState("open");

    const parser = createParser({
      onEvent: (message) => deliver(message.data, message.id),
      onRetry: (ms) => {
        delay = Math.min(Math.max(ms, initialDelay), maxDelay);
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || finished) break;
        parser.feed(value);
      }
    } finally {
      reader.releaseLock();
    }
    return "retry";
  };

  const run = async () => {
    setState("connecting");
    for (;;) {
      let outcome: "retry" | "fatal";
      try {
        outcome = await connectOnce();
      } catch {
        outcome = "retry"; // a network error, or the abort of close()/finish, checked next
      }
      if (finished || controller.signal.aborted) return setState("closed");
      if (outcome === "fatal") return setState("failed");
      setState("reconnecting");
      try {
        await sleep(delay, controller.signal);
      } catch {
        return setState("closed");
      }
      delay = Math.min(delay * 2, maxDelay);
    }
  };
  void run();

  return {
    close() {
      controller.abort();
    },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
