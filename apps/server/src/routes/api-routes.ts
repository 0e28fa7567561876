import { Router, type Request, type Response } from "express";
import {
  ApiKeyCreateSchema,
  type ConnectorMeta,
  ConnectionCreateSchema,
  ConnectionUpdateSchema,
  ExecutionTriggerSchema,
  FlowCreateSchema,
  FlowImportSchema,
  FlowPublishSchema,
  FlowUpdateSchema,
  InviteAcceptSchema,
  InviteCreateSchema,
  InviteJoinSchema,
  InviteTokenSchema,
  LoginSchema,
  MemberUpdateSchema,
  PageQuerySchema,
  SetupSchema,
  WorkspaceCreateSchema,
  WorkspaceSwitchSchema,
} from "@fluxo/contracts";
import { connectorCatalog } from "@fluxo/connectors";
import { z } from "zod";
import type { AuthService } from "../auth/auth-service.js";
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from "../auth/http-auth.js";
import type { LoginThrottle } from "../auth/login-throttle.js";
import { may, type Permission, type Principal } from "../auth/permissions.js";
import type { ConnectionService } from "../connections/connection-service.js";
import type { ExecutionEventBus } from "../executions/event-bus.js";
import type { ExecutionService } from "../executions/execution-service.js";
import { streamExecutionEvents } from "../executions/sse-stream.js";
import type { FlowService } from "../flows/flow-service.js";
import type { FlowTransferService } from "../flows/flow-transfer.js";
import type { FlowVersionService } from "../flows/flow-versions.js";
import { notFound, parseOr422, ProblemError } from "../http/problem.js";

export interface ApiDeps {
  auth: AuthService;
  /** Failed logins per e-mail and per client address. */
  loginThrottle: { byEmail: LoginThrottle; byAddress: LoginThrottle };
  connections: ConnectionService;
  flows: FlowService;
  versions: FlowVersionService;
  transfer: FlowTransferService;
  executions: ExecutionService;
  bus: ExecutionEventBus;
  health: () => Promise<Record<string, unknown>>;
  /** The local BTG-ID sandbox this process started, offered as a URL suggestion; null when off. */
  sandboxUrl: string | null;
}

/** `public`: anyone; otherwise the permission the caller needs (see auth/permissions.ts). */
export type Access = "public" | Permission;

interface Call {
  deps: ApiDeps;
  req: Request;
  res: Response;
  /** The caller; set on every route that isn't public. */
  principal: Principal;
  /** Every query is scoped by this: another workspace's ids answer 404. */
  workspaceId: string;
  param(name: string): string;
}

export interface ApiRoute {
  method: "get" | "post" | "put" | "delete";
  path: string;
  access: Access;
  handle(call: Call): Promise<void> | void;
}

/** The caller's session cookie (routes with the "account" access are only reached with one). */
const sessionToken = (req: Request): string => readCookie(req, SESSION_COOKIE) ?? "";

const ConnectionTestSchema = ConnectionCreateSchema.extend({ id: z.string().optional(), name: z.string().default("") });

/**
 * Every API route with the permission it needs. The authorization matrix test walks this
 * table, so a route added without an access rule can't slip through.
 */
