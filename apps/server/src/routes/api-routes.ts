import { Router, type Request, type Response } from "express";
import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeyInfoSchema,
  type ConnectorMeta,
  ConnectorMetaSchema,
  ConnectionCreateSchema,
  ConnectionSchema,
  ConnectionTestResultSchema,
  ConnectionUpdateSchema,
  ExecutionAcceptedSchema,
  ExecutionEndedSchema,
  type ExecutionEnded,
  ExecutionEventSchema,
  ExecutionListPageSchema,
  ExecutionListQuerySchema,
  ExecutionPageSchema,
  ExecutionRetentionSchema,
  ExecutionSchema,
  ExecutionSummarySchema,
  ExecutionTriggerSchema,
  FlowCreateSchema,
  FlowExportSchema,
  FlowImportSchema,
  FlowListItemSchema,
  FlowPublishSchema,
  FlowSchema,
  FlowUpdateSchema,
  FlowVersionSchema,
  FlowVersionSummarySchema,
  type Health,
  HealthSchema,
  InviteAcceptSchema,
  InviteCreatedSchema,
  InviteCreateSchema,
  InviteInfoSchema,
  InviteJoinSchema,
  InvitePreviewSchema,
  InviteTokenSchema,
  LoginSchema,
  MemberSchema,
  MemberUpdateSchema,
  PageQuerySchema,
  RevealedTokenSchema,
  SessionInfoSchema,
  SetupSchema,
  WorkspaceCreateSchema,
  WorkspaceSwitchSchema,
} from "@fluxo/contracts";
import { connectorCatalog, type CatalogLanguage } from "@fluxo/connectors";
import { requestLanguage } from "../http/request-language.js";
import { PROBLEM_MESSAGES } from "../http/problem-messages.js";
import { z } from "zod";
import type { AuthService } from "../auth/auth-service.js";
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from "../auth/http-auth.js";
import type { LoginThrottle } from "../auth/login-throttle.js";
import { may, type Permission, type Principal } from "../auth/permissions.js";
import type { ConnectionService } from "../connections/connection-service.js";
import type { ExecutionEventBus } from "../executions/event-bus.js";
import type { ExecutionRetentionSettings } from "../executions/execution-retention.js";
import type { DebugRuns } from "../executions/debug-runs.js";
import type { ExecutionService } from "../executions/execution-service.js";
import { streamFlowExecutions, streamWorkspaceExecutions } from "../executions/flow-executions-stream.js";
import { IDEMPOTENCY_WINDOW_HOURS, startOnce, type IdempotentRuns } from "../executions/idempotent-runs.js";
import { streamExecutionEvents } from "../executions/sse-stream.js";
import { waitForFinish } from "../executions/wait-for-finish.js";
import type { FlowService } from "../flows/flow-service.js";
import type { FlowTransferService } from "../flows/flow-transfer.js";
import type { FlowVersionService } from "../flows/flow-versions.js";
import type { ScheduleService } from "../schedules/schedule-service.js";
import { scheduleRoutes } from "./schedule-routes.js";
import { GATEWAY_OPERATIONS } from "../gateway/gateway-routes.js";
import { notFound, parseOr422, ProblemError } from "../http/problem.js";
import { ConnectionCreateByConnector, ConnectionTestByConnector, ConnectionTestSchema, ConnectionUpdateByConnector } from "../openapi/connection-bodies.js";
import { type ApiTag, buildOpenApiDocument, OpenApiDocumentSchema } from "../openapi/openapi-document.js";
import { REFERENCE_CSS } from "../openapi/reference-css.js";
import { renderReferencePage } from "../openapi/reference-page.js";
import { DEBUG_ROUTES } from "./debug-routes.js";
import { oauthRoutes, type OAuthDeps } from "./oauth-routes.js";

