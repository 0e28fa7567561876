import type { TokenResponseBody } from "@fluxo/connectors";

/** BTG's refresh tokens live 10 days; a server that says otherwise (refresh_token_expires_in, or Keycloak's refresh_expires_in) is believed. */
export const DEFAULT_REFRESH_LIFETIME_S = 10 * 24 * 3600;

/** A JWT's claims, read without verifying the signature: only for display (who consented). */
function jwtClaims(token: unknown): Record<string, unknown> | null {
  if (typeof token !== "string") return null;
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Who consented: the id_token's or access token's e-mail, else its sub. */
export function consentingSubject(body: TokenResponseBody): string {
  for (const claims of [jwtClaims(body["id_token"]), jwtClaims(body.access_token)]) {
    if (!claims) continue;
    for (const key of ["email", "preferred_username", "sub"]) {
      const value = claims[key];
      if (typeof value === "string" && value !== "") return value.slice(0, 320);
    }
  }
  return "";
}

function positiveSeconds(value: unknown): number | null {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.floor(n) : null;
}

/** When the refresh token a response carries lapses. */
export function refreshExpiry(body: TokenResponseBody, issuedAt: number): Date {
  const seconds = positiveSeconds(body["refresh_token_expires_in"]) ?? positiveSeconds(body["refresh_expires_in"]) ?? DEFAULT_REFRESH_LIFETIME_S;
  return new Date(issuedAt + seconds * 1000);
}

export function grantedScope(body: TokenResponseBody, requested: string): string {
  return typeof body.scope === "string" ? body.scope : requested;
}
