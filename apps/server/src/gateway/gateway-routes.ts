import { problem as routeProblem } from "../http/route-problems.js";
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { ExecutionAcceptedSchema, ProblemSchema, RetryLaterProblemSchema, StepIdSchema, StillRunningProblemSchema } from "@fluxo/contracts";
import { z } from "zod";
import type { AuthService } from "../auth/auth-service.js";
import type { ExecutionEventBus } from "../executions/event-bus.js";
import type { ExecutionService, StepOutcome } from "../executions/execution-service.js";
import { IDEMPOTENCY_WINDOW_HOURS, startOnce, type IdempotentRuns } from "../executions/idempotent-runs.js";
import { waitForFinish } from "../executions/wait-for-finish.js";
import { fieldProblem, ProblemError, sendProblem, validationProblem, zodProblems } from "../http/problem.js";
import type { ExtraOperation, ExtraResponse } from "../openapi/openapi-document.js";
import type { GatewayOptions } from "./gateway-options.js";
import { RateLimiter } from "./rate-limiter.js";
import { triggerInputOf } from "./request-input.js";
import { syncAnswer, SyncStepProblemSchema } from "./sync-answer.js";

export interface GatewayDeps {
  auth: AuthService;
  executions: ExecutionService;
  idempotentRuns: IdempotentRuns;
  bus: ExecutionEventBus;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

/** `…/sync`'s own query parameter; every other one (but `key`) reaches the flow as `input.query_params`. */
export const GatewaySyncQuerySchema = z.object({
  return_step: StepIdSchema.optional().describe("The step whose result is the answer (default: the last step run)."),
});

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
    const slug = String(req.params.slug);
    const { executionId } = await startOnce(deps.idempotentRuns, req, res, () => ["gateway", ...requestIdentity(req, slug)], async () =>
      deps.executions.triggerPublished(req.principal!.workspaceId, slug, await triggerInputOf(req, bodyBuffer(req), deps.executions.runsHere)),
    );
    res.status(202).json({ executionId });
  });

  router.all("/flows/:slug/sync", ...guard, async (req, res) => {
    const query = GatewaySyncQuerySchema.safeParse(req.query);
    if (!query.success) throw validationProblem(routeProblem("gateway.bad_return_step"), zodProblems(query.error));
    const returnStep = query.data.return_step;
    const slug = String(req.params.slug);
    const { executionId } = await startOnce(deps.idempotentRuns, req, res, () => ["gateway-sync", ...requestIdentity(req, slug)], async () =>
      deps.executions.triggerPublished(req.principal!.workspaceId, slug, await triggerInputOf(req, bodyBuffer(req), deps.executions.runsHere), {
        check: (definition) => {
          if (returnStep !== undefined && !definition.steps.some((s) => s.id === returnStep)) {
            throw validationProblem(routeProblem("gateway.no_such_step", { step: returnStep, steps: definition.steps.map((s) => s.id).join(", ") }), [fieldProblem("return_step", routeProblem("field.no_such_step"))]);
          }
        },
        keepOutcome: true,
      }),
    );
    res.set("X-Fluxo-Execution-Id", executionId);
    let outcome: StepOutcome[];
    try {
      if (!(await waitForFinish(deps.bus, deps.executions, executionId, options.syncTimeoutMs))) {
        throw new ProblemError(504, "Gateway Timeout", routeProblem("execution.sync_timeout", { id: executionId, limit: options.syncTimeoutMs }), undefined, { executionId });
      }
      outcome = await deps.executions.outcome(executionId);
    } finally {
      // Whatever ended the wait (the answer, a timeout, a failed read), the runs kept for it go.
      deps.executions.forgetOutcome(executionId);
    }
    const answer = syncAnswer(executionId, outcome, returnStep);
    // The body may hold a whole access token.
    res.set("Cache-Control", "no-store");
    if (answer.kind === "problem") return sendProblem(res, answer.problem);
    if (typeof answer.body === "string") res.status(answer.status).type("text/plain").send(answer.body);
    else res.status(answer.status).json(answer.body);
  });

  return router;
}

/** What makes a gateway call the call it is, for Idempotency-Key: method, flow, query (but the API key), body type and bytes. */
function requestIdentity(req: Request, slug: string): (string | Buffer)[] {
  const query = new URLSearchParams(req.originalUrl.split("?")[1] ?? "");
  query.delete("key");
  query.sort();
  return [req.method, slug, query.toString(), req.get("content-type") ?? "", bodyBuffer(req) ?? ""];
}

function methodAllowed(req: Request, res: Response, next: NextFunction): void {
  if (METHODS.has(req.method)) return next();
  res.set("Allow", [...METHODS].join(", "));
  throw new ProblemError(405, "Method Not Allowed", routeProblem("gateway.methods", { methods: [...METHODS].join(", ") }));
}

/** Sessions don't open the gateway: it's for machines, and a cookie there would invite CSRF. */
function apiKeyOnly(auth: AuthService, limiter: RateLimiter): RequestHandler {
  return async (req, res, next) => {
    const header = req.get("authorization");
    const key = header !== undefined ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : typeof req.query.key === "string" ? req.query.key : undefined;
    const principal = key ? await auth.apiKeyPrincipal(key) : null;
    if (!principal || principal.kind !== "api-key") {
      throw new ProblemError(401, "Unauthorized", routeProblem(key ? "auth.key_invalid" : "gateway.send_key"));
    }
    const wait = limiter.take(principal.keyId);
    if (wait > 0) {
      res.set("Retry-After", String(wait));
      throw new ProblemError(429, "Too Many Requests", routeProblem("gateway.rate_limited", { wait }), undefined, { retryAfter: wait });
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
        return next(new ProblemError(413, "Content Too Large", routeProblem("gateway.body_too_large", { limit })));
      }
      next(error);
    });
}

