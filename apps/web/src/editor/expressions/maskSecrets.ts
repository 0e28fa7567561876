import { maskToken } from "../../executions/jwt.js";

// A JWS (3 parts) or JWE (5 parts): base64url segments joined by dots.
const JWT = /^[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){2}(?:\.[A-Za-z0-9_-]+){0,2}$/;
// A long opaque credential (API key, client secret, base64 key): no spaces, no URL punctuation.
const OPAQUE = /^[A-Za-z0-9_~+/=-]{32,}$/;
const SECRET_KEY = /^(?:access_token|refresh_token|id_token|client_secret|password|secret|authorization|api_key|apikey)$/i;

/** Whether a piece of text looks like a token or key that must not be shown on screen. */
export function looksLikeToken(text: string): boolean {
  if (JWT.test(text) && text.startsWith("eyJ")) return true;
  return OPAQUE.test(text) && /[a-z]/.test(text) && /[A-Z]/.test(text) && /\d/.test(text);
}

/** Masks every word of `text` that looks like a token (`Bearer eyJ…` keeps `Bearer`). */
export function maskTokensInText(text: string): string {
  return text.replace(/\S+/g, (word) => (looksLikeToken(word) ? maskToken(word) : word));
}

/**
 * A copy of `value` fit to be shown: texts that look like tokens, and texts under keys
 * that name credentials (`access_token`, `client_secret`…), are masked.
 */
export function maskSecrets(value: unknown, key?: string): unknown {
  if (typeof value === "string") return key !== undefined && SECRET_KEY.test(key) && value !== "" ? maskToken(value) : maskTokensInText(value);
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}
