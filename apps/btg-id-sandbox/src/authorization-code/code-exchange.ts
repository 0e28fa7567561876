import { OAuthError, invalidRequest } from "../oauth-error.js";
import { issueHolderTokens } from "./holder-tokens.js";
import type { HolderTokenDeps } from "./holder-tokens.js";
import { isWellFormedVerifier, verifierMatches } from "./pkce.js";

function invalidGrant(description: string): OAuthError {
  return new OAuthError(400, "invalid_grant", description);
}

function required(form: ReadonlyMap<string, string>, name: string, why: string): string {
  const value = form.get(name);
  if (value === undefined) throw invalidRequest(`${name} is required for grant_type=authorization_code (${why})`);
  return value;
}

/**
 * grant_type=authorization_code (RFC 6749 §4.1.3 with PKCE, RFC 7636 §4.5): the code must
 * be this client's, unexpired and unused, the redirect_uri the one of the authorization
 * request, and the code_verifier must hash to its code_challenge.
 */
export async function exchangeCode(
  form: ReadonlyMap<string, string>,
  clientId: string,
  deps: HolderTokenDeps,
): Promise<Record<string, unknown>> {
  const code = required(form, "code", "the code received at the redirect URI");
  const redirectUri = required(form, "redirect_uri", "the redirect_uri sent to /oauth2/authorize");
  const verifier = required(form, "code_verifier", "PKCE: the secret whose S256 hash was sent as code_challenge");
  if (!isWellFormedVerifier(verifier)) {
    throw invalidRequest("code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~' (RFC 7636 §4.1)");
  }

  const taken = deps.store.takeCode(code, clientId);
  switch (taken.outcome) {
    case "unknown":
    case "other_client":
      // One answer for both: a client learns nothing about other clients' codes.
      throw invalidGrant("the authorization code is not valid for this client");
    case "expired":
      throw invalidGrant("the authorization code expired; send the person to /oauth2/authorize again");
    case "replayed":
      throw invalidGrant("the authorization code was already used; the tokens issued from it are now revoked");
    case "ok":
      break;
  }
  const { grant } = taken;
  if (grant.redirectUri !== redirectUri) {
    throw invalidGrant("redirect_uri does not match the one sent to /oauth2/authorize with this code");
  }
  if (!verifierMatches(verifier, grant.codeChallenge)) {
    throw invalidGrant("code_verifier does not match the code_challenge (PKCE S256) sent to /oauth2/authorize");
  }

  const { familyId, family } = deps.store.openFamily({ clientId, holder: grant.holder, scope: grant.scope, authTime: grant.authTime });
  taken.spend(familyId);
  return issueHolderTokens(deps, { familyId, family, scope: grant.scope, nonce: grant.nonce });
}
