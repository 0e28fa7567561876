import type { ExecutionEvent, ExecutionSummary } from "@fluxo/contracts";
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

export interface EventStreamHandlers {
  /** One message; `false` means it was no progress (a repeat), which leaves the backoff as it is. */
  onMessage(message: { data: string; id: string | undefined; event: string | undefined }): boolean | void;
  /** The server answered (again): the stream is in force from here on. */
  onOpen?(): void;
  onStateChange?(state: StreamState): void;
  /** Sent as Last-Event-ID when (re)connecting; null sends none. */
  lastEventId?(): string | null;
}

/**
 * Follows a Server-Sent Events URL until closed, over fetch rather than EventSource so that
 * reconnection is ours: a dropped connection is retried with exponential backoff (the
 * server's `retry:` taken as the delay), and a 4xx answer (it doesn't exist, or may not be
 * read) is final.
 */
export function followEventStream(url: string, handlers: EventStreamHandlers, options: ExecutionStreamOptions = {}): ExecutionStream {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const sleep = options.sleep ?? abortableSleep;
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const controller = new AbortController();

  let delay = initialDelay;
  let state: StreamState | null = null;
  const setState = (next: StreamState) => {
    if (next === state) return;
    state = next;
    handlers.onStateChange?.(next);
  };

  const connectOnce = async (): Promise<"retry" | "fatal"> => {
    const headers: Record<string, string> = { accept: "text/event-stream" };
    const lastEventId = handlers.lastEventId?.() ?? null;
    if (lastEventId !== null) headers["last-event-id"] = lastEventId;
    const response = await doFetch(url, { headers, signal: controller.signal, cache: "no-store" });
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      return "fatal";
    }
    if (!response.ok || !response.body) return "retry";
    setState("open");
    handlers.onOpen?.();

    const parser = createParser({
      onEvent: (message) => {
        if (controller.signal.aborted) return;
        if (handlers.onMessage({ data: message.data, id: message.id, event: message.event }) !== false) delay = initialDelay;
      },
      onRetry: (ms) => {
        delay = Math.min(Math.max(ms, initialDelay), maxDelay);
      },
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || controller.signal.aborted) break;
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
        outcome = "retry"; // a network error, or the abort of close(), checked next
      }
      if (controller.signal.aborted) return setState("closed");
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

/**
 * Follows `GET /api/executions/:id/events` until `execution.finished`. A reconnect sends
 * `Last-Event-ID` with the last seq seen, and events the server replays again are dropped
 * by seq. A 4xx answer (the execution doesn't exist) is final.
 */
export function followExecutionEvents(
  executionId: string,
  handlers: ExecutionStreamHandlers,
  options: ExecutionStreamOptions = {},
): ExecutionStream {
  let lastSeq: number | null = null;
  const stream = followEventStream(
    `/api/executions/${encodeURIComponent(executionId)}/events`,
    {
      onMessage: ({ data, id }) => {
        let event: ExecutionEvent;
        try {
          event = JSON.parse(data) as ExecutionEvent;
        } catch {
          return false; // a malformed frame is skipped; the next reconnect replays from lastSeq anyway
        }
        const seq = id !== undefined && id !== "" ? Number(id) : event.seq;
        if (lastSeq !== null && seq <= lastSeq) return false;
        lastSeq = seq;
        handlers.onEvent(event);
        if (event.type === "execution.finished") stream.close();
      },
      ...(handlers.onStateChange ? { onStateChange: handlers.onStateChange } : {}),
      lastEventId: () => (lastSeq === null ? null : String(lastSeq)),
    },
    options,
  );
  return stream;
}

export interface FlowExecutionsHandlers {
  /** An execution of the flow was created, or its status changed (a summary as the history lists it). */
  onExecution(summary: ExecutionSummary): void;
  /** (Re)connected: what happened while no stream was open must be read from the list. */
  onOpen?(): void;
  onStateChange?(state: StreamState): void;
}

/** Follows `GET /api/flows/:id/executions/stream` (its executions, live) until closed, reconnecting on a drop. */
export function followFlowExecutions(flowId: string, handlers: FlowExecutionsHandlers, options: ExecutionStreamOptions = {}): ExecutionStream {
  return followExecutionSummaries(`/api/flows/${encodeURIComponent(flowId)}/executions/stream`, handlers, options);
}

/** The same for every flow of the workspace (`GET /api/executions/stream`, the Execuções page). */
export function followWorkspaceExecutions(handlers: FlowExecutionsHandlers, options: ExecutionStreamOptions = {}): ExecutionStream {
  return followExecutionSummaries("/api/executions/stream", handlers, options);
}

function followExecutionSummaries(url: string, handlers: FlowExecutionsHandlers, options: ExecutionStreamOptions): ExecutionStream {
  return followEventStream(
    url,
    {
      onMessage: ({ data, event }) => {
        if (event !== "execution") return false;
        let summary: ExecutionSummary;
        try {
          summary = JSON.parse(data) as ExecutionSummary;
        } catch {
          return false;
        }
        handlers.onExecution(summary);
      },
      ...(handlers.onOpen ? { onOpen: handlers.onOpen } : {}),
      ...(handlers.onStateChange ? { onStateChange: handlers.onStateChange } : {}),
    },
    options,
  );
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
