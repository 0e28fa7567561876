import { FlowScheduleSchema, NEXT_RUNS_SHOWN, ScheduleUpdateSchema } from "@fluxo/contracts";
import { route, type ApiRoute } from "../routes/api-route.js";

const REDIS_DOWN = "Queue mode: Redis (the Agendador's job schedulers) is unreachable; nothing was changed. Retry-After says when to try again.";

/** The Agendador's routes. */
export const SCHEDULE_ROUTES: ApiRoute[] = [
  route({
    method: "get",
    path: "/flows/:id/schedule",
    access: "read",
    tag: "schedules",
    summary: "A flow's schedule, with its next fire times",
    reply: { status: 200, description: `The schedule and its next ${NEXT_RUNS_SHOWN} fire times (ISO, UTC; none while disabled).`, schema: FlowScheduleSchema },
    problems: { 404: "The flow doesn't exist, or has no schedule." },
    handle: ({ deps, workspaceId, param }) => deps.schedules.get(workspaceId, param("id")),
  }),
  route({
    method: "put",
    path: "/flows/:id/schedule",
    access: "schedule-flows",
    tag: "schedules",
    summary: "Schedule a published flow (create or change its schedule)",
    description:
      "The latest published version runs at each fire time with `input` as its trigger input, recorded with source `schedule` — never the draft. " +
      'The cron has five fields (minute hour day-of-month month day-of-week) or six with seconds first ("*/10 * * * * *"), read in `timezone` (IANA; default America/Sao_Paulo). ' +
      "API keys can't schedule. Deleting the flow deletes its schedule.",
    body: ScheduleUpdateSchema,
    reply: { status: 200, description: "The schedule as saved, with its next fire times.", schema: FlowScheduleSchema },
    problems: { 403: "An API key, or a viewer: scheduling needs a member (or higher) signed in.", 409: "The flow was never published: publish it first.", 422: "The cron or the time zone is invalid: errors[] names the field (cron, timezone) and says why.", 503: REDIS_DOWN },
    handle: ({ deps, principal, param, body }) => deps.schedules.put(principal, param("id"), body),
  }),
  route({
    method: "delete",
    path: "/flows/:id/schedule",
    access: "schedule-flows",
    tag: "schedules",
    summary: "Remove a flow's schedule (no more scheduled runs)",
    reply: { status: 204, description: "Removed; runs already started go on." },
    problems: { 404: "The flow doesn't exist, or has no schedule.", 503: REDIS_DOWN },
    handle: ({ deps, workspaceId, param }) => deps.schedules.delete(workspaceId, param("id")),
  }),
];
