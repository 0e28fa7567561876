import { CONSENT_AUTHENTICATION, stepMessage } from "@fluxo/contracts";
import type { StepResult } from "@fluxo/contracts";
import { StepError } from "../sdk/errors.js";
import type { GrantedToken, OperationContext } from "../sdk/types.js";
import type { BtgIdConnection } from "./connection.js";

/** A connection whose token comes from the account holder's consent ("Conectar com o BTG"), not from a grant the step asks for. */
export function usesConsent(connection: Pick<BtgIdConnection, "authentication">): boolean {
  return connection.authentication === CONSENT_AUTHENTICATION;
}

/** Names the refresh's exchange among a step's HTTP exchanges. */
export const REFRESH_LABEL = "Renovação do token";

/** The consented connection's current access token (refreshed by the server when due; the refresh's exchange recorded in the step). */
export function grantedToken(ctx: Pick<OperationContext<unknown>, "grants" | "recordHttp">, connection: { id: string }, rejected?: string): Promise<GrantedToken> {
  if (!ctx.grants) {
    throw new StepError({ kind: "connection", ...stepMessage("btg_id.consent_tokens_on_server") });
  }
  return ctx.grants.accessToken(connection.id, { ...(rejected ? { rejected } : {}), recordHttp: (summary) => ctx.recordHttp({ ...summary, label: REFRESH_LABEL }) });
}

/** The token as a step result shaped like BTG's token response (no refresh token: it never leaves the server). */
export function grantedTokenResult(token: GrantedToken, now: number = Date.now()): StepResult {
  const body: Record<string, unknown> = { access_token: token.accessToken, token_type: "Bearer", scope: token.scope };
  if (token.expiresAt) body["expires_in"] = Math.max(0, Math.floor((token.expiresAt.getTime() - now) / 1000));
  return { code: 200, headers: {}, body };
}
