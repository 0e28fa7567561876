import { problem } from "../http/route-problems.js";
import type { CookieOptions, Request, RequestHandler, Response } from "express";
import { ProblemError } from "../http/problem.js";
import type { AuthService, NewSession } from "./auth-service.js";
import type { Principal } from "./permissions.js";

export const SESSION_COOKIE = "fluxo_session";

/** The caller's session cookie (routes with the "account" access are only reached with one). */
export const sessionToken = (req: Request): string => readCookie(req, SESSION_COOKIE) ?? "";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own extension point for request fields
  namespace Express {
    interface Request {
      /** Set by `authenticate` when the request carries a valid session cookie or API key. */
      principal?: Principal;
    }
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Reads `Authorization: Bearer <API key>` or the session cookie into `req.principal`.
 * A bearer header that doesn't open a key is a 401 (never silently anonymous); a stale
 * cookie is just ignored. Cookie-authenticated writes must come from our own origin.
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get("authorization") ?? "")?.[1];
    if (req.get("authorization") !== undefined) {
      const principal = bearer ? await auth.apiKeyPrincipal(bearer) : null;
      if (!principal) throw new ProblemError(401, "Unauthorized", problem("auth.key_invalid"));
      req.principal = principal;
      return next();
    }
    const token = readCookie(req, SESSION_COOKIE);
    if (token) {
      const principal = await auth.sessionPrincipal(token);
      if (principal) {
        if (UNSAFE_METHODS.has(req.method)) assertSameOrigin(req);
        req.principal = principal;
      }
    }
    next();
  };
}

/**
 * CSRF defence for cookie-authenticated writes, beside SameSite=Lax: a browser always
 * sends Origin on a cross-origin POST/PUT/DELETE (and Sec-Fetch-Site); it must name this
 * very host. A client with no Origin at all (curl with a cookie jar) is not a browser
 * being tricked, so it passes.
 */
function assertSameOrigin(req: Request): void {
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const sameOrigin = origin !== undefined ? origin !== "null" && safeHost(origin) === req.get("host") : fetchSite === undefined || fetchSite === "same-origin" || fetchSite === "none";
  if (!sameOrigin) throw new ProblemError(403, "Forbidden", problem("auth.cross_origin"));
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodedOrUndefined(part.slice(eq + 1).trim());
  }
  return undefined;
}

function cookieOptions(req: Request): CookieOptions {
  // Secure whenever the browser reached us over https (directly or through a trusted proxy).
  return { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/" };
}

export function setSessionCookie(req: Request, res: Response, session: NewSession): void {
  res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions(req), expires: session.expiresAt });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

/** A cookie value that isn't valid percent-encoding is as good as no cookie. */
function decodedOrUndefined(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