export interface ApiDeps {
  auth: AuthService;
  /** Sign-in attempts per e-mail and per client address. */
  loginThrottle: LoginThrottle;
  connections: ConnectionService;
  flows: FlowService;
  versions: FlowVersionService;
  transfer: FlowTransferService;
  executions: ExecutionService;
  schedules: ScheduleService;
  /** Re-runs and step tests. */
  debugRuns: DebugRuns;
  /** Runs started with an Idempotency-Key, so a retried request starts nothing new. */
  idempotentRuns: IdempotentRuns;
  retention: ExecutionRetentionSettings;
  bus: ExecutionEventBus;
  health: () => Promise<Health>;
  /** The local BTG-ID sandbox this process started, offered as a URL suggestion; null when off. */
  sandboxUrl: string | null;
  /** How long a run that waits for its end (…/executions/sync) waits before answering 504. */
  syncTimeoutMs: number;
  oauth: OAuthDeps;
}

const IDEMPOTENCY_BUSY = "Another request with this Idempotency-Key (in another API process) is still starting its execution; try again.";
const QUEUE_DOWN = "Queue mode: Redis is unreachable, so nothing was stored or started; Retry-After says when to try again.";

/** `public`: anyone; otherwise the permission the caller needs (see auth/permissions.ts). */
export type Access = "public" | Permission;

interface Call<Body = unknown, Query = unknown> {
  deps: ApiDeps;
  req: Request;
  res: Response;
  /** The caller; set on every route that isn't public. */
  principal: Principal;
  /** Every query is scoped by this: another workspace's ids answer 404. */
  workspaceId: string;
  param(name: string): string;
  /** The request body parsed by the route's `body` schema (undefined when the route has none). */
  body: Body;
  /** The query string parsed by the route's `query` schema (undefined when the route has none). */
  query: Query;
}

/**
 * A route's success answer. `schema`: the handler returns the body and the router sends it
 * with `status` (JSON unless `contentType` says otherwise); none: 204, no body; `events`:
 * the handler writes a `text/event-stream` itself, each message's data fitting the schema.
 */
export type RouteReply =
  | { status: 200 | 201 | 202; description: string; schema: z.ZodType; contentType?: "application/json" | "text/html" | "text/css"; headers?: Record<string, string> }
  | { status: 204; description: string }
  | { status: 303; description: string; redirect: true }
  | { status: 200; description: string; events: z.ZodType };

type ReplyBody<R> = R extends { schema: infer S extends z.ZodType } ? z.input<S> : R extends { redirect: true } ? string : void;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A route of the table. `body` and `query` are parsed before `handle` runs (422 per field);
 * they, `reply` and `problems` are also what GET /api/openapi.json says of the route, so
 * the document describes what the server enforces.
 */
export interface ApiRoute<B extends z.ZodType | undefined = z.ZodType | undefined, Q extends z.ZodObject | undefined = z.ZodObject | undefined, R extends RouteReply = RouteReply> {
  method: "get" | "post" | "put" | "delete";
  path: string;
  access: Access;
  tag?: ApiTag;
  summary?: string;
  description?: string;
  body?: B;
  /**
   * The body as the document describes it, when the service checks more than `body` parses
   * (a connector's own fields in a connection's `values`); whatever it accepts, `body` does too.
   */
  docBody?: z.ZodType<unknown, B extends z.ZodType ? z.input<B> : never>;
  /** The body may be left out altogether (every field has a default); parsed as `{}` then. */
  bodyOptional?: boolean;
  /** Honours an Idempotency-Key header (the handler starts its run through `startOnce`). */
  idempotent?: boolean;
  query?: Q;
  /** Without one, `handle` answers by itself (and the document says only "200"). */
  reply?: R;
  /** Refusals particular to the route, beside those any route may answer (401, 403, 404, 422…). */
  problems?: Partial<Record<number, string>>;
  handle(call: Call<Parsed<B>, Parsed<Q>>): Promise<ReplyBody<R>> | ReplyBody<R>;
}

