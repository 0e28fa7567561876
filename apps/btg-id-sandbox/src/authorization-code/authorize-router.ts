import { randomBytes } from "node:crypto";
import { Router } from "express";
import type { Request, RequestHandler, Response } from "express";
import { headerSafe } from "../api/api-error.js";
import { parseForm } from "../form.js";
import { methodNotAllowed } from "../http-helpers.js";
import { readBodyText } from "../request-body.js";
import type { SandboxState } from "../sandbox-state.js";
import { scopeTokens } from "../scope.js";
import { authenticateAccountHolder } from "./account-holders.js";
import type { AuthorizationStore, PendingAuthorization } from "./authorization-store.js";
import { decideAuthorize } from "./authorize-request.js";
import type { AuthorizeSettings } from "./authorize-request.js";
import { consentPage, errorPage, loginPage } from "./pages.js";

export interface AuthorizeDeps extends AuthorizeSettings {
  state: SandboxState;
  store: AuthorizationStore;
  /** The sandbox URL, sent back as `iss` (RFC 9207). */
  issuer: string;
  codeTtlSeconds: number;
}

/** Ties a pending authorization to the browser that opened it (login CSRF and session swapping). */
const BROWSER_COOKIE = "btg_sandbox_browser";
const BROWSER_ID = /^[A-Za-z0-9_-]{43}$/;
/** After this many wrong passwords the authorization ends with access_denied. */
export const MAX_FAILED_LOGINS = 5;

function browserIdOf(req: Request): string | undefined {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const [name, value] = part.trim().split("=", 2);
    if (name === BROWSER_COOKIE && value !== undefined && BROWSER_ID.test(value)) return value;
  }
  return undefined;
}

function ensureBrowserId(req: Request, res: Response): string {
  const existing = browserIdOf(req);
  if (existing) return existing;
  const id = randomBytes(32).toString("base64url");
  // Lax: a cross-site POST to the login or consent forms arrives without it and is refused.
  res.setHeader("Set-Cookie", `${BROWSER_COOKIE}=${id}; Path=/oauth2; HttpOnly; SameSite=Lax`);
  return id;
}

function redirectOriginOf(pending: PendingAuthorization): string {
  return new URL(pending.redirectUri).origin;
}

