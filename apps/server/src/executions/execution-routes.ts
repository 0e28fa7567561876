import { problem } from "../http/route-problems.js";
import { ExecutionAcceptedSchema, type ExecutionEnded, ExecutionEndedSchema, ExecutionEventSchema, ExecutionListPageSchema, ExecutionListQuerySchema, ExecutionPageSchema, ExecutionSchema, ExecutionSummarySchema, ExecutionTriggerSchema, PageQuerySchema, RetryLaterProblemSchema, RevealedTokenSchema, StillRunningProblemSchema } from "@fluxo/contracts";
import { z } from "zod";
import type { Principal } from "../auth/permissions.js";
import { notFound, ProblemError } from "../http/problem.js";
import { route, type ApiRoute } from "../routes/api-route.js";
import { streamFlowExecutions, streamWorkspaceExecutions } from "./flow-executions-stream.js";
import { IDEMPOTENCY_WINDOW_HOURS, startOnce } from "./idempotent-runs.js";
import { streamExecutionEvents } from "./sse-stream.js";
import { waitForFinish } from "./wait-for-finish.js";

const IDEMPOTENCY_BUSY = { description: "Another request with this Idempotency-Key (in another API process) is still starting its execution; try again in retryAfter seconds.", schema: RetryLaterProblemSchema };
export const QUEUE_DOWN = "Queue mode: Redis is unreachable, so nothing was stored or started; Retry-After says when to try again.";

/** A person's run is recorded as from the editor; an API key's as from the API. */
const triggerSource = (principal: Principal) => (principal.kind === "user" ? "editor" : "api");