export const API_ROUTES: ApiRoute[] = [
  { method: "get", path: "/health", access: "public", handle: async ({ deps, res }) => void res.json(await deps.health()) },

  // ── accounts ──
  { method: "get", path: "/auth/session", access: "public", handle: async ({ deps, req, res }) => void res.json(await deps.auth.sessionInfo(req.principal ?? null)) },
  {
    method: "post",
    path: "/auth/setup",
    access: "public",
    handle: async ({ deps, req, res }) => {
      const session = await deps.auth.setup(parseOr422(SetupSchema, req.body));
      setSessionCookie(req, res, session);
      res.status(201).json(await deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token)));
    },
  },
  {
    method: "post",
    path: "/auth/login",
    access: "public",
    handle: async ({ deps, req, res }) => {
      const { email, password } = parseOr422(LoginSchema, req.body);
      const { byEmail, byAddress } = deps.loginThrottle;
      const wait = Math.max(byEmail.retryAfter([email]), byAddress.retryAfter([req.ip ?? "?"]));
      if (wait > 0) {
        res.set("Retry-After", String(wait));
        throw new ProblemError(429, "Too Many Requests", `muitas tentativas de login; tente novamente em ${wait} s`, undefined, { retryAfter: wait });
      }
      const session = await deps.auth.login(email, password);
      if (!session) {
        byEmail.fail([email]);
        byAddress.fail([req.ip ?? "?"]);
        throw new ProblemError(401, "Unauthorized", "e-mail ou senha incorretos");
      }
      byEmail.succeed([email]);
      setSessionCookie(req, res, session);
      res.json(await deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token)));
    },
  },
  {
    method: "post",
    path: "/auth/logout",
    access: "public",
    handle: async ({ deps, req, res }) => {
      if (req.principal?.kind === "user") await deps.auth.logout(req.principal.sessionHash);
      clearSessionCookie(req, res);
      res.status(204).end();
    },
  },
  { method: "post", path: "/auth/invite", access: "public", handle: async ({ deps, req, res }) => void res.json(await deps.auth.previewInvite(parseOr422(InviteTokenSchema, req.body).token)) },
  {
    method: "post",
    path: "/auth/invite/accept",
    access: "public",
    handle: async ({ deps, req, res }) => {
      const session = await deps.auth.acceptInvite(parseOr422(InviteAcceptSchema, req.body));
      setSessionCookie(req, res, session);
      res.status(201).json(await deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token)));
    },
  },
  {
    method: "post",
    path: "/auth/invite/join",
    access: "account",
    handle: async ({ deps, req, res, principal }) => {
      await deps.auth.joinWithInvite(principal, parseOr422(InviteJoinSchema, req.body).token);
      res.json(await deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req))));
    },
  },
  {
    method: "post",
    path: "/auth/workspace",
    access: "account",
    handle: async ({ deps, req, res, principal }) => {
      await deps.auth.switchWorkspace(principal, parseOr422(WorkspaceSwitchSchema, req.body).workspaceId);
      res.json(await deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req))));
    },
  },
  {
    method: "post",
    path: "/workspaces",
    access: "account",
    handle: async ({ deps, req, res, principal }) => {
      await deps.auth.createWorkspace(principal, parseOr422(WorkspaceCreateSchema, req.body).name);
      res.status(201).json(await deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req))));
    },
  },

  // ── workspace: members, invites, API keys ──
  { method: "get", path: "/members", access: "read", handle: async ({ deps, res, workspaceId }) => void res.json(await deps.auth.members(workspaceId)) },
  { method: "put", path: "/members/:userId", access: "manage-workspace", handle: async ({ deps, req, res, principal, param }) => void res.json(await deps.auth.updateMember(principal, param("userId"), parseOr422(MemberUpdateSchema, req.body).role)) },
  {
    method: "delete",
    path: "/members/:userId",
    access: "manage-workspace",
    handle: async ({ deps, res, principal, param }) => {
      await deps.auth.removeMember(principal, param("userId"));
      res.status(204).end();
    },
  },
  { method: "get", path: "/invites", access: "manage-workspace", handle: async ({ deps, res, workspaceId }) => void res.json(await deps.auth.invites(workspaceId)) },
  { method: "post", path: "/invites", access: "manage-workspace", handle: async ({ deps, req, res, principal }) => void res.status(201).json(await deps.auth.createInvite(principal, parseOr422(InviteCreateSchema, req.body))) },
  {
    method: "delete",
    path: "/invites/:id",
    access: "manage-workspace",
    handle: async ({ deps, res, workspaceId, param }) => {
      await deps.auth.revokeInvite(workspaceId, param("id"));
      res.status(204).end();
    },
  },
  { method: "get", path: "/api-keys", access: "manage-workspace", handle: async ({ deps, res, workspaceId }) => void res.json(await deps.auth.apiKeys(workspaceId)) },
  { method: "post", path: "/api-keys", access: "manage-workspace", handle: async ({ deps, req, res, principal }) => void res.status(201).json(await deps.auth.createApiKey(principal, parseOr422(ApiKeyCreateSchema, req.body).name)) },
  { method: "delete", path: "/api-keys/:id", access: "manage-workspace", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.auth.revokeApiKey(workspaceId, param("id"))) },

  // ── connectors and connections ──
  { method: "get", path: "/connectors", access: "read", handle: ({ deps, res }) => void res.json(catalogFor(deps.sandboxUrl)) },
  {
    method: "get",
    path: "/connections",
    access: "read",
    handle: async ({ deps, req, res, workspaceId }) => void res.json(await deps.connections.list(workspaceId, typeof req.query.connector === "string" ? req.query.connector : undefined)),
  },
  { method: "post", path: "/connections", access: "manage-connections", handle: async ({ deps, req, res, workspaceId }) => void res.status(201).json(await deps.connections.create(workspaceId, parseOr422(ConnectionCreateSchema, req.body))) },
  { method: "post", path: "/connections/test", access: "manage-connections", handle: async ({ deps, req, res, workspaceId }) => void res.json(await deps.connections.testUnsaved(workspaceId, parseOr422(ConnectionTestSchema, req.body))) },
  { method: "get", path: "/connections/:id", access: "read", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.connections.get(workspaceId, param("id"))) },
  { method: "put", path: "/connections/:id", access: "manage-connections", handle: async ({ deps, req, res, workspaceId, param }) => void res.json(await deps.connections.update(workspaceId, param("id"), parseOr422(ConnectionUpdateSchema, req.body))) },
  {
    method: "delete",
    path: "/connections/:id",
    access: "manage-connections",
    handle: async ({ deps, req, res, workspaceId, param }) => {
      await deps.connections.delete(workspaceId, param("id"), req.query.force === "true");
      res.status(204).end();
    },
  },
  { method: "post", path: "/connections/:id/test", access: "manage-connections", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.connections.testSaved(workspaceId, param("id"))) },

  // ── flows ──
  { method: "get", path: "/flows", access: "read", handle: async ({ deps, res, workspaceId }) => void res.json(await deps.flows.list(workspaceId)) },
  { method: "post", path: "/flows", access: "edit-flows", handle: async ({ deps, req, res, workspaceId }) => void res.status(201).json(await deps.flows.create(workspaceId, parseOr422(FlowCreateSchema, req.body))) },
  { method: "get", path: "/flows/:id", access: "read", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.flows.get(workspaceId, param("id"))) },
  { method: "put", path: "/flows/:id", access: "edit-flows", handle: async ({ deps, req, res, workspaceId, param }) => void res.json(await deps.flows.update(workspaceId, param("id"), parseOr422(FlowUpdateSchema, req.body))) },
  {
    method: "delete",
    path: "/flows/:id",
    access: "edit-flows",
    handle: async ({ deps, res, workspaceId, param }) => {
      await deps.flows.delete(workspaceId, param("id"));
      res.status(204).end();
    },
  },
  { method: "post", path: "/flows/:id/duplicate", access: "edit-flows", handle: async ({ deps, res, workspaceId, param }) => void res.status(201).json(await deps.flows.duplicate(workspaceId, param("id"))) },

  // ── a flow as a file (connections by name, never secrets) ──
  {
    method: "get",
    path: "/flows/:id/export",
    access: "read",
    handle: async ({ deps, res, workspaceId, param }) => {
      const file = await deps.transfer.export(workspaceId, param("id"));
      res.attachment(`${file.slug ?? "fluxo"}.fluxo.json`).json(file);
    },
  },
  { method: "post", path: "/flows/import", access: "edit-flows", handle: async ({ deps, req, res, workspaceId }) => void res.status(201).json(await deps.transfer.import(workspaceId, parseOr422(FlowImportSchema, req.body))) },

  // ── published versions (immutable; the gateway runs the latest) ──
  { method: "get", path: "/flows/:id/versions", access: "read", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.versions.list(workspaceId, param("id"))) },
  { method: "get", path: "/flows/:id/versions/:number", access: "read", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.versions.get(workspaceId, param("id"), param("number"))) },
  {
    method: "post",
    path: "/flows/:id/publish",
    access: "edit-flows",
    handle: async ({ deps, req, res, principal, param }) => void res.status(201).json(await deps.versions.publish(principal, param("id"), parseOr422(FlowPublishSchema, req.body ?? {}).note)),
  },
  { method: "post", path: "/flows/:id/versions/:number/restore", access: "edit-flows", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.versions.restore(workspaceId, param("id"), param("number"))) },
  {
    method: "get",
    path: "/flows/:id/executions",
    access: "read-executions",
    handle: async ({ deps, req, res, workspaceId, param }) => void res.json(await deps.flows.executions(workspaceId, param("id"), parseOr422(PageQuerySchema, req.query, "a consulta"))),
  },
  {
    method: "post",
    path: "/flows/:id/executions",
    access: "run-flows",
    handle: async ({ deps, req, res, principal, workspaceId, param }) => {
      const { input } = parseOr422(ExecutionTriggerSchema, req.body ?? {});
      // A person's run comes from the editor; a machine's (API key) from the API. Both run the draft.
      res.status(202).json(await deps.executions.trigger(workspaceId, param("id"), input, principal.kind === "user" ? "editor" : "api"));
    },
  },

  // ── executions ──
  { method: "get", path: "/executions/:id", access: "read-executions", handle: async ({ deps, res, workspaceId, param }) => void res.json(await deps.executions.get(workspaceId, param("id"))) },
  {
    method: "get",
    path: "/executions/:id/steps/:stepId/token",
    access: "reveal-tokens",
    handle: async ({ deps, res, workspaceId, param }) => {
      res.set("Cache-Control", "no-store");
      res.json(await deps.executions.revealToken(workspaceId, param("id"), param("stepId")));
    },
  },
  {
    method: "get",
    path: "/executions/:id/events",
    access: "read-executions",
    handle: async ({ deps, req, res, workspaceId, param }) => {
      const id = param("id");
      if (!(await deps.executions.exists(workspaceId, id))) throw notFound("a execução", id);
      await streamExecutionEvents(req, res, id, { bus: deps.bus, executions: deps.executions });
    },
  },
];

