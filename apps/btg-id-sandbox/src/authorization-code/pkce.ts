import { createHash } from "node:crypto";

// RFC 7636 §4.1: code_verifier = 43*128unreserved
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
// An S256 challenge is the base64url (no padding) of a SHA-256 digest: 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

export function isWellFormedS256Challenge(challenge: string): boolean {
  return S256_CHALLENGE.test(challenge);
}

/** RFC 7636 §4.6: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  return createHash("sha256").update(verifier, "ascii").digest("base64url") === challenge;
}
