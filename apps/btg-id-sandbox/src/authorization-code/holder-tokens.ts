import type { IssueIdToken, IssueToken } from "../token-issuer.js";
import type { AuthorizationStore, TokenFamily } from "./authorization-store.js";
import { scopeTokens } from "../scope.js";

export interface HolderTokenDeps {
  store: AuthorizationStore;
  issueToken: IssueToken;
  issueIdToken: IssueIdToken;
  refreshTokenTtlSeconds: number;
}

export interface HolderTokenRequest {
  familyId: string;
  family: TokenFamily;
  /** The scope of this access token: the family's, or a narrower one asked for at refresh. */
  scope: string;
  nonce: string | undefined;
}

/**
 * The token response for an account holder's grant (a code exchange or a refresh): a new
 * access token recorded in the family (so revoking the family revokes it), a new refresh
 * token (rotation: the one just used is spent) and, when the scope has `openid`, an ID token.
 */
export async function issueHolderTokens(deps: HolderTokenDeps, request: HolderTokenRequest): Promise<Record<string, unknown>> {
  const { family, familyId, scope } = request;
  const access = await deps.issueToken({ clientId: family.clientId, scope, holder: family.holder });
  deps.store.recordAccessToken(familyId, access.jti, access.expiresAt);
  const refresh = deps.store.issueRefreshToken(familyId, deps.refreshTokenTtlSeconds);
  const body: Record<string, unknown> = {
    access_token: access.accessToken,
    token_type: "Bearer",
    expires_in: access.expiresIn,
    refresh_token: refresh.refreshToken,
    refresh_token_expires_in: deps.refreshTokenTtlSeconds,
    scope,
  };
  if (scopeTokens(scope).includes("openid")) {
    body.id_token = await deps.issueIdToken({ clientId: family.clientId, holder: family.holder, authTime: family.authTime, nonce: request.nonce });
  }
  return body;
}
