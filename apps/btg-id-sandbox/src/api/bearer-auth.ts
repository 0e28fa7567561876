import { errors, jwtVerify } from "jose";
import type { CryptoKey, JWTPayload } from "jose";
import type { AuthorizationDetail } from "../authorization-details.js";
import { SIGNING_ALG } from "../keys.js";
import { ACCOUNT_HOLDER_GRANT } from "../token-issuer.js";
import { ApiError, bearerChallenge, headerSafe } from "./api-error.js";

/** What the API knows of the caller once its access token is verified. */
export interface VerifiedToken {
  /** The token's `client_id`: idempotency keys belong to it. */
  clientId: string;
  /** The token's `scope`, split on spaces. */
  scopes: ReadonlySet<string>;
  /** The token's `authorization_details` (entries that are not objects are dropped). */
  authorizationDetails: readonly AuthorizationDetail[];
  /** The token's `jti`, checked against revocations. */
  jti: string | undefined;
  /** Whether an account holder consented to it (Authorization Code grant and its refreshes). */
  fromAccountHolder: boolean;
}

export interface BearerSettings {
  /** The sandbox's own public key, the one published at /.well-known/jwks.json. */
  publicKey: CryptoKey;
  /** The sandbox URL: the tokens' `iss` and `aud`. */
  issuer: string;
  jwksUrl: string;
  tokenUrl: string;
  /** Access tokens revoked (RFC 7009, or a replayed code or refresh token) before they expire. */
  isRevoked: (jti: string) => boolean;
}

// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** 401 invalid_token, with the same description in the challenge and the JSON body. */
export function invalidToken(description: string): ApiError {
  const safe = headerSafe(description);
  return new ApiError(401, "invalid_token", safe, { "WWW-Authenticate": bearerChallenge("invalid_token", safe) });
}

function describeFailure(err: unknown, settings: BearerSettings): string {
  if (err instanceof errors.JWTExpired) {
    const exp = typeof err.payload.exp === "number" ? new Date(err.payload.exp * 1000).toISOString() : "an earlier time";
    return `the access token expired at ${exp}; get a new one at ${settings.tokenUrl}`;
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) {
    return `the access token's signature does not verify with this sandbox's signing key (${settings.jwksUrl}); it was altered, or signed by another server or an earlier run of the sandbox`;
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "iss") {
      const iss = typeof err.payload.iss === "string" ? `is ${err.payload.iss}` : "is missing";
      return `the access token's issuer (iss) ${iss}; this sandbox accepts only its own, ${settings.issuer}`;
    }
    if (err.claim === "aud") return `the access token's audience (aud) must be ${settings.issuer}`;
    if (err.claim === "typ") return "the access token's header typ must be at+jwt";
    return `the access token's ${err.claim} claim is not valid (${err.reason})`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return `the access token must be signed with ${SIGNING_ALG}`;
  return "the access token is not a well-formed signed JWT";
}

function readClaims(payload: JWTPayload): VerifiedToken {
  const clientId = payload.client_id;
  if (typeof clientId !== "string" || clientId === "") throw invalidToken("the access token has no client_id claim");
  const scope = typeof payload.scope === "string" ? payload.scope : "";
  const details = Array.isArray(payload.authorization_details) ? payload.authorization_details : [];
  return {
    clientId,
    jti: typeof payload.jti === "string" ? payload.jti : undefined,
    fromAccountHolder: payload.gty === ACCOUNT_HOLDER_GRANT,
    scopes: new Set(scope.split(" ").filter((s) => s !== "")),
    authorizationDetails: details.filter(
      (d): d is AuthorizationDetail => typeof d === "object" && d !== null && !Array.isArray(d),
    ),
  };
}

/**
 * Reads `Authorization: Bearer <token>` and verifies the token as the sandbox's own: RS256
 * signature with the sandbox's key, `typ: at+jwt`, `iss` and `aud` the sandbox URL, `exp`
 * not passed (no leeway), not revoked. Throws a 401 invalid_token ApiError that says what is wrong.
 */
export async function verifyBearer(authorization: string | undefined, settings: BearerSettings): Promise<VerifiedToken> {
  if (authorization === undefined || authorization.trim() === "") {
    throw invalidToken(`this API needs an access token: send Authorization: Bearer <token>, with a token from ${settings.tokenUrl}`);
  }
  const token = BEARER.exec(authorization)?.[1];
  if (token === undefined) throw invalidToken("the Authorization header must be Bearer followed by the access token");

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, settings.publicKey, {
      algorithms: [SIGNING_ALG],
      issuer: settings.issuer,
      audience: settings.issuer,
      typ: "at+jwt",
    }));
  } catch (err) {
    throw invalidToken(describeFailure(err, settings));
  }
  const verified = readClaims(payload);
  if (verified.jti !== undefined && settings.isRevoked(verified.jti)) {
    throw invalidToken(`the access token was revoked; get a new one at ${settings.tokenUrl}`);
  }
  return verified;
}