function bodyBuffer(req: Request): Buffer | undefined {
  return Buffer.isBuffer(req.body) ? req.body : undefined;
}

const problem = (description: string, headers?: Record<string, string>, schema: z.ZodType = ProblemSchema): ExtraResponse => ({ description, content: { "application/problem+json": schema }, ...(headers ? { headers } : {}) });

/** Refusals both gateway routes may answer. */
const GATEWAY_PROBLEMS: Record<number, ExtraResponse> = {
  400: problem("The body says it is JSON but isn't valid JSON (or isn't UTF-8, nests too deep, uses __proto__ keys)."),
  401: problem("No API key, or one that doesn't open (revoked or unknown). Session cookies are not accepted here."),
  404: problem("No flow of the key's workspace has this slug."),
  409: problem("The flow was never published: open it in the editor and click Publicar. Or: another request with this Idempotency-Key (in another API process) is still starting its execution; try again."),
  413: problem("The body is larger than FLUXO_GATEWAY_BODY_LIMIT (10 MB by default)."),
  422: problem(`The Idempotency-Key was used in the last ${IDEMPOTENCY_WINDOW_HOURS} h with another request, or isn't 1 to 255 visible ASCII characters.`),
  415: problem("A body that is neither JSON, a form nor UTF-8 text."),
  429: problem("The key passed FLUXO_GATEWAY_RATE_LIMIT calls per minute.", { "Retry-After": "Seconds to wait before calling again." }, RetryLaterProblemSchema),
  503: problem("Queue mode: Redis is unreachable, so nothing was stored or started.", { "Retry-After": "Seconds to wait before calling again." }, RetryLaterProblemSchema),
};

const GATEWAY_BODY = {
  description: "The flow's input.body: JSON is parsed, a form becomes an object (repeated names become lists), anything else is UTF-8 text; no body is null.",
  content: {
    "application/json": z.unknown(),
    "application/x-www-form-urlencoded": z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    "text/plain": z.string(),
  },
  methods: ["post", "put", "patch", "delete"] as ("post" | "put" | "patch" | "delete")[],
};

const BTG_TOKEN_EXAMPLE = { access_token: "eyJ…", scope: "apps", token_type: "Bearer", expires_in: 86400 };

/** What GET /api/openapi.json says of the gateway: the same query schema `…/sync` parses, the answers above. */
export const GATEWAY_OPERATIONS: ExtraOperation[] = [
  {
    methods: ["get", "post", "put", "patch", "delete"],
    path: "/gateway/flows/:slug",
    tag: "gateway",
    summary: "Start the flow's published version",
    idempotent: true,
    description:
      "Runs the latest published version with the request as its trigger input: { body, headers (lower-cased, without Authorization and cookies), query_params (without key) }. " +
      "Answers at once; the execution appears in the flow's history as a gateway run. Other methods answer 405.",
    body: GATEWAY_BODY,
    responses: {
      202: { description: "Started; follow it with GET /api/executions/{executionId} or its events.", content: { "application/json": ExecutionAcceptedSchema } },
      ...GATEWAY_PROBLEMS,
    },
  },
  {
    methods: ["get", "post", "put", "patch", "delete"],
    path: "/gateway/flows/:slug/sync",
    tag: "gateway",
    summary: "Run the flow's published version and answer a step's result",
    idempotent: true,
    description:
      "Like /gateway/flows/{slug}, but waits for the execution (FLUXO_GATEWAY_SYNC_TIMEOUT_MS, 29 s by default) and answers the chosen step's body with its code as the status. " +
      "For a BTG-ID step that is the token response. The header X-Fluxo-Execution-Id names the execution.",
    query: GatewaySyncQuerySchema,
    body: GATEWAY_BODY,
    responses: {
      200: {
        description: "The step succeeded: its body (JSON, or text when the body is a string) with the step's code as the status (200 for BTG-ID).",
        content: {
          "application/json": z.unknown().meta({ description: "The step's body; for BTG-ID, BTG's token response.", examples: [BTG_TOKEN_EXAMPLE] }),
          "text/plain": z.string(),
        },
        headers: { "X-Fluxo-Execution-Id": "The execution's id.", "Cache-Control": "no-store (the body may hold an access token)." },
      },
      ...GATEWAY_PROBLEMS,
      422: problem(`return_step is not a step id, or the published version has no such step (the detail lists its steps). Or: the Idempotency-Key was used in the last ${IDEMPOTENCY_WINDOW_HOURS} h with another request.`),
      502: { description: "The step failed (or didn't run because an earlier one failed): names the step and the remote service's error (e.g. BTG's invalid_client).", content: { "application/problem+json": SyncStepProblemSchema } },
      504: { description: "The execution didn't finish in time; it goes on: look it up with GET /api/executions/{executionId}.", content: { "application/problem+json": StillRunningProblemSchema } },
    },
  },
];
