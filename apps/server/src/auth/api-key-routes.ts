import { ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeyInfoSchema } from "@fluxo/contracts";
import { z } from "zod";
import { route, type ApiRoute } from "../routes/api-route.js";

/** The workspace's API keys. */
export const API_KEY_ROUTES: ApiRoute[] = [
  route({
    method: "get",
    path: "/api-keys",
    access: "manage-workspace",
    tag: "workspace",
    summary: "The workspace's API keys (never the keys themselves)",
    reply: { status: 200, description: "Every key, revoked ones included.", schema: z.array(ApiKeyInfoSchema) },
    handle: ({ deps, workspaceId }) => deps.auth.apiKeys(workspaceId),
  }),
  route({
    method: "post",
    path: "/api-keys",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Create an API key",
    description: "The answer is the only time the key is shown: only its hash is stored.",
    body: ApiKeyCreateSchema,
    reply: { status: 201, description: "The key.", schema: ApiKeyCreatedSchema },
    handle: ({ deps, principal, body }) => deps.auth.createApiKey(principal, body.name),
  }),
  route({
    method: "delete",
    path: "/api-keys/:id",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Revoke an API key",
    reply: { status: 200, description: "The key, with revokedAt set.", schema: ApiKeyInfoSchema },
    handle: ({ deps, workspaceId, param }) => deps.auth.revokeApiKey(workspaceId, param("id")),
  }),

];