/** A table entry with its types inferred: `handle` gets the parsed body and query and returns what `reply` describes. */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined, const R extends RouteReply = RouteReply>(
  spec: ApiRoute<B, Q, R> & { tag: ApiTag; summary: string; reply: R },
): ApiRoute {
  return spec;
}

/** A person's run is recorded as from the editor; an API key's as from the API. */
const triggerSource = (principal: Principal) => (principal.kind === "user" ? "editor" : "api");

/** The caller's session cookie (routes with the "account" access are only reached with one). */
const sessionToken = (req: Request): string => readCookie(req, SESSION_COOKIE) ?? "";

/** Routes that sign someone in answer with the session cookie. */
const SESSION_SET = { "Set-Cookie": `${SESSION_COOKIE}=<token>; HttpOnly; SameSite=Lax; Path=/` };

let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;
/** Built once, on first request: the table and the gateway's operations don't change while the process runs. */
const openApiDocument = () => (openApi ??= buildOpenApiDocument(API_ROUTES, GATEWAY_OPERATIONS));
let referenceHtml: string | undefined;
const apiReferenceHtml = () => (referenceHtml ??= renderReferencePage(openApiDocument()));

/**
 * Every API route with the permission it needs. The authorization matrix test walks this
 * table, so a route added without an access rule can't slip through.
 */
