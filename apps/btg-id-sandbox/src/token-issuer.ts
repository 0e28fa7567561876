import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { AuthorizationDetail } from "./authorization-details.js";
import type { AccountHolder } from "./authorization-code/account-holders.js";
import { SIGNING_ALG } from "./keys.js";
import type { SigningKey } from "./keys.js";

/** The grant that produced an access token for an account holder (the `gty` claim). */
export const ACCOUNT_HOLDER_GRANT = "authorization_code";

export interface TokenRequest {
  clientId: string;
  scope: string;
  /** Present only when the client asked for authorization_details. */
  authorizationDetails?: AuthorizationDetail[];
  /** The person who consented (Authorization Code grant and its refreshes); absent for client_credentials. */
  holder?: AccountHolder;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  jti: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface IdTokenRequest {
  clientId: string;
  holder: AccountHolder;
  /** Seconds since the epoch. */
  authTime: number;
  nonce: string | undefined;
}

export interface TokenIssuerSettings {
  key: SigningKey;
  /** The sandbox's base URL. */
  issuer: string;
  ttlSeconds: number;
}

/**
 * Signs RFC 9068-style access tokens (`typ: at+jwt`, RS256). The audience is the issuer
 * itself: the sandbox's own API under /api accepts them. A token issued to an account
 * holder has `sub` = the holder, `email`, `name` and `gty: "authorization_code"`; a
 * client_credentials token has `sub` = the client id.
 */
export function createTokenIssuer({ key, issuer, ttlSeconds }: TokenIssuerSettings) {
  return async function issueToken(request: TokenRequest): Promise<IssuedToken> {
    const iat = Math.floor(Date.now() / 1000);
    const jti = randomUUID();
    const claims: Record<string, unknown> = { client_id: request.clientId, scope: request.scope };
    if (request.authorizationDetails) claims.authorization_details = request.authorizationDetails;
    if (request.holder) Object.assign(claims, { email: request.holder.email, name: request.holder.name, gty: ACCOUNT_HOLDER_GRANT });
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, typ: "at+jwt", kid: key.kid })
      .setIssuer(issuer)
      .setSubject(request.holder?.subject ?? request.clientId)
      .setAudience(issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(jti)
      .sign(key.privateKey);
    return { accessToken, expiresIn: ttlSeconds, jti, expiresAt: (iat + ttlSeconds) * 1000 };
  };
}

export type IssueToken = ReturnType<typeof createTokenIssuer>;

/** OpenID Connect ID tokens (scope `openid`): audience the client, same lifetime as access tokens. */
export function createIdTokenIssuer({ key, issuer, ttlSeconds }: TokenIssuerSettings) {
  return async function issueIdToken(request: IdTokenRequest): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { email: request.holder.email, name: request.holder.name, auth_time: request.authTime };
    if (request.nonce !== undefined) claims.nonce = request.nonce;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, typ: "JWT", kid: key.kid })
      .setIssuer(issuer)
      .setSubject(request.holder.subject)
      .setAudience(request.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(key.privateKey);
  };
}

export type IssueIdToken = ReturnType<typeof createIdTokenIssuer>;