/** Runs of a flow's draft, and the workspace's executions (read, followed live). */
export const EXECUTION_ROUTES: ApiRoute[] = [
  route({
    method: "get",
    path: "/flows/:id/executions",
    access: "read-executions",
    tag: "executions",
    summary: "A flow's executions, newest first",
    query: PageQuerySchema,
    reply: { status: 200, description: "A page of executions.", schema: ExecutionPageSchema },
    handle: ({ deps, workspaceId, param, query }) => deps.flows.executions(workspaceId, param("id"), query),
  }),
  route({
    method: "get",
    path: "/flows/:id/executions/stream",
    access: "read-executions",
    tag: "executions",
    summary: "A flow's executions, live (Server-Sent Events)",
    description:
      "Each message is `event: execution`, `data: <execution summary JSON>`: when an execution of the flow is created (queued), when it starts (running) and when it finishes — " +
      "whether started in the editor, through the gateway or the API. No replay: after (re)connecting, read GET /api/flows/{id}/executions for what came before.",
    reply: { status: 200, description: "text/event-stream of execution summaries; stays open.", events: ExecutionSummarySchema },
    handle: async ({ deps, req, res, workspaceId, param }) => {
      const id = param("id");
      await deps.flows.find(workspaceId, id);
      await streamFlowExecutions(req, res, id, { bus: deps.bus, executions: deps.executions });
    },
  }),
  route({
    method: "post",
    path: "/flows/:id/executions",
    access: "run-flows",
    tag: "executions",
    summary: "Run a flow's draft",
    description: "A person's run is recorded as from the editor; an API key's as from the API. Follow it with GET /api/executions/{id}/events.",
    body: ExecutionTriggerSchema,
    bodyOptional: true,
    idempotent: true,
    reply: { status: 202, description: "Started (or, for a repeated Idempotency-Key, the first request's execution).", schema: ExecutionAcceptedSchema },
    problems: { 409: IDEMPOTENCY_BUSY, 422: `The draft can't run yet (per-step errors, as in the flow's \`problems\`); nothing started. Or: the Idempotency-Key was used in the last ${IDEMPOTENCY_WINDOW_HOURS} h with another request.`, 503: QUEUE_DOWN },
    handle: ({ deps, req, res, principal, workspaceId, param, body }) =>
      startOnce(deps.idempotentRuns, req, res, () => ["run", param("id"), JSON.stringify(body)], () => deps.executions.trigger(workspaceId, param("id"), body.input, triggerSource(principal))),
  }),
  route({
    method: "post",
    path: "/flows/:id/executions/sync",
    access: "run-flows",
    tag: "executions",
    summary: "Run a flow's draft and wait for its end",
    description:
      "Like POST /api/flows/{id}/executions, but answers once the execution ended: its status, duration and error (each step's result: GET /api/executions/{executionId}). " +
      "Waits at most FLUXO_GATEWAY_SYNC_TIMEOUT_MS (29 s by default); then answers 504 with the executionId, and the execution goes on.",
    body: ExecutionTriggerSchema,
    bodyOptional: true,
    idempotent: true,
    reply: { status: 200, description: "Ended (succeeded, failed or interrupted); for a repeated Idempotency-Key, the first request's execution and its result.", schema: ExecutionEndedSchema },
    problems: { 409: IDEMPOTENCY_BUSY, 422: `The draft can't run yet (per-step errors); nothing started. Or: the Idempotency-Key was used in the last ${IDEMPOTENCY_WINDOW_HOURS} h with another request.`, 503: QUEUE_DOWN, 504: { description: "Still running after FLUXO_GATEWAY_SYNC_TIMEOUT_MS; problem+json with its executionId. It goes on.", schema: StillRunningProblemSchema } },
    handle: async ({ deps, req, res, principal, workspaceId, param, body }) => {
      const { executionId } = await startOnce(deps.idempotentRuns, req, res, () => ["run-sync", param("id"), JSON.stringify(body)], () =>
        deps.executions.trigger(workspaceId, param("id"), body.input, triggerSource(principal)),
      );
      const ended = await waitForFinish(deps.bus, deps.executions, executionId, deps.syncTimeoutMs);
      if (!ended) throw new ProblemError(504, "Gateway Timeout", problem("execution.sync_timeout", { id: executionId, limit: deps.syncTimeoutMs }), undefined, { executionId });
      return { executionId, status: ended.status as ExecutionEnded["status"], durationMs: ended.durationMs ?? null, error: ended.error ?? null };
    },
  }),

  // ── executions ──
  route({
    method: "get",
    path: "/executions",
    access: "read-executions",
    tag: "executions",
    summary: "Every flow's executions in the workspace, newest first",
    description: "Filters combine (status, flow, source, a createdAt range [from, to)). Paged by cursor: send the answer's nextCursor for the next, older page.",
    query: ExecutionListQuerySchema,
    reply: { status: 200, description: "A page of executions.", schema: ExecutionListPageSchema },
    problems: { 422: "A filter is not valid: errors[] names it (e.g. path status, from, cursor)." },
    handle: ({ deps, workspaceId, query }) => deps.executions.list(workspaceId, query),
  }),
  route({
    method: "get",
    path: "/executions/stream",
    access: "read-executions",
    tag: "executions",
    summary: "Every flow's executions in the workspace, live (Server-Sent Events)",
    description:
      "Like GET /api/flows/{id}/executions/stream for all the workspace's flows: `event: execution` with an execution summary when one is created, starts and finishes. " +
      "No replay: after (re)connecting, read GET /api/executions.",
    reply: { status: 200, description: "text/event-stream of execution summaries; stays open.", events: ExecutionSummarySchema },
    handle: ({ deps, req, res, workspaceId }) => streamWorkspaceExecutions(req, res, workspaceId, { bus: deps.bus, executions: deps.executions }),
  }),
  route({
    method: "get",
    path: "/executions/:id",
    access: "read-executions",
    tag: "executions",
    summary: "An execution: each step's input, output, error, HTTP exchange and timing",
    description: "A step's access_token comes without its signature; GET …/steps/{stepId}/token reveals it whole.",
    reply: { status: 200, description: "The execution.", schema: ExecutionSchema },
    handle: ({ deps, workspaceId, param }) => deps.executions.get(workspaceId, param("id")),
  }),
  route({
    method: "get",
    path: "/executions/:id/steps/:stepId/token",
    access: "reveal-tokens",
    tag: "executions",
    summary: "The whole access token a step obtained",
    reply: { status: 200, description: "The token (Cache-Control: no-store).", schema: RevealedTokenSchema, headers: { "Cache-Control": "no-store" } },
    problems: { 404: "The step obtained no token." },
    handle: ({ deps, res, workspaceId, param }) => {
      res.set("Cache-Control", "no-store");
      return deps.executions.revealToken(workspaceId, param("id"), param("stepId"));
    },
  }),
  route({
    method: "get",
    path: "/executions/:id/events",
    access: "read-executions",
    tag: "executions",
    summary: "An execution's events, live (Server-Sent Events)",
    description:
      "Stored events first, then live ones; each message is `id: <seq>`, `event: <type>`, `data: <event JSON>`. Resumes after the Last-Event-ID header (or lastEventId). Closes after execution.finished.",
    query: z.object({ lastEventId: z.string().regex(/^\d+$/, "use the seq of the last event received").optional().describe("Like the Last-Event-ID header: only events after this seq.") }),
    reply: { status: 200, description: "text/event-stream of execution events.", events: ExecutionEventSchema },
    handle: async ({ deps, req, res, workspaceId, param }) => {
      const id = param("id");
      if (!(await deps.executions.exists(workspaceId, id))) throw notFound("thing.execution", id);
      await streamExecutionEvents(req, res, id, { bus: deps.bus, executions: deps.executions });
    },
  }),
];