export function apiRoutes(deps: ApiDeps): Router {
  const router = Router();
  for (const route of API_ROUTES) {
    router[route.method](route.path, async (req, res) => {
      const principal = req.principal;
      if (route.access !== "public") {
        if (!principal) throw new ProblemError(401, "Unauthorized", "entre com seu e-mail e senha (ou envie Authorization: Bearer <chave de API>)");
        if (!may(principal, route.access)) throw new ProblemError(403, "Forbidden", forbiddenDetail(principal, route.access));
      }
      const param = (name: string) => String(req.params[name]);
      // Public routes never read workspaceId/principal (they're typed for the guarded ones).
      await route.handle({ deps, req, res, principal: principal!, workspaceId: principal?.workspaceId ?? "", param });
    });
  }
  return router;
}

function forbiddenDetail(principal: Principal, permission: Permission): string {
  if (principal.kind === "api-key") return "uma chave de API só dispara fluxos e lê execuções; para o resto, entre com uma conta";
  const needs: Record<Permission, string> = {
    read: "ler",
    "read-executions": "ver execuções",
    "edit-flows": "editar fluxos (papel membro ou acima)",
    "run-flows": "executar fluxos (papel membro ou acima)",
    "reveal-tokens": "ver tokens de acesso (papel membro ou acima)",
    "manage-connections": "gerenciar conexões (papel administrador ou proprietário)",
    "manage-workspace": "gerenciar membros e chaves (papel administrador ou proprietário)",
    account: "mudar de workspace",
  };
  const roleName = { owner: "proprietário", admin: "administrador", member: "membro", viewer: "leitor" }[principal.role];
  return `seu papel (${roleName}) não permite ${needs[permission]}; peça a um administrador`;
}

const LOCAL_SANDBOX_SUGGESTION = "http://127.0.0.1:3100";
const catalogs = new Map<string | null, ConnectorMeta[]>();

/** The catalog with the "Sandbox local" suggestion pointing where the sandbox really listens, or dropped when none runs. */
function catalogFor(sandboxUrl: string | null): ConnectorMeta[] {
  let catalog = catalogs.get(sandboxUrl);
  if (!catalog) {
    catalog = connectorCatalog().map((connector) => ({
      ...connector,
      connectionFields: connector.connectionFields.map((field) => {
        if (!field.suggestions) return field;
        const suggestions = field.suggestions.flatMap((s) => (s.value !== LOCAL_SANDBOX_SUGGESTION ? [s] : sandboxUrl ? [{ ...s, value: sandboxUrl }] : []));
        return { ...field, suggestions };
      }),
    }));
    catalogs.set(sandboxUrl, catalog);
  }
  return catalog;
}
