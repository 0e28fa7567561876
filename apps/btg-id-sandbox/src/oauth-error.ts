import type { Response } from "express";

/**
 * An RFC 6749 §5.2 error answer. Thrown by the token endpoint's steps and turned into
 * `{"error","error_description"}` by sendOAuthError.
 */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`${error}: ${description}`);
    this.name = "OAuthError";
  }
}

export const BASIC_CHALLENGE = 'Basic realm="btg-id"';

export function invalidRequest(description: string): OAuthError {
  return new OAuthError(400, "invalid_request", description);
}

export function invalidClient(description: string): OAuthError {
  return new OAuthError(401, "invalid_client", description, { "WWW-Authenticate": BASIC_CHALLENGE });
}

/** Token responses and errors must never be cached (RFC 6749 §5.1, §5.2). */
export const NO_STORE_HEADERS: Readonly<Record<string, string>> = {
  "Cache-Control": "no-store",
  Pragma: "no-cache",
};

/** Writes a JSON answer with exactly `Content-Type: application/json`. */
export function sendJson(
  res: Response,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.status(status);
  res.setHeader("Content-Type", "application/json");
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(JSON.stringify(body));
}

export function sendOAuthError(res: Response, err: OAuthError): void {
  sendJson(
    res,
    err.status,
    { error: err.error, error_description: err.description },
    { ...NO_STORE_HEADERS, ...err.headers },
  );
}
