import { maskToken } from "./jwt.js";

export interface TokenBody {
  access_token: string;
  token_type?: unknown;
  expires_in?: unknown;
  scope?: unknown;
}

/** A step result's body that carries an access token (BTG-ID's token response), or null. */
export function tokenBodyOf(body: unknown): TokenBody | null {
  return typeof body === "object" && body !== null && typeof (body as { access_token?: unknown }).access_token === "string" ? (body as TokenBody) : null;
}

/** The body with its access token masked: the token view is the one place that reveals it. */
export function withTokenMasked(body: unknown): unknown {
  const token = tokenBodyOf(body);
  return token ? { ...token, access_token: maskToken(token.access_token) } : body;
}
