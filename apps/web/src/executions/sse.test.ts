import type { ExecutionEvent, ExecutionSummary } from "@fluxo/contracts";
import { describe, expect, it, vi } from "vitest";
import { followExecutionEvents, followFlowExecutions, type StreamState } from "./sse.js";

function frame(event: Partial<ExecutionEvent> & Pick<ExecutionEvent, "seq" | "type">): string {
  const full: ExecutionEvent = { executionId: "ex1", at: "2025-01-01T00:00:00.000Z", ...event };
  return `id: ${full.seq}\nevent: ${full.type}\ndata: ${JSON.stringify(full)}\n\n`;
}

/** A fake server: each connection is a script of chunks, ending in a drop or a clean close. */
function fakeServer(connections: { status?: number; chunks: string[]; end: "drop" | "close" | "hang" }[]) {
  const requests: { url: string; lastEventId: string | null }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    requests.push({ url: String(input), lastEventId: headers.get("last-event-id") });
    const script = connections.shift();
    if (!script) throw new TypeError("connection refused");
    const encoder = new TextEncoder();
    const pending = [...script.chunks];
    // pull() hands out one chunk at a time, so a drop happens after the chunks were read
    // (erroring a stream discards what is still queued).
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        init?.signal?.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
      },
      pull(controller) {
        const chunk = pending.shift();
        if (chunk !== undefined) return controller.enqueue(encoder.encode(chunk));
        if (script.end === "drop") controller.error(new TypeError("network error"));
        if (script.end === "close") controller.close();
        return new Promise<void>(() => {}); // "hang": an open connection with nothing to say
      },
    });
    return new Response(script.status && script.status >= 400 ? null : body, {
      status: script.status ?? 200,
      headers: { "content-type": "text/event-stream" },
    });
  });
  return { fetchFn, requests };
}

function collect() {
  const events: ExecutionEvent[] = [];
  const states: StreamState[] = [];
  const delays: number[] = [];
  let resolveEnd!: () => void;
  const ended = new Promise<void>((resolve) => (resolveEnd = resolve));
  return {
    events,
    states,
    delays,
    ended,
    handlers: {
      onEvent: (e: ExecutionEvent) => events.push(e),
      onStateChange: (s: StreamState) => {
        states.push(s);
        if (s === "closed" || s === "failed") resolveEnd();
      },
    },
    sleep: async (ms: number) => {
      delays.push(ms);
    },
  };
}