/** An HTML page with headers that keep it out of caches and frames, its style allowed by a nonce. */
function sendPage(res: Response, status: number, render: (nonce: string) => string, formTarget?: string): void {
  const nonce = randomBytes(16).toString("base64");
  // Chromium applies form-action to the redirect that follows a form POST: the login and
  // consent forms must be allowed to end at the client's redirect URI (access_denied, code).
  const formAction = formTarget ? `'self' ${formTarget}` : "'self'";
  res.status(status);
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader(
    "Content-Security-Policy",
    `default-src 'none'; style-src 'nonce-${nonce}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
  );
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.end(render(nonce));
}

function sendErrorPage(res: Response, status: number, title: string, message: string, detail: string): void {
  sendPage(res, status, (nonce) => errorPage({ nonce, title, message, detail }));
}

function seeOther(res: Response, location: string): void {
  res.status(303);
  res.setHeader("Location", location);
  res.setHeader("Cache-Control", "no-store");
  res.end();
}

/**
 * Sends the browser back to the client with `params`, the client's `state` and this
 * server's `iss`. An error_description keeps to RFC 6749's characters (no `"` or `\`).
 */
function redirectToClient(res: Response, redirectUri: string, params: Record<string, string>, state: string | undefined, issuer: string): void {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, name === "error_description" ? headerSafe(value) : value);
  if (state !== undefined) url.searchParams.append("state", state);
  url.searchParams.append("iss", issuer);
  seeOther(res, url.href);
}

const EXPIRED_TITLE = "Não foi possível continuar";
const EXPIRED_MESSAGE = "Esta tentativa de login expirou ou não vale mais neste navegador. Volte ao aplicativo e clique para conectar de novo.";

/** The form of a login or consent POST; undefined (after answering) when it cannot be read. */
async function readPostedForm(req: Request, res: Response): Promise<Map<string, string> | undefined> {
  if (!req.is("application/x-www-form-urlencoded")) {
    sendErrorPage(res, 400, EXPIRED_TITLE, "O formulário chegou num formato inesperado. Volte ao aplicativo e tente de novo.", "invalid_request: Content-Type must be application/x-www-form-urlencoded");
    return undefined;
  }
  try {
    return parseForm(await readBodyText(req, res));
  } catch {
    sendErrorPage(res, 400, EXPIRED_TITLE, "O formulário chegou incompleto ou repetido. Volte ao aplicativo e tente de novo.", "invalid_request: the form could not be read");
    return undefined;
  }
}

/**
 * The account holder's side of the Authorization Code grant, as plain pages:
 * GET /oauth2/authorize → GET /oauth2/login (POST checks the password) → GET /oauth2/consent
 * (POST "Autorizar" or "Negar") → 303 to the client's redirect URI with code (or error),
 * state and iss. Each step answers only the browser that started the authorization.
 */
export function authorizeRouter(deps: AuthorizeDeps): Router {
  const { store, issuer } = deps;
  const router = Router();

  const findPending = (req: Request, requestId: string | undefined): PendingAuthorization | undefined =>
    requestId === undefined ? undefined : store.findPending(requestId, browserIdOf(req));

  const expired = (res: Response) => sendErrorPage(res, 400, EXPIRED_TITLE, EXPIRED_MESSAGE, "invalid_request: unknown, expired or finished authorization request, or another browser's");

  const deny = (res: Response, pending: PendingAuthorization, error: string, description: string) => {
    store.finish(pending);
    redirectToClient(res, pending.redirectUri, { error, error_description: description }, pending.state, issuer);
  };

  const authorize: RequestHandler = (req, res) => {
    const query = new URL(req.originalUrl, "http://sandbox").searchParams;
    const decision = decideAuthorize(query, deps);
    if (decision.kind === "page") {
      sendErrorPage(res, 400, "Não foi possível iniciar o login", decision.message, `${decision.error}: ${decision.description}`);
      return;
    }
    if (decision.kind === "redirect") {
      redirectToClient(res, decision.redirectUri, { error: decision.error, error_description: decision.description }, decision.state, issuer);
      return;
    }
    const pending = store.begin({ ...decision.request, browserId: ensureBrowserId(req, res) });
    seeOther(res, `/oauth2/login?request_id=${encodeURIComponent(pending.id)}`);
  };
  router.route("/oauth2/authorize").get(authorize).all(methodNotAllowed("GET, HEAD"));

  router
    .route("/oauth2/login")
    .get((req, res) => {
      const pending = findPending(req, typeof req.query.request_id === "string" ? req.query.request_id : undefined);
      if (!pending) return expired(res);
      if (pending.holder) return seeOther(res, `/oauth2/consent?request_id=${encodeURIComponent(pending.id)}`);
      sendPage(res, 200, (nonce) => loginPage({ nonce, requestId: pending.id, clientId: pending.clientId }), redirectOriginOf(pending));
    })
    .post(async (req, res) => {
      const form = await readPostedForm(req, res);
      if (!form) return;
      const pending = findPending(req, form.get("request_id"));
      if (!pending) return expired(res);
      const email = form.get("email") ?? "";
      const holder = authenticateAccountHolder(email, form.get("password") ?? "");
      if (!holder) {
        pending.failedLogins = (pending.failedLogins ?? 0) + 1;
        if (pending.failedLogins >= MAX_FAILED_LOGINS) {
          return deny(res, pending, "access_denied", `the account holder failed to log in ${MAX_FAILED_LOGINS} times`);
        }
        return sendPage(
          res,
          200,
          (nonce) => loginPage({ nonce, requestId: pending.id, clientId: pending.clientId, email, failed: true }),
          redirectOriginOf(pending),
        );
      }
      pending.holder = holder;
      pending.authTime = Math.floor(Date.now() / 1000);
      seeOther(res, `/oauth2/consent?request_id=${encodeURIComponent(pending.id)}`);
    })
    .all(methodNotAllowed("GET, HEAD, POST"));

  router
    .route("/oauth2/consent")
    .get((req, res) => {
      const pending = findPending(req, typeof req.query.request_id === "string" ? req.query.request_id : undefined);
      if (!pending) return expired(res);
      const holder = pending.holder;
      if (!holder) return seeOther(res, `/oauth2/login?request_id=${encodeURIComponent(pending.id)}`);
      const redirectOrigin = redirectOriginOf(pending);
      sendPage(
        res,
        200,
        (nonce) => consentPage({ nonce, requestId: pending.id, clientId: pending.clientId, scopes: scopeTokens(pending.scope), email: holder.email, redirectOrigin }),
        redirectOrigin,
      );
    })
    .post(async (req, res) => {
      const form = await readPostedForm(req, res);
      if (!form) return;
      const pending = findPending(req, form.get("request_id"));
      if (!pending) return expired(res);
      const { holder, authTime } = pending;
      if (!holder || authTime === undefined) return seeOther(res, `/oauth2/login?request_id=${encodeURIComponent(pending.id)}`);
      const decision = form.get("decision");
      if (decision !== "allow" && decision !== "deny") {
        return sendErrorPage(res, 400, EXPIRED_TITLE, "Escolha Autorizar ou Negar.", 'invalid_request: decision must be "allow" or "deny"');
      }
      if (deps.state.takeTargetedFailure("consent-access-denied")) {
        return deny(res, pending, "access_denied", "the account holder's consent was refused (scripted failure)");
      }
      if (decision === "deny") return deny(res, pending, "access_denied", "the account holder denied access");
      const code = store.issueCode(pending, holder, authTime, deps.codeTtlSeconds);
      redirectToClient(res, pending.redirectUri, { code }, pending.state, issuer);
    })
    .all(methodNotAllowed("GET, HEAD, POST"));

  return router;
}
