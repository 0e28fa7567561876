import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import type { CryptoKey, JWK } from "jose";

export const SIGNING_ALG = "RS256";

export interface SigningKey {
  privateKey: CryptoKey;
  /** Verifies the sandbox's own tokens (the API's bearer check). */
  publicKey: CryptoKey;
  /** The public half as published in the JWKS (kid, alg, use included). */
  publicJwk: JWK;
  kid: string;
}

/** A fresh RSA key pair per start; the kid is its RFC 7638 SHA-256 thumbprint. */
export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  return { privateKey, publicKey, kid, publicJwk: { ...jwk, kid, alg: SIGNING_ALG, use: "sig" } };
}
