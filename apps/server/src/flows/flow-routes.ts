import { DraftConflictProblemSchema, FlowCreateSchema, FlowListItemSchema, FlowSchema, FlowUpdateSchema } from "@fluxo/contracts";
import { z } from "zod";
import { route, type ApiRoute } from "../routes/api-route.js";
import { requestLanguage } from "../http/request-language.js";
import { flowIn } from "./flow-service.js";

/** Flows and their drafts. */
export const FLOW_ROUTES: ApiRoute[] = [
  route({
    method: "get",
    path: "/flows",
    access: "read",
    tag: "flows",
    summary: "The workspace's flows, each with its last execution",
    reply: { status: 200, description: "The flows (without definitions).", schema: z.array(FlowListItemSchema) },
    handle: ({ deps, workspaceId }) => deps.flows.list(workspaceId),
  }),
  route({
    method: "post",
    path: "/flows",
    access: "edit-flows",
    tag: "flows",
    summary: "Create a flow",
    description: "Without `slug`, one is made from the name (numbered when taken).",
    body: FlowCreateSchema,
    reply: { status: 201, description: "The flow.", schema: FlowSchema },
    problems: { 409: "Another flow of the workspace has that slug." },
    handle: async ({ deps, req, principal, workspaceId, body }) => flowIn(await deps.flows.create(workspaceId, body, principal), requestLanguage(req)),
  }),
  route({
    method: "get",
    path: "/flows/:id",
    access: "read",
    tag: "flows",
    summary: "A flow with its draft definition",
    reply: { status: 200, description: "The flow.", schema: FlowSchema },
    handle: async ({ deps, req, workspaceId, param }) => flowIn(await deps.flows.get(workspaceId, param("id")), requestLanguage(req)),
  }),
  route({
    method: "put",
    path: "/flows/:id",
    access: "edit-flows",
    tag: "flows",
    summary: "Save a flow's draft",
    description:
      "A draft saves unfinished (empty required fields, no connection yet, expressions still being written): the answer lists what stops it from running in `problems`. " +
      "Only a meaningless definition (unknown connector or operation, an edge to a missing step, a cycle, two steps with one id) is refused with 422, nothing saved. " +
      "A save that changes nothing writes nothing.",
    body: FlowUpdateSchema,
    reply: { status: 200, description: "The flow.", schema: FlowSchema },
    problems: { 409: { description: "`version` is stale (the flow moved on: currentVersion), or another flow of the workspace has that slug.", schema: DraftConflictProblemSchema }, 422: "The definition is meaningless (per-step errors); nothing saved." },
    handle: async ({ deps, req, principal, workspaceId, param, body }) => flowIn(await deps.flows.update(workspaceId, param("id"), body, principal), requestLanguage(req)),
  }),
  route({
    method: "delete",
    path: "/flows/:id",
    access: "edit-flows",
    tag: "flows",
    summary: "Delete a flow",
    description: "Its schedule (Agendador) goes with it and stops at once.",
    reply: { status: 204, description: "Deleted." },
    handle: async ({ deps, workspaceId, param }) => {
      await deps.flows.delete(workspaceId, param("id"));
      await deps.schedules.flowDeleted(param("id"));
    },
  }),
  route({
    method: "post",
    path: "/flows/:id/duplicate",
    access: "edit-flows",
    tag: "flows",
    summary: "Copy a flow (\"<name> (cópia)\")",
    reply: { status: 201, description: "The copy.", schema: FlowSchema },
    handle: async ({ deps, req, workspaceId, param }) => flowIn(await deps.flows.duplicate(workspaceId, param("id")), requestLanguage(req)),
  }),

];
