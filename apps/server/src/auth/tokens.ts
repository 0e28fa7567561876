import { hash, randomBytes } from "node:crypto";

/**
 * Session tokens, API keys and invite tokens are 256 random bits; the database keeps
 * only their SHA-256. A fast hash is enough here (unlike passwords): nobody can guess
 * 256 random bits, so there's nothing for a slow hash to protect against.
 */
export function newToken(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function tokenHash(token: string): string {
  return hash("sha256", token, "hex");
}

export const API_KEY_PREFIX = "fluxo_";
