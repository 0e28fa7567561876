import { Router } from "express";
import type { Response } from "express";
import { SandboxConfigError } from "./config.js";
import { methodNotAllowed } from "./http-helpers.js";
import { invalidRequest, sendJson, sendOAuthError } from "./oauth-error.js";
import { jsonBody } from "./request-body.js";
import type { SandboxState } from "./sandbox-state.js";

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function answerKnobError(res: Response, err: unknown): void {
  if (!(err instanceof SandboxConfigError)) throw err;
  sendOAuthError(res, invalidRequest(err.message));
}

/**
 * The test and benchmark knobs over HTTP, under /_sandbox:
 * POST latency {"ms":200}, POST failures {"failures":[...]}, GET stats, POST reset.
 * Bodies are JSON (Content-Type: application/json).
 */
export function controlRouter(state: SandboxState): Router {
  const router = Router();

  router
    .route("/latency")
    .post(jsonBody, (req, res) => {
      try {
        state.setLatency(field(req.body, "ms"));
        sendJson(res, 200, { latencyMs: state.latencyMs });
      } catch (err) {
        answerKnobError(res, err);
      }
    })
    .all(methodNotAllowed("POST"));

  router
    .route("/failures")
    .post(jsonBody, (req, res) => {
      try {
        const failures = field(req.body, "failures");
        state.scriptFailures(failures);
        sendJson(res, 200, { scripted: Array.isArray(failures) ? failures.length : 0 });
      } catch (err) {
        answerKnobError(res, err);
      }
    })
    .all(methodNotAllowed("POST"));

  router
    .route("/stats")
    .get((_req, res) => sendJson(res, 200, state.stats(), { "Cache-Control": "no-store" }))
    .all(methodNotAllowed("GET"));

  router
    .route("/reset")
    .post((_req, res) => {
      state.reset();
      sendJson(res, 200, state.stats());
    })
    .all(methodNotAllowed("POST"));

  return router;
}
