import { ConnectionCreateSchema, ConnectionInUseProblemSchema, ConnectionSchema, ConnectionTestResultSchema, ConnectionUpdateSchema } from "@fluxo/contracts";
import { z } from "zod";
import { oauthRoutes } from "../oauth/oauth-routes.js";
import { ConnectionCreateByConnector, ConnectionTestByConnector, ConnectionTestSchema, ConnectionUpdateByConnector } from "../openapi/connection-bodies.js";
import { route, type ApiRoute } from "../routes/api-route.js";

/** Connections, their tests and (BTG-ID) their OAuth consent. */
export const CONNECTION_ROUTES: ApiRoute[] = [
  route({
    method: "get",
    path: "/connections",
    access: "read",
    tag: "connections",
    summary: "The workspace's connections (secrets only as set or not)",
    query: z.object({ connector: z.string().optional().describe("Only this connector's connections, e.g. btg-id.") }),
    reply: { status: 200, description: "The connections.", schema: z.array(ConnectionSchema) },
    handle: ({ deps, workspaceId, query }) => deps.connections.list(workspaceId, query.connector),
  }),
  route({
    method: "post",
    path: "/connections",
    access: "manage-connections",
    tag: "connections",
    summary: "Create a connection",
    description: "Values are checked against the connector's fields; URL fields by the outbound policy (no private or loopback addresses).",
    body: ConnectionCreateSchema,
    docBody: ConnectionCreateByConnector,
    reply: { status: 201, description: "The connection (secrets only as set or not).", schema: ConnectionSchema },
    handle: ({ deps, workspaceId, body }) => deps.connections.create(workspaceId, body),
  }),
  route({
    method: "post",
    path: "/connections/test",
    access: "manage-connections",
    tag: "connections",
    summary: "Test connection values before saving them",
    description: "With `id`, the stored secrets of that connection fill the ones left out.",
    body: ConnectionTestSchema,
    docBody: ConnectionTestByConnector,
    reply: { status: 200, description: "The outcome (200 whether it worked or not).", schema: ConnectionTestResultSchema },
    handle: ({ deps, workspaceId, body }) => deps.connections.testUnsaved(workspaceId, body),
  }),
  route({
    method: "get",
    path: "/connections/:id",
    access: "read",
    tag: "connections",
    summary: "A connection",
    reply: { status: 200, description: "The connection (secrets only as set or not).", schema: ConnectionSchema },
    handle: ({ deps, workspaceId, param }) => deps.connections.get(workspaceId, param("id")),
  }),
  route({
    method: "put",
    path: "/connections/:id",
    access: "manage-connections",
    tag: "connections",
    summary: "Change a connection (a secret left out or null keeps the stored one)",
    body: ConnectionUpdateSchema,
    docBody: ConnectionUpdateByConnector,
    reply: { status: 200, description: "The connection.", schema: ConnectionSchema },
    handle: ({ deps, workspaceId, param, body }) => deps.connections.update(workspaceId, param("id"), body),
  }),
  route({
    method: "delete",
    path: "/connections/:id",
    access: "manage-connections",
    tag: "connections",
    summary: "Delete a connection",
    query: z.object({ force: z.enum(["true", "false"]).optional().describe("true: delete it even when flows use it.") }),
    reply: { status: 204, description: "Deleted." },
    problems: { 409: { description: "Flows use it (listed in usedBy); send force=true to delete it anyway.", schema: ConnectionInUseProblemSchema } },
    handle: ({ deps, workspaceId, param, query }) => deps.connections.delete(workspaceId, param("id"), query.force === "true"),
  }),
  ...oauthRoutes(),
  route({
    method: "post",
    path: "/connections/:id/test",
    access: "manage-connections",
    tag: "connections",
    summary: "Test a saved connection",
    reply: { status: 200, description: "The outcome (200 whether it worked or not).", schema: ConnectionTestResultSchema },
    handle: ({ deps, workspaceId, param }) => deps.connections.testSaved(workspaceId, param("id")),
  }),

];
