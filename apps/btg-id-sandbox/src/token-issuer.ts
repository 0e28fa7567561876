import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { AuthorizationDetail } from "./authorization-details.js";
import { SIGNING_ALG } from "./keys.js";
import type { SigningKey } from "./keys.js";

export interface TokenRequest {
  clientId: string;
  scope: string;
  /** Present only when the client asked for authorization_details. */
  authorizationDetails?: AuthorizationDetail[];
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface TokenIssuerSettings {
  key: SigningKey;
  /** The sandbox's base URL. */
  issuer: string;
  ttlSeconds: number;
}

/**
 * Signs RFC 9068-style access tokens (`typ: at+jwt`, RS256). The audience is the issuer
 * itself: BTG's APIs behind the token are not played by the sandbox.
 */
export function createTokenIssuer({ key, issuer, ttlSeconds }: TokenIssuerSettings) {
  return async function issueToken(request: TokenRequest): Promise<IssuedToken> {
    const iat = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { client_id: request.clientId, scope: request.scope };
    if (request.authorizationDetails) claims.authorization_details = request.authorizationDetails;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALG, typ: "at+jwt", kid: key.kid })
      .setIssuer(issuer)
      .setSubject(request.clientId)
      .setAudience(issuer)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { accessToken, expiresIn: ttlSeconds };
  };
}

export type IssueToken = ReturnType<typeof createTokenIssuer>;