export const API_ROUTES: ApiRoute[] = [
  route({
    method: "get",
    path: "/health",
    access: "public",
    tag: "meta",
    summary: "Whether the server is up and its database answers",
    reply: { status: 200, description: "Up; how it runs.", schema: HealthSchema },
    problems: { 503: "The database or (queue mode) Redis doesn't answer: `dependencies` says which is down (`up`/`down`); Retry-After says when to ask again." },
    handle: ({ deps }) => deps.health(),
  }),
  route({
    method: "get",
    path: "/openapi.json",
    access: "public",
    tag: "meta",
    summary: "This API as an OpenAPI 3.1 document",
    description: "Generated from the zod schemas the server validates requests with.",
    reply: { status: 200, description: "The OpenAPI document.", schema: OpenApiDocumentSchema },
    handle: () => openApiDocument(),
  }),
  route({
    method: "get",
    path: "/docs",
    access: "public",
    tag: "meta",
    summary: "This API's reference, as a web page",
    description: "The OpenAPI document rendered as HTML, grouped by tag.",
    reply: { status: 200, description: "An HTML page (no scripts).", schema: z.string(), contentType: "text/html" },
    handle: () => apiReferenceHtml(),
  }),
  route({
    method: "get",
    path: "/docs/reference.css",
    access: "public",
    tag: "meta",
    summary: "The reference page's stylesheet",
    reply: { status: 200, description: "CSS.", schema: z.string(), contentType: "text/css" },
    handle: () => REFERENCE_CSS,
  }),

  // ── accounts ──
  route({
    method: "get",
    path: "/auth/session",
    access: "public",
    tag: "accounts",
    summary: "Who is signed in (or whether the first owner is still to be created)",
    reply: { status: 200, description: "The session, or a signed-out answer.", schema: SessionInfoSchema },
    handle: ({ deps, req }) => deps.auth.sessionInfo(req.principal ?? null),
  }),
  route({
    method: "post",
    path: "/auth/setup",
    access: "public",
    tag: "accounts",
    summary: "Create the first owner (once per installation)",
    body: SetupSchema,
    reply: { status: 201, description: "The owner is signed in.", schema: SessionInfoSchema, headers: SESSION_SET },
    problems: { 409: "The installation already has an owner: sign in instead." },
    handle: async ({ deps, req, res, body }) => {
      const session = await deps.auth.setup(body);
      setSessionCookie(req, res, session);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token));
    },
  }),
  route({
    method: "post",
    path: "/auth/login",
    access: "public",
    tag: "accounts",
    summary: "Sign in with e-mail and password",
    body: LoginSchema,
    reply: { status: 200, description: "Signed in.", schema: SessionInfoSchema, headers: SESSION_SET },
    problems: { 401: "Wrong e-mail or password.", 429: "Too many attempts for this e-mail or address; Retry-After says when to try again.", 503: "The attempt counter (Redis, in queue mode) is unreachable; Retry-After says when to try again." },
    handle: async ({ deps, req, res, body }) => {
      const { email, password } = body;
      const attempt = await deps.loginThrottle.take(email, req.ip ?? "?").catch(() => {
        res.set("Retry-After", "5");
        throw new ProblemError(503, "Service Unavailable", "o limite de tentativas de login não pode ser verificado agora (Redis indisponível); tente novamente em 5 s", undefined, { retryAfter: 5 });
      });
      if (!attempt.taken) {
        res.set("Retry-After", String(attempt.retryAfter));
        throw new ProblemError(429, "Too Many Requests", `muitas tentativas de login; tente novamente em ${attempt.retryAfter} s`, undefined, { retryAfter: attempt.retryAfter });
      }
      const session = await deps.auth.login(email, password);
      if (!session) throw new ProblemError(401, "Unauthorized", "e-mail ou senha incorretos");
      await deps.loginThrottle.succeeded(attempt);
      setSessionCookie(req, res, session);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token));
    },
  }),
  route({
    method: "post",
    path: "/auth/logout",
    access: "public",
    tag: "accounts",
    summary: "Sign out: the session ends and its cookie is cleared",
    reply: { status: 204, description: "Signed out." },
    handle: async ({ deps, req, res }) => {
      if (req.principal?.kind === "user") await deps.auth.logout(req.principal.sessionHash);
      clearSessionCookie(req, res);
    },
  }),
  route({
    method: "post",
    path: "/auth/invite",
    access: "public",
    tag: "accounts",
    summary: "What an invite link is for, before accepting it",
    body: InviteTokenSchema,
    reply: { status: 200, description: "The invite.", schema: InvitePreviewSchema },
    problems: { 404: "The invite was used, expired or was revoked." },
    handle: ({ deps, body }) => deps.auth.previewInvite(body.token),
  }),
  route({
    method: "post",
    path: "/auth/invite/accept",
    access: "public",
    tag: "accounts",
    summary: "Accept an invite by creating an account",
    body: InviteAcceptSchema,
    reply: { status: 201, description: "The new account is signed in, in the invite's workspace.", schema: SessionInfoSchema, headers: SESSION_SET },
    problems: { 404: "The invite was used, expired or was revoked.", 409: "The e-mail already has an account: sign in and use /api/auth/invite/join." },
    handle: async ({ deps, req, res, body }) => {
      const session = await deps.auth.acceptInvite(body);
      setSessionCookie(req, res, session);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token));
    },
  }),
  route({
    method: "post",
    path: "/auth/invite/join",
    access: "account",
    tag: "accounts",
    summary: "Join the invite's workspace with the account one is signed in with",
    body: InviteJoinSchema,
    reply: { status: 200, description: "The session, now in the invite's workspace with its role.", schema: SessionInfoSchema },
    problems: { 403: "Signed in as another e-mail than the invite's.", 404: "The invite was used, expired or was revoked." },
    handle: async ({ deps, req, principal, body }) => {
      await deps.auth.joinWithInvite(principal, body.token);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req)));
    },
  }),
  route({
    method: "post",
    path: "/auth/workspace",
    access: "account",
    tag: "accounts",
    summary: "Move the session to another workspace one belongs to",
    body: WorkspaceSwitchSchema,
    reply: { status: 200, description: "The session, moved.", schema: SessionInfoSchema },
    problems: { 404: "Not a member of that workspace." },
    handle: async ({ deps, req, principal, body }) => {
      await deps.auth.switchWorkspace(principal, body.workspaceId);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req)));
    },
  }),
  route({
    method: "post",
    path: "/workspaces",
    access: "account",
    tag: "accounts",
    summary: "Create a workspace owned by the caller (the session moves there)",
    body: WorkspaceCreateSchema,
    reply: { status: 201, description: "The session, in the new workspace.", schema: SessionInfoSchema },
    handle: async ({ deps, req, principal, body }) => {
      await deps.auth.createWorkspace(principal, body.name);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req)));
    },
  }),

  // ── workspace: members, invites, API keys ──
  route({
    method: "get",
    path: "/workspace/retention",
    access: "read",
    tag: "workspace",
    summary: "How long the workspace keeps finished executions",
    reply: { status: 200, description: "Days and count; older finished executions are pruned with their steps and events.", schema: ExecutionRetentionSchema },
    handle: ({ deps, workspaceId }) => deps.retention.get(workspaceId),
  }),
  route({
    method: "put",
    path: "/workspace/retention",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Change how long the workspace keeps finished executions",
    description: "Executions still queued or running are never pruned; the next pruning pass (FLUXO_PRUNE_INTERVAL_MS) applies the change.",
    body: ExecutionRetentionSchema,
    reply: { status: 200, description: "The settings as saved.", schema: ExecutionRetentionSchema },
    handle: ({ deps, workspaceId, body }) => deps.retention.set(workspaceId, body),
  }),
  route({
    method: "get",
    path: "/members",
    access: "read",
    tag: "workspace",
    summary: "The workspace's members",
    reply: { status: 200, description: "Every member with their role.", schema: z.array(MemberSchema) },
    handle: ({ deps, workspaceId }) => deps.auth.members(workspaceId),
  }),
  route({
    method: "put",
    path: "/members/:userId",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Change a member's role",
    body: MemberUpdateSchema,
    reply: { status: 200, description: "The member.", schema: MemberSchema },
    problems: { 403: "Only an owner gives or takes the owner role.", 409: "The workspace would be left without an owner." },
    handle: ({ deps, principal, param, body }) => deps.auth.updateMember(principal, param("userId"), body.role),
  }),
  route({
    method: "delete",
    path: "/members/:userId",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Remove a member from the workspace",
    reply: { status: 204, description: "Removed." },
    problems: { 403: "Only an owner removes an owner.", 409: "The workspace would be left without an owner." },
    handle: ({ deps, principal, param }) => deps.auth.removeMember(principal, param("userId")),
  }),
  route({
    method: "get",
    path: "/invites",
    access: "manage-workspace",
    tag: "workspace",
    summary: "The workspace's invites",
    reply: { status: 200, description: "Pending and accepted invites.", schema: z.array(InviteInfoSchema) },
    handle: ({ deps, workspaceId }) => deps.auth.invites(workspaceId),
  }),
  route({
    method: "post",
    path: "/invites",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Invite someone by e-mail",
    description: "The answer carries the invite's token, once: the link to send is /convite#<token>.",
    body: InviteCreateSchema,
    reply: { status: 201, description: "The invite, with its token.", schema: InviteCreatedSchema },
    problems: { 409: "The e-mail is already a member." },
    handle: ({ deps, principal, body }) => deps.auth.createInvite(principal, body),
  }),
  route({
    method: "delete",
    path: "/invites/:id",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Revoke an invite",
    reply: { status: 204, description: "Revoked." },
    handle: ({ deps, workspaceId, param }) => deps.auth.revokeInvite(workspaceId, param("id")),
  }),
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

  // ── connectors and connections ──
  route({
    method: "get",
    path: "/connectors",
    access: "read",
    tag: "connections",
    summary: "The connector catalog: fields, labels and operations",
    description: "In the request's language (Accept-Language: pt-BR, the default, or en): names, labels, help and option labels are translated; keys and values are the same in both.",
    reply: { status: 200, description: "Every connector.", schema: z.array(ConnectorMetaSchema), headers: { Vary: "Accept-Language: the answer depends on the request's language." } },
    handle: ({ deps, req, res }) => {
      res.vary("Accept-Language");
      return catalogFor(deps.sandboxUrl, requestLanguage(req));
    },
  }),
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
    problems: { 409: "Flows use it (listed in usedBy); send force=true to delete it anyway." },
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

  // ── flows ──
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
    handle: ({ deps, principal, workspaceId, body }) => deps.flows.create(workspaceId, body, principal),
  }),
  route({
    method: "get",
    path: "/flows/:id",
    access: "read",
    tag: "flows",
    summary: "A flow with its draft definition",
    reply: { status: 200, description: "The flow.", schema: FlowSchema },
    handle: ({ deps, workspaceId, param }) => deps.flows.get(workspaceId, param("id")),
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
    problems: { 409: "`version` is stale (the flow moved on), or another flow of the workspace has that slug.", 422: "The definition is meaningless (per-step errors); nothing saved." },
    handle: ({ deps, principal, workspaceId, param, body }) => deps.flows.update(workspaceId, param("id"), body, principal),
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
    handle: ({ deps, workspaceId, param }) => deps.flows.duplicate(workspaceId, param("id")),
  }),

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
    handle: ({ deps, principal, workspaceId, body }) => deps.transfer.import(workspaceId, body, principal),
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
    problems: { 409: "The draft equals the latest published version.", 422: "The draft can't run (per-step errors, as in the flow's `problems`); nothing published." },
    handle: ({ deps, principal, param, body }) => deps.versions.publish(principal, param("id"), body.note),
  }),
  route({
    method: "post",
    path: "/flows/:id/versions/:number/restore",
    access: "edit-flows",
    tag: "versions",
    summary: "Copy a published version into the draft",
    reply: { status: 200, description: "The flow, its draft now the version's definition.", schema: FlowSchema },
    handle: ({ deps, principal, param }) => deps.versions.restore(principal, param("id"), param("number")),
  }),
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
      startOnce(deps.idempotentRuns, req, res, ["run", param("id"), JSON.stringify(body)], () => deps.executions.trigger(workspaceId, param("id"), body.input, triggerSource(principal))),
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
    problems: { 409: IDEMPOTENCY_BUSY, 422: `The draft can't run yet (per-step errors); nothing started. Or: the Idempotency-Key was used in the last ${IDEMPOTENCY_WINDOW_HOURS} h with another request.`, 503: QUEUE_DOWN, 504: "Still running after FLUXO_GATEWAY_SYNC_TIMEOUT_MS; problem+json with its executionId. It goes on." },
    handle: async ({ deps, req, res, principal, workspaceId, param, body }) => {
      const { executionId } = await startOnce(deps.idempotentRuns, req, res, ["run-sync", param("id"), JSON.stringify(body)], () =>
        deps.executions.trigger(workspaceId, param("id"), body.input, triggerSource(principal)),
      );
      const ended = await waitForFinish(deps.bus, deps.executions, executionId, deps.syncTimeoutMs);
      if (!ended) throw new ProblemError(504, "Gateway Timeout", `a execução ${executionId} não terminou em ${deps.syncTimeoutMs} ms; ela continua e pode ser consultada em GET /api/executions/${executionId}`, undefined, { executionId });
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
      if (!(await deps.executions.exists(workspaceId, id))) throw notFound("a execução", id);
      await streamExecutionEvents(req, res, id, { bus: deps.bus, executions: deps.executions });
    },
  }),
  ...scheduleRoutes(route),
  ...DEBUG_ROUTES,
];

