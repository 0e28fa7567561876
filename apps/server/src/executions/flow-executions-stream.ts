import type { Request, Response } from "express";
import { EXECUTION_STAGE, isFinishedStatus, type ExecutionEvent, type ExecutionStatus, type ExecutionSummary } from "@fluxo/contracts";
import { startEventStream, startHeartbeat } from "../http/event-stream.js";
import { closeOnRevocation } from "../auth/revocation.js";
import type { ExecutionCreatedListener, ExecutionEventBus } from "./event-bus.js";
import type { ExecutionService } from "./execution-service.js";

/**
 * Server-Sent Events for a flow's history panel: one `execution` message (an
 * ExecutionSummary) when an execution of the flow is created, again when it starts, and
 * when it finishes — wherever it was triggered (editor, gateway, API) and wherever it runs
 * (this process or a queue worker). No replay: a client that (re)connects refetches the list.
 *
 * Built on the execution event bus: a new execution is announced on the flow's channel by
 * the process that created it; this stream then follows that execution's own events, and
 * reads its stored state once subscribed (events are stored before they are published), so
 * a change made in between isn't missed.
 */
export function streamFlowExecutions(req: Request, res: Response, flowId: string, deps: { bus: ExecutionEventBus; executions: ExecutionService }): Promise<void> {
  return streamExecutionSummaries(req, res, (listener) => deps.bus.subscribeFlow(flowId, listener), deps);
}

/** The same for every flow of a workspace (the Execuções page). */
export function streamWorkspaceExecutions(req: Request, res: Response, workspaceId: string, deps: { bus: ExecutionEventBus; executions: ExecutionService }): Promise<void> {
  return streamExecutionSummaries(req, res, (listener) => deps.bus.subscribeWorkspace(workspaceId, listener), deps);
}

/** Follows the executions `subscribeCreated` announces, sending each one's summary as it moves on. */
async function streamExecutionSummaries(
  req: Request,
  res: Response,
  subscribeCreated: (listener: ExecutionCreatedListener) => Promise<() => void>,
  deps: { bus: ExecutionEventBus; executions: ExecutionService },
): Promise<void> {
  /** The executions being followed until they finish: the last summary sent, and how to stop. */
  const following = new Map<string, { summary: ExecutionSummary; unsubscribe: () => void }>();
  let closed = false;
  let unsubscribeFlow = () => {};
  let heartbeat: NodeJS.Timeout | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribeFlow();
    for (const { unsubscribe } of following.values()) unsubscribe();
    following.clear();
    res.end();
  };

  /** Sends `next` if it is further along (a summary is only ever replaced by one further along) than what was sent for that execution; stops following a finished one. */
  const advance = (next: ExecutionSummary) => {
    const entry = following.get(next.id);
    if (closed || !entry || EXECUTION_STAGE[next.status] <= EXECUTION_STAGE[entry.summary.status]) return;
    entry.summary = next;
    res.write(`event: execution\ndata: ${JSON.stringify(next)}\n\n`);
    if (isFinishedStatus(next.status)) {
      following.delete(next.id);
      entry.unsubscribe();
    }
  };

  const onEvent = (event: ExecutionEvent) => {
    const current = following.get(event.executionId)?.summary;
    if (!current) return;
    if (event.type === "execution.started") advance({ ...current, status: "running", startedAt: event.at });
    else if (event.type === "execution.finished" && event.status) {
      const startedAt = current.startedAt ?? event.at;
      const durationMs = event.durationMs ?? new Date(event.at).getTime() - new Date(startedAt).getTime();
      advance({ ...current, status: event.status as ExecutionStatus, startedAt, finishedAt: event.at, durationMs });
    }
  };

  const onCreated = async (created: ExecutionSummary) => {
    if (closed || following.has(created.id)) return;
    const entry = { summary: created, unsubscribe: () => {} };
    following.set(created.id, entry);
    res.write(`event: execution\ndata: ${JSON.stringify(created)}\n\n`);
    try {
      const unsubscribe = await deps.bus.subscribe(created.id, onEvent);
      if (closed || following.get(created.id) !== entry) return unsubscribe();
      entry.unsubscribe = unsubscribe;
      // Subscribed: whatever it did before that is stored, and what follows arrives as events.
      const stored = await deps.executions.summary(created.id);
      if (stored) advance(stored);
    } catch {
      // Lost track of this one (Redis or the database hiccuped): the client's next refetch shows it.
      following.get(created.id)?.unsubscribe();
      following.delete(created.id);
    }
  };

  req.on("close", close);
  const stopWatching = await closeOnRevocation(deps.bus, req.principal, close);
  // An announcement may arrive along with the subscription's confirmation: held until the headers are out.
  let early: ExecutionSummary[] | null = [];
  const unsubscribe = await subscribeCreated((summary) => (early ? early.push(summary) : void onCreated(summary)));
  unsubscribeFlow = () => {
    unsubscribe();
    stopWatching();
  };
  if (closed) return unsubscribeFlow();

  // Subscribed before answering: once the client sees the stream open, no new execution slips by.
  startEventStream(res);
  res.write("retry: 2000\n\n");
  heartbeat = startHeartbeat(res);
  const held = early;
  early = null;
  for (const summary of held) void onCreated(summary);
}
