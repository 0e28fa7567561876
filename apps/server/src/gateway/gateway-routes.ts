import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { StepIdSchema } from "@fluxo/contracts";
import type { AuthService } from "../auth/auth-service.js";
import type { ExecutionEventBus } from "../executions/event-bus.js";
import type { ExecutionService } from "../executions/execution-service.js";
import { ProblemError, sendProblem, validationProblem } from "../http/problem.js";
import type { GatewayOptions } from "./gateway-options.js";
import { RateLimiter } from "./rate-limiter.js";
import { triggerInputOf } from "./request-input.js";
import { syncAnswer } from "./sync-answer.js";
import { waitForFinish } from "./wait-for-finish.js";

export interface GatewayDeps {
  auth: AuthService;
  executions: ExecutionService;
  bus: ExecutionEventBus;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/**
 * `/gateway/flows/:slug` starts the flow's published version with the request as its input
 * (202 with the execution id); `…/sync` waits for it and answers a step's result. Only API
 * keys open it — `Authorization: Bearer <key>`, or `?key=` for callers that can't set headers.
 */
export function gatewayRoutes(deps: GatewayDeps, options: GatewayOptions): Router {
  const router = Router();
  const limiter = new RateLimiter(options.rateLimit);
  const guard = [methodAllowed, apiKeyOnly(deps.auth, limiter), rawBody(options.bodyLimit)];

  router.all("/flows/:slug", ...guard, async (req, res) => {
    const { executionId } = await deps.executions.triggerPublished(req.principal!.workspaceId, String(req.params.slug), triggerInputOf(req, bodyBuffer(req)));
    res.status(202).json({ executionId });
  });

  router.all("/flows/:slug/sync", ...guard, async (req, res) => {
    const returnStep = typeof req.query.return_step === "string" ? req.query.return_step : undefined;
    if (returnStep !== undefined && !StepIdSchema.safeParse(returnStep).success) throw validationProblem("return_step não é um id de passo válido", [{ path: "return_step", message: "use a step id such as credentials" }]);
    const { executionId } = await deps.executions.triggerPublished(req.principal!.workspaceId, String(req.params.slug), triggerInputOf(req, bodyBuffer(req)), (definition) => {
      if (returnStep !== undefined && !definition.steps.some((s) => s.id === returnStep)) {
        throw validationProblem(`a versão publicada não tem o passo "${returnStep}"; use um destes em return_step: ${definition.steps.map((s) => s.id).join(", ")}`, [{ path: "return_step", message: "no such step in the published version" }]);
      }
    });
    res.set("X-Fluxo-Execution-Id", executionId);
    if (!(await waitForFinish(deps.bus, deps.executions, executionId, options.syncTimeoutMs))) {
      throw new ProblemError(504, "Gateway Timeout", `a execução ${executionId} não terminou em ${options.syncTimeoutMs} ms; ela continua e pode ser consultada em GET /api/executions/${executionId}`, undefined, { executionId });
    }
    const answer = syncAnswer(executionId, await deps.executions.outcome(executionId), returnStep);
    // The body may hold a whole access token.
    res.set("Cache-Control", "no-store");
    if (answer.kind === "problem") return sendProblem(res, answer.problem);
    if (typeof answer.body === "string") res.status(answer.status).type("text/plain").send(answer.body);
    else res.status(answer.status).json(answer.body);
  });

  return router;
}

function methodAllowed(req: Request, res: Response, next: NextFunction): void {
  if (METHODS.has(req.method)) return next();
  res.set("Allow", [...METHODS].join(", "));
  throw new ProblemError(405, "Method Not Allowed", `o gateway aceita ${[...METHODS].join(", ")}`);
}

/** Sessions don't open the gateway: it's for machines, and a cookie there would invite CSRF. */
function apiKeyOnly(auth: AuthService, limiter: RateLimiter): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization");
    const key = header !== undefined ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : typeof req.query.key === "string" ? req.query.key : undefined;
    const principal = key ? await auth.apiKeyPrincipal(key) : null;
    if (!principal || principal.kind !== "api-key") {
      throw new ProblemError(401, "Unauthorized", key ? "a chave de API não vale (revogada ou desconhecida); crie outra em Configurações → Chaves de API" : "envie uma chave de API: Authorization: Bearer <chave> (ou ?key=<chave>)");
    }
    const wait = limiter.take(principal.keyId);
    if (wait > 0) {
      res.set("Retry-After", String(wait));
      throw new ProblemError(429, "Too Many Requests", `esta chave passou do limite de chamadas por minuto ao gateway (FLUXO_GATEWAY_RATE_LIMIT); tente de novo em ${wait} s`, undefined, { retryAfter: wait });
    }
    req.principal = principal;
    next();
  };
}

function rawBody(limit: number): RequestHandler {
  const parse = express.raw({ type: () => true, limit });
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (typeof error === "object" && error !== null && (error as { status?: unknown }).status === 413) {
        return next(new ProblemError(413, "Content Too Large", `o corpo passa do limite do gateway de ${limit} bytes (FLUXO_GATEWAY_BODY_LIMIT); envie menos dados`));
      }
      next(error);
    });
}

function bodyBuffer(req: Request): Buffer | undefined {
  return Buffer.isBuffer(req.body) ? req.body : undefined;
}