export function apiRoutes(deps: ApiDeps): Router {
  // One router per first path segment (/flows, /auth…): Express tries a router's routes one by
  // one, so a request is matched against its own group's only.
  const router = Router();
  const groups = new Map<string, Router>();
  for (const route of API_ROUTES) {
    const [, segment, ...rest] = route.path.split("/");
    let group = groups.get(segment!);
    if (!group) {
      groups.set(segment!, (group = Router()));
      router.use(`/${segment}`, group);
    }
    group[route.method](`/${rest.join("/")}`, async (req, res) => {
      const principal = req.principal;
      if (route.access !== "public") {
        if (!principal) throw new ProblemError(401, "Unauthorized", PROBLEM_MESSAGES[requestLanguage(req)].signIn);
        if (!may(principal, route.access)) throw new ProblemError(403, "Forbidden", forbiddenDetail(principal, route.access));
      }
      const param = (name: string) => String((req.params as Record<string, string>)[name]);
      const language = requestLanguage(req);
      const body = route.body ? parseOr422(route.body, route.bodyOptional ? (req.body ?? {}) : req.body, "body", language) : undefined;
      const query = route.query ? parseOr422(route.query, req.query, "query", language) : undefined;
      // Public routes never read workspaceId/principal (they're typed for the guarded ones).
      const result = await route.handle({ deps, req, res, principal: principal!, workspaceId: principal?.workspaceId ?? "", param, body, query });
      const reply = route.reply;
      if (!reply || "events" in reply) return;
      if ("redirect" in reply) return void res.redirect(reply.status, result as string);
      if (!("schema" in reply)) return void res.status(reply.status).end();
      const type = reply.contentType ?? "application/json";
      if (type === "application/json") res.status(reply.status).json(result);
      else res.status(reply.status).type(type).send(result);
    });
  }
  return router;
}