describe("followExecutionEvents", () => {
  it("reconnects with Last-Event-ID after a drop and delivers each event once", async () => {
    const server = fakeServer([
      { chunks: [frame({ seq: 1, type: "execution.started" }), frame({ seq: 2, type: "step.started", stepId: "credentials" }).slice(0, 20)], end: "drop" },
      {
        // the server replays from the id it was given; seq 1 again must not be delivered twice
        chunks: [
          frame({ seq: 1, type: "execution.started" }),
          frame({ seq: 2, type: "step.started", stepId: "credentials" }),
          frame({ seq: 3, type: "step.succeeded", stepId: "credentials", durationMs: 42 }),
          frame({ seq: 4, type: "execution.finished", status: "succeeded" }),
        ],
        end: "hang",
      },
    ]);
    const c = collect();
    followExecutionEvents("ex1", c.handlers, { fetch: server.fetchFn, sleep: c.sleep });
    await c.ended;

    expect(c.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(server.requests).toEqual([
      { url: "/api/executions/ex1/events", lastEventId: null },
      { url: "/api/executions/ex1/events", lastEventId: "1" },
    ]);
    expect(c.states).toEqual(["connecting", "open", "reconnecting", "open", "closed"]);
  });

  it("backs off exponentially while the server is unreachable, and resets after an event", async () => {
    const server = fakeServer([
      { chunks: [frame({ seq: 1, type: "execution.started" })], end: "close" },
      { status: 503, chunks: [], end: "close" },
      { status: 503, chunks: [], end: "close" },
      { chunks: [frame({ seq: 2, type: "step.started" })], end: "drop" },
      { chunks: [frame({ seq: 3, type: "execution.finished", status: "failed" })], end: "hang" },
    ]);
    const c = collect();
    followExecutionEvents("ex1", c.handlers, { fetch: server.fetchFn, sleep: c.sleep, initialDelayMs: 100, maxDelayMs: 1000 });
    await c.ended;

    expect(c.delays).toEqual([100, 200, 400, 100]);
    expect(server.requests.map((r) => r.lastEventId)).toEqual([null, "1", "1", "1", "2"]);
    expect(c.events.at(-1)?.status).toBe("failed");
  });

  it("honours the server's retry: field as the reconnection delay", async () => {
    const server = fakeServer([
      { chunks: ["retry: 2500\n\n", frame({ seq: 1, type: "execution.started" })], end: "drop" },
      { chunks: [frame({ seq: 2, type: "execution.finished", status: "succeeded" })], end: "hang" },
    ]);
    const c = collect();
    followExecutionEvents("ex1", c.handlers, { fetch: server.fetchFn, sleep: c.sleep, initialDelayMs: 100 });
    await c.ended;
    expect(c.delays).toEqual([100]); // an event after retry: resets the delay to the initial one
  });

  it("stops without retrying when the execution doesn't exist", async () => {
    const server = fakeServer([{ status: 404, chunks: [], end: "close" }]);
    const c = collect();
    followExecutionEvents("missing", c.handlers, { fetch: server.fetchFn, sleep: c.sleep });
    await c.ended;
    expect(c.states.at(-1)).toBe("failed");
    expect(server.fetchFn).toHaveBeenCalledTimes(1);
  });

  it("close() ends the stream and no event is delivered afterwards", async () => {
    const server = fakeServer([{ chunks: [frame({ seq: 1, type: "execution.started" })], end: "hang" }]);
    const c = collect();
    const stream = followExecutionEvents("ex1", c.handlers, { fetch: server.fetchFn, sleep: c.sleep });
    await vi.waitFor(() => expect(c.events).toHaveLength(1));
    stream.close();
    await c.ended;
    expect(c.states.at(-1)).toBe("closed");
    expect(server.fetchFn).toHaveBeenCalledTimes(1);
  });
});

describe("followFlowExecutions", () => {
  const summary = (id: string, status: ExecutionSummary["status"]): ExecutionSummary => ({
    id,
    flowId: "f1",
    flowVersion: 1,
    draft: true,
    draftSavedAt: "2026-12-06T17:36:00.000Z",
    triggerSource: "gateway",
    status,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    createdAt: "2025-01-01T00:00:00.000Z",
  });
  const message = (s: ExecutionSummary) => `event: execution\ndata: ${JSON.stringify(s)}\n\n`;

  it("hands out each summary, tells every (re)connection so the list can be read again, and keeps going after a drop", async () => {
    const server = fakeServer([
      { chunks: ["retry: 2000\n\n", message(summary("e1", "queued")), ": keep-alive\n\n", message(summary("e1", "running"))], end: "drop" },
      { chunks: [message(summary("e1", "succeeded"))], end: "hang" },
    ]);
    const got: string[] = [];
    const states: StreamState[] = [];
    let opens = 0;
    const stream = followFlowExecutions(
      "f1",
      { onExecution: (s) => got.push(`${s.id}:${s.status}`), onOpen: () => opens++, onStateChange: (s) => states.push(s) },
      { fetch: server.fetchFn, sleep: async () => {} },
    );
    await vi.waitFor(() => expect(got).toEqual(["e1:queued", "e1:running", "e1:succeeded"]));
    expect(opens).toBe(2);
    expect(server.requests).toEqual([
      { url: "/api/flows/f1/executions/stream", lastEventId: null },
      { url: "/api/flows/f1/executions/stream", lastEventId: null },
    ]);
    stream.close();
    await vi.waitFor(() => expect(states.at(-1)).toBe("closed"));
    expect(states).toEqual(["connecting", "open", "reconnecting", "open", "closed"]);
  });

  it("gives up on a 403 or 404 (no permission, or the flow is gone)", async () => {
    const server = fakeServer([{ status: 403, chunks: [], end: "close" }]);
    const states: StreamState[] = [];
    followFlowExecutions("f1", { onExecution: () => {}, onStateChange: (s) => states.push(s) }, { fetch: server.fetchFn, sleep: async () => {} });
    await vi.waitFor(() => expect(states.at(-1)).toBe("failed"));
    expect(server.fetchFn).toHaveBeenCalledTimes(1);
  });
});
