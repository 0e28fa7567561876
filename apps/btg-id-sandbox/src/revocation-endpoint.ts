import type { RequestHandler } from "express";
import { decodeJwt, jwtVerify } from "jose";
import type { AuthorizationStore } from "./authorization-code/authorization-store.js";
import { asOAuthError, readClientRequest } from "./client-request.js";
import { SIGNING_ALG } from "./keys.js";
import type { SigningKey } from "./keys.js";
import { NO_STORE_HEADERS, OAuthError, invalidRequest, sendOAuthError } from "./oauth-error.js";
import { admitRequest } from "./request-arrival.js";
import type { SandboxState } from "./sandbox-state.js";

export interface RevocationDeps {
  state: SandboxState;
  clients: ReadonlyMap<string, string>;
  store: AuthorizationStore;
  key: SigningKey;
  issuer: string;
  log: (line: string) => void;
}

function issuedToAnotherClient(): OAuthError {
  return new OAuthError(400, "invalid_grant", "the token was issued to another client");
}

/** Revokes one of the sandbox's access tokens; a token that is not the sandbox's, or expired, needs nothing. */
async function revokeAccessToken(token: string, clientId: string, deps: RevocationDeps): Promise<void> {
  try {
    await jwtVerify(token, deps.key.publicKey, { algorithms: [SIGNING_ALG], issuer: deps.issuer, typ: "at+jwt" });
  } catch {
    return;
  }
  const { jti, exp, client_id: owner } = decodeJwt(token);
  if (owner !== clientId) throw issuedToAnotherClient();
  if (typeof jti === "string" && typeof exp === "number") deps.store.revokeAccessToken(jti, exp * 1000);
}

/**
 * POST /oauth2/revoke (RFC 7009). A refresh token revokes its whole grant (every refresh
 * and access token descending from the same consent, §2.1); an access token revokes
 * itself. Unknown, expired or already revoked tokens answer 200 all the same (§2.2).
 * `token_type_hint` is accepted and not needed: refresh tokens are opaque, access tokens JWTs.
 * Takes latency and scripted failures like the token endpoint.
 */
export function revocationEndpoint(deps: RevocationDeps): RequestHandler {
  const { state } = deps;
  return async (req, res) => {
    if (!(await admitRequest(req, res, state, "token"))) return;
    try {
      const { form, clientId } = await readClientRequest(req, res, deps.clients);
      const token = form.get("token");
      if (token === undefined) throw invalidRequest("token is required: the refresh or access token to revoke");
      const known = deps.store.familyOfRefreshToken(token);
      if (known) {
        if (known.family.clientId !== clientId) throw issuedToAnotherClient();
        deps.store.revokeFamily(known.familyId);
      } else {
        await revokeAccessToken(token, clientId, deps);
      }
      res.status(200);
      for (const [name, value] of Object.entries(NO_STORE_HEADERS)) res.setHeader(name, value);
      res.end();
    } catch (err) {
      const oauthError = asOAuthError(err, deps.log, "/oauth2/revoke");
      state.countError(oauthError.error);
      sendOAuthError(res, oauthError);
    }
  };
}
