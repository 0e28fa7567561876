import type { Response } from "express";
import { sendJson } from "../oauth-error.js";

/** Headers of every API answer: banking data and errors are never cached. */
export const API_HEADERS: Readonly<Record<string, string>> = { "Cache-Control": "no-store" };

/**
 * An error answer of the resource API: always `{ error, error_description }`, plus
 * `fields` (field name → problem) when a request's parameters or body are invalid.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly fields?: Readonly<Record<string, string>>,
  ) {
    super(`${error}: ${description}`);
    this.name = "ApiError";
  }
}

/** 400 invalid_request naming each bad field: "amount must be greater than 0; pixKey is required". */
export function invalidFields(fields: Record<string, string>, what = "the request"): ApiError {
  const list = Object.entries(fields).map(([name, problem]) => `${name} ${problem}`);
  return new ApiError(400, "invalid_request", `${what} has invalid fields: ${list.join("; ")}`, {}, fields);
}

export function invalidRequest(description: string): ApiError {
  return new ApiError(400, "invalid_request", description);
}

export function notFound(description: string): ApiError {
  return new ApiError(404, "not_found", description);
}

export function methodNotAllowed(method: string, allow: string): ApiError {
  return new ApiError(405, "method_not_allowed", `${method} is not allowed here; use ${allow}`, { Allow: allow });
}

export function sendApiJson(res: Response, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendJson(res, status, body, { ...API_HEADERS, ...headers });
}

export function sendApiError(res: Response, err: ApiError): void {
  const body: Record<string, unknown> = { error: err.error, error_description: err.description };
  if (err.fields) body.fields = err.fields;
  sendApiJson(res, err.status, body, err.headers);
}

/**
 * Makes text safe inside a quoted-string of WWW-Authenticate and within RFC 6749's
 * error_description characters (%x20-21 / %x23-5B / %x5D-7E).
 */
export function headerSafe(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7E]/g, "?");
}

/** `Bearer error="…", error_description="…"[, scope="…"]` (RFC 6750 §3). */
export function bearerChallenge(error: string, description: string, scope?: string): string {
  const parts = [`error="${error}"`, `error_description="${headerSafe(description)}"`];
  if (scope) parts.push(`scope="${headerSafe(scope)}"`);
  return `Bearer ${parts.join(", ")}`;
}
