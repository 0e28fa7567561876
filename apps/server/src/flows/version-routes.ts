import { FlowExportSchema, FlowImportSchema, FlowPublishSchema, FlowSchema, FlowVersionSchema, FlowVersionSummarySchema, PublishConflictProblemSchema } from "@fluxo/contracts";
import { z } from "zod";
import { route, type ApiRoute } from "../routes/api-route.js";
import { requestLanguage } from "../http/request-language.js";
import { flowIn } from "./flow-service.js";

/** A flow as a file, and its published versions. */
export const VERSION_ROUTES: ApiRoute[] = [
  // ── a flow as a file (connections by name, never secrets) ──
  route({
    method: "get",
    path: "/flows/:id/export",
    access: "read",
    tag: "versions",
    summary: "A flow as a file",
    description: "Each step's connectionId becomes a `ref` into `connections` (name and connector); no connection values, no secrets.",
    reply: { status: 200, description: "The file, as an attachment.", schema: FlowExportSchema, headers: { "Content-Disposition": "attachment; filename=\"<slug>.fluxo.json\"" } },
    handle: async ({ deps, res, workspaceId, param }) => {
      const file = await deps.transfer.export(workspaceId, param("id"));
      res.attachment(`${file.slug ?? "fluxo"}.fluxo.json`);
      return file;
    },
  }),
  route({
    method: "post",
    path: "/flows/import",
    access: "edit-flows",
    tag: "versions",
    summary: "Create a flow from an exported file",
    description: "Unmapped refs match a connection of this workspace by connector and name. All or nothing: 422 per field and nothing created.",
    body: FlowImportSchema,
    reply: { status: 201, description: "The new flow.", schema: FlowSchema },
    handle: async ({ deps, req, principal, workspaceId, body }) => flowIn(await deps.transfer.import(workspaceId, body, principal), requestLanguage(req)),
  }),

  // ── published versions (immutable; the gateway runs the latest) ──
  route({
    method: "get",
    path: "/flows/:id/versions",
    access: "read",
    tag: "versions",
    summary: "A flow's published versions, newest first",
    reply: { status: 200, description: "The versions (without definitions).", schema: z.array(FlowVersionSummarySchema) },
    handle: ({ deps, workspaceId, param }) => deps.versions.list(workspaceId, param("id")),
  }),
  route({
    method: "get",
    path: "/flows/:id/versions/:number",
    access: "read",
    tag: "versions",
    summary: "A published version (immutable)",
    reply: { status: 200, description: "The version with its definition.", schema: FlowVersionSchema },
    handle: ({ deps, workspaceId, param }) => deps.versions.get(workspaceId, param("id"), param("number")),
  }),
  route({
    method: "post",
    path: "/flows/:id/publish",
    access: "edit-flows",
    tag: "versions",
    summary: "Publish the draft as the next numbered version (what the gateway runs)",
    body: FlowPublishSchema,
    bodyOptional: true,
    reply: { status: 201, description: "The new version.", schema: FlowVersionSchema },
    problems: { 409: { description: "The draft equals the latest published version (publishedVersion), or another publish just took the number.", schema: PublishConflictProblemSchema }, 422: "The draft can't run (per-step errors, as in the flow's `problems`); nothing published." },
    handle: ({ deps, principal, param, body }) => deps.versions.publish(principal, param("id"), body.note),
  }),
  route({
    method: "post",
    path: "/flows/:id/versions/:number/restore",
    access: "edit-flows",
    tag: "versions",
    summary: "Copy a published version into the draft",
    reply: { status: 200, description: "The flow, its draft now the version's definition.", schema: FlowSchema },
    handle: async ({ deps, req, principal, param }) => flowIn(await deps.versions.restore(principal, param("id"), param("number")), requestLanguage(req)),
  }),
];
