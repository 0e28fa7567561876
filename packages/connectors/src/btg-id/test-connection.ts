import { ref, stepMessage } from "@fluxo/contracts";
import { StepError } from "../sdk/errors.js";
import type { ConnectionTestContext, ConnectionTestSuccess } from "../sdk/types.js";
import { parseConnection } from "./connection.js";
import { usesConsent } from "./granted-token.js";
import { DEFAULT_TIMEOUT_MS } from "./parameters.js";
import { requestToken, type TokenResponseBody } from "./token-request.js";

/**
 * Tests with the connection's own grant: a client_credentials token with no authorization_details,
 * or, for a connection authenticated by consent, the account's token (refreshed when due, within
 * the hourly budget) — never client credentials, which such a client may not be allowed. Throws
 * `StepError` like a step would.
 */
export async function testBtgIdConnection(ctx: ConnectionTestContext, now: () => number = Date.now): Promise<ConnectionTestSuccess> {
  const connection = parseConnection(ctx.connection);
  if (usesConsent(connection)) return testConsent(ctx, connection.id, now);
  const token = await requestToken({
    connection,
    form: { grant_type: "client_credentials" },
    timeoutMs: DEFAULT_TIMEOUT_MS,
    http: ctx.http,
    signal: ctx.signal,
  });
  const lifetime = tokenLifetimeSeconds(token.body, now());
  if (lifetime === undefined) {
    return stepMessage("btg_id.test_ok_no_expiry");
  }
  const expiresAt = new Date(now() + lifetime * 1000);
  return stepMessage("btg_id.test_ok", { lifetime: formatDuration(lifetime), expiresAt: formatUtc(expiresAt) });
}

async function testConsent(ctx: ConnectionTestContext, connectionId: string, now: () => number): Promise<ConnectionTestSuccess> {
  if (!ctx.grants) {
    throw new StepError({ kind: "connection", code: "not_connected", ...stepMessage("btg_id.consent_not_saved") });
  }
  // Not connected, Reconexão necessária and a spent refresh budget come back as the server's own StepError.
  const token = await ctx.grants.accessToken(connectionId);
  const scopes = token.scope ? ref("btg_id.granted_scopes", { scopes: token.scope }) : "";
  if (!token.expiresAt) return stepMessage("btg_id.test_consent_ok_no_expiry", { scopes });
  const lifetime = Math.max(0, Math.floor((token.expiresAt.getTime() - now()) / 1000));
  return stepMessage("btg_id.test_consent_ok", { lifetime: formatDuration(lifetime), expiresAt: formatUtc(token.expiresAt), scopes });
}

/** `expires_in` when the server sent it, otherwise the JWT's `exp` claim (read, not verified). */
export function tokenLifetimeSeconds(body: TokenResponseBody, nowMs: number): number | undefined {
  const expiresIn = typeof body.expires_in === "string" ? Number(body.expires_in) : body.expires_in;
  if (typeof expiresIn === "number" && Number.isFinite(expiresIn) && expiresIn > 0) return Math.floor(expiresIn);
  const exp = jwtExpiry(body.access_token);
  if (exp === undefined) return undefined;
  const remaining = Math.floor(exp - nowMs / 1000);
  return remaining > 0 ? remaining : undefined;
}

function jwtExpiry(token: string): number | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const claims: unknown = JSON.parse(atob(base64));
    const exp = typeof claims === "object" && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined;
  }
}

export function formatDuration(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const parts = [hours ? `${hours} h` : "", minutes ? `${minutes} min` : "", seconds && !hours ? `${seconds} s` : ""].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "0 s";
}

/** "2026-12-07 14:30": the same in every language the message is told in. */
function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}
