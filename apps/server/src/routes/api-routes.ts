import { Router } from "express";
import { API_KEY_ROUTES } from "../auth/api-key-routes.js";
import { AUTH_ROUTES } from "../auth/auth-routes.js";
import { may, type Permission, type Principal } from "../auth/permissions.js";
import { WORKSPACE_ROUTES } from "../auth/workspace-routes.js";
import { CONNECTION_ROUTES } from "../connections/connection-routes.js";
import { DEBUG_ROUTES } from "../executions/debug-routes.js";
import { EXECUTION_ROUTES } from "../executions/execution-routes.js";
import { FLOW_ROUTES } from "../flows/flow-routes.js";
import { VERSION_ROUTES } from "../flows/version-routes.js";
import { GATEWAY_OPERATIONS } from "../gateway/gateway-routes.js";
import { JsonText } from "../http/body-source.js";
import { PROBLEM_MESSAGES } from "../http/problem-messages.js";
import { parseOr422, ProblemError } from "../http/problem.js";
import { requestLanguage } from "../http/request-language.js";
import { problem, type ProblemText } from "../http/route-problems.js";
import { SCHEDULE_ROUTES } from "../schedules/schedule-routes.js";
import type { ApiDeps } from "./api-route.js";
import { metaRoutes } from "./meta-routes.js";
import { RouteRegistry } from "./route-registry.js";

/** Every route the server answers, from each resource's router; GET /api/openapi.json describes this very registry. */
export const API_REGISTRY = new RouteRegistry();
API_REGISTRY.add(metaRoutes(API_REGISTRY))
  .add(AUTH_ROUTES)
  .add(WORKSPACE_ROUTES)
  .add(API_KEY_ROUTES)
  .add(CONNECTION_ROUTES)
  .add(FLOW_ROUTES)
  .add(VERSION_ROUTES)
  .add(EXECUTION_ROUTES)
  .add(SCHEDULE_ROUTES)
  .add(DEBUG_ROUTES)
  .addOperations(GATEWAY_OPERATIONS);

/**
 * Every API route with the permission it needs. The authorization matrix test walks this
 * table, so a route added without an access rule can't slip through.
 */
export const API_ROUTES = API_REGISTRY.routes;

export function apiRoutes(deps: ApiDeps): Router {
  // One router per first path segment (/flows, /auth…): Express tries a router's routes one by
  // one, so a request is matched against its own group's only.
  const router = Router();
  const groups = new Map<string, Router>();
  for (const route of API_REGISTRY.routes) {
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
      if (result instanceof JsonText) res.status(reply.status).type(type).send(result.text);
      else if (type === "application/json") res.status(reply.status).json(result);
      else res.status(reply.status).type(type).send(result);
    });
  }
  return router;
}

function forbiddenDetail(principal: Principal, permission: Permission): ProblemText {
  if (principal.kind === "api-key") return problem(permission === "schedule-flows" ? "auth.key_cannot_schedule" : "auth.key_only_runs");
  return problem("auth.role_cannot", { role: problem(`role.${principal.role}`), needs: problem(`permission.${permission}`) });
}