function forbiddenDetail(principal: Principal, permission: Permission): string {
  if (principal.kind === "api-key" && permission === "schedule-flows") return "uma chave de API não agenda fluxos (um agendamento roda sem ninguém por trás); entre com uma conta de papel membro ou acima";
  if (principal.kind === "api-key") return "uma chave de API só dispara fluxos e lê execuções; para o resto, entre com uma conta";
  const needs: Record<Permission, string> = {
    read: "ler",
    "read-executions": "ver execuções",
    "edit-flows": "editar fluxos (papel membro ou acima)",
    "run-flows": "executar fluxos (papel membro ou acima)",
    "schedule-flows": "agendar fluxos (papel membro ou acima)",
    "reveal-tokens": "ver tokens de acesso (papel membro ou acima)",
    "manage-connections": "gerenciar conexões (papel administrador ou proprietário)",
    "manage-workspace": "gerenciar membros e chaves (papel administrador ou proprietário)",
    account: "mudar de workspace",
  };
  const roleName = { owner: "proprietário", admin: "administrador", member: "membro", viewer: "leitor" }[principal.role];
  return `seu papel (${roleName}) não permite ${needs[permission]}; peça a um administrador`;
}

const LOCAL_SANDBOX_SUGGESTION = "http://127.0.0.1:3100";
const catalogs = new Map<string, ConnectorMeta[]>();

/** The catalog in `language`, with the "Sandbox local" suggestion pointing where the sandbox really listens, or dropped when none runs. */
function catalogFor(sandboxUrl: string | null, language: CatalogLanguage): ConnectorMeta[] {
  const cacheKey = `${language} ${sandboxUrl ?? ""}`;
  let catalog = catalogs.get(cacheKey);
  if (!catalog) {
    catalog = connectorCatalog(language).map((connector) => ({
      ...connector,
      connectionFields: connector.connectionFields.map((field) => {
        if (!field.suggestions) return field;
        const suggestions = field.suggestions.flatMap((s) => (s.value !== LOCAL_SANDBOX_SUGGESTION ? [s] : sandboxUrl ? [{ ...s, value: sandboxUrl }] : []));
        return { ...field, suggestions };
      }),
    }));
    catalogs.set(cacheKey, catalog);
  }
  return catalog;
}
