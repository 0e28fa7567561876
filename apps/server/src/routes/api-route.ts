import type { Request, Response } from "express";
import type { Health } from "@fluxo/contracts";
import type { z } from "zod";
import type { AuthService } from "../auth/auth-service.js";
import type { JsonText } from "../http/body-source.js";
import type { LoginThrottle } from "../auth/login-throttle.js";
import type { Permission, Principal } from "../auth/permissions.js";
import type { ConnectionService } from "../connections/connection-service.js";
import type { DebugRuns } from "../executions/debug-runs.js";
import type { ExecutionEventBus } from "../executions/event-bus.js";
import type { ExecutionRetentionSettings } from "../executions/execution-retention.js";
import type { ExecutionService } from "../executions/execution-service.js";
import type { IdempotentRuns } from "../executions/idempotent-runs.js";
import type { FlowService } from "../flows/flow-service.js";
import type { FlowTransferService } from "../flows/flow-transfer.js";
import type { FlowVersionService } from "../flows/flow-versions.js";
import type { OAuthDeps } from "../oauth/oauth-routes.js";
import type { ScheduleService } from "../schedules/schedule-service.js";

/**
 * What an API route is: its method, path, access rule, schemas and handler. Each resource's
 * router (flows/flow-routes.ts, auth/auth-routes.ts…) is a list of these; routes/api-routes.ts
 * registers them, mounts them and builds GET /api/openapi.json from the same registry.
 */

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

/** The tags the reference groups operations by, in this order. */
export const API_TAGS = {
  meta: "Health and this reference",
  accounts: "Accounts and sessions",
  workspace: "Workspace: members, invites, API keys",
  connections: "Connectors and connections",
  flows: "Flows",
  versions: "Published versions and files",
  executions: "Executions",
  schedules: "Agendador: a published flow run on a cron",
  gateway: "Gateway: published flows called with an API key",
} as const;
export type ApiTag = keyof typeof API_TAGS;

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

/** What `schema` describes, or the same already written as JSON text (an execution read back: SplicedJson). */
type ReplyBody<R> = R extends { schema: infer S extends z.ZodType } ? z.input<S> | JsonText : R extends { redirect: true } ? string : void;
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
  /**
   * Refusals particular to the route, beside those any route may answer (401, 403, 404, 422…):
   * a description, or with `schema` when the problem carries members of its own (usedBy, executionId…).
   */
  problems?: Partial<Record<number, string | { description: string; schema: z.ZodType }>>;
  handle(call: Call<Parsed<B>, Parsed<Q>>): Promise<ReplyBody<R>> | ReplyBody<R>;
}

/** A table entry with its types inferred: `handle` gets the parsed body and query and returns what `reply` describes. */
export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined, const R extends RouteReply = RouteReply>(
  spec: ApiRoute<B, Q, R> & { tag: ApiTag; summary: string; reply: R },
): ApiRoute {
  return spec;
}
