import type { Request, Response } from "express";
import type { ExecutionEvent } from "@fluxo/contracts";
import { closeOnRevocation } from "../auth/revocation.js";
import { startEventStream, startHeartbeat } from "../http/event-stream.js";
import type { ExecutionEventBus } from "./event-bus.js";
import type { ExecutionService } from "./execution-service.js";


/**
 * Server-Sent Events for one execution: stored events after Last-Event-ID first, then
 * live ones, closing after `execution.finished`. It subscribes before reading the
 * database, and events are stored before they're published, so nothing falls between.
 */
export async function streamExecutionEvents(req: Request, res: Response, executionId: string, deps: { bus: ExecutionEventBus; executions: ExecutionService }): Promise<void> {
  const lastEventId = Number(req.header("last-event-id") ?? req.query.lastEventId ?? 0);
  let lastSent = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0;
  let closed = false;
  let replaying = true;
  const pending: ExecutionEvent[] = [];

  let unsubscribe = () => {};
  const close = (last?: string) => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    res.end(last);
  };
  // Events published together (a change announced by two events) leave in one write: the
  // response stays corked until the end of the tick. The last one goes out with the end.
  let corked = false;
  const send = (event: ExecutionEvent) => {
    if (closed || event.seq <= lastSent) return;
    lastSent = event.seq;
    const text = `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
    if (event.type === "execution.finished") return close(text);
    if (!replaying && !corked) {
      corked = true;
      res.cork();
      process.nextTick(() => {
        corked = false;
        if (!closed) res.uncork();
      });
    }
    res.write(text);
  };

  const heartbeat = startHeartbeat(res);
  req.on("close", () => close());
  const stopWatching = await closeOnRevocation(deps.bus, req.principal, () => close());
  const unsubscribeNow = await deps.bus.subscribe(executionId, (event) => (replaying ? pending.push(event) : send(event)));
  unsubscribe = () => {
    unsubscribeNow();
    stopWatching();
  };
  if (closed) return unsubscribe();

  startEventStream(res);
  // Headers, the retry hint and the replayed events leave together (the socket is corked until then).
  res.cork();
  res.write("retry: 2000\n\n");

  try {
    // Subscribed above: whatever is published from then on is also in `pending` (repeats are skipped by seq).
    // The bus answers from memory when it holds the whole execution; otherwise the database does.
    const stored = deps.bus.replay?.(executionId, lastSent) ?? (await deps.executions.eventsAfter(executionId, lastSent));
    for (const event of stored) send(event);
  } catch (error) {
    close();
    throw error;
  } finally {
    res.uncork();
  }
  replaying = false;
  for (const event of pending.sort((a, b) => a.seq - b.seq)) send(event);
}
