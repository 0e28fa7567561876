import { OAuthError, invalidRequest } from "../oauth-error.js";
import type { SandboxState } from "../sandbox-state.js";
import { SCOPE_SYNTAX, isValidScope, scopeTokens } from "../scope.js";
import { issueHolderTokens } from "./holder-tokens.js";
import type { HolderTokenDeps } from "./holder-tokens.js";

function invalidGrant(description: string): OAuthError {
  return new OAuthError(400, "invalid_grant", description);
}

const REAUTHORIZE = "send the account holder to /oauth2/authorize again";

/**
 * grant_type=refresh_token (RFC 6749 §6) with rotation: each refresh token works once and
 * the answer carries its successor; a spent one presented again revokes the whole family
 * (Security BCP §4.14.2). An optional `scope` may narrow, never widen, the granted scope.
 */
export async function refreshTokens(
  form: ReadonlyMap<string, string>,
  clientId: string,
  deps: HolderTokenDeps & { state: SandboxState },
): Promise<Record<string, unknown>> {
  const refreshToken = form.get("refresh_token");
  if (refreshToken === undefined) throw invalidRequest("refresh_token is required for grant_type=refresh_token");
  const requestedScope = form.get("scope");
  if (requestedScope !== undefined && !isValidScope(requestedScope)) throw new OAuthError(400, "invalid_scope", SCOPE_SYNTAX);

  if (deps.state.takeTargetedFailure("refresh-invalid-grant")) {
    const known = deps.store.familyOfRefreshToken(refreshToken);
    if (known && known.family.clientId === clientId) deps.store.revokeFamily(known.familyId);
    throw invalidGrant(`the refresh token was revoked by the account holder (scripted failure); ${REAUTHORIZE}`);
  }

  const rotated = deps.store.rotateRefreshToken(refreshToken, clientId, (family) => {
    if (requestedScope !== undefined) assertNarrowing(requestedScope, family.scope);
  });
  switch (rotated.outcome) {
    case "unknown":
    case "other_client":
      throw invalidGrant("the refresh token is not valid for this client");
    case "expired":
      throw invalidGrant(`the refresh token expired; ${REAUTHORIZE}`);
    case "revoked":
      throw invalidGrant(`the refresh token was revoked; ${REAUTHORIZE}`);
    case "reused":
      throw invalidGrant(
        `the refresh token was already used (each one works once; use the refresh_token of the latest answer); every token of this grant is now revoked, ${REAUTHORIZE}`,
      );
    case "ok":
      break;
  }

  const { family, familyId } = rotated;
  return issueHolderTokens(deps, { familyId, family, scope: requestedScope ?? family.scope, nonce: undefined });
}

function assertNarrowing(requested: string, grantedScope: string): void {
  const granted = new Set(scopeTokens(grantedScope));
  const extra = scopeTokens(requested).filter((token) => !granted.has(token));
  if (extra.length > 0) {
    throw new OAuthError(400, "invalid_scope", `scope may only narrow the granted scope (${grantedScope}); not granted: ${extra.join(" ")}`);
  }
}
