/**
 * Decodes (never verifies) a compact JWS/JWE so the step details can show what BTG-ID
 * granted. Verification is the resource server's job; here we only display.
 */
export type DecodedToken =
  | { kind: "jws"; header: Record<string, unknown>; claims: Record<string, unknown> }
  | { kind: "jwe"; header: Record<string, unknown> }
  | { kind: "invalid"; reason: "not-a-jwt" | "bad-encoding" };

export function decodeJwt(token: string): DecodedToken {
  const parts = token.trim().split(".");
  if (parts.length !== 3 && parts.length !== 5) return { kind: "invalid", reason: "not-a-jwt" };
  const header = decodeJsonSegment(parts[0]!);
  if (!header) return { kind: "invalid", reason: "bad-encoding" };
  if (parts.length === 5) return { kind: "jwe", header };
  const claims = decodeJsonSegment(parts[1]!);
  if (!claims) return { kind: "invalid", reason: "bad-encoding" };
  return { kind: "jws", header, claims };
}

/** RFC 4648 §5 base64url (padding optional) to UTF-8 text; null when malformed. */
export function base64UrlDecode(segment: string): string | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(segment)) return null;
  const unpadded = segment.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return null;
  const base64 = unpadded.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(unpadded.length / 4) * 4, "=");
  try {
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeJsonSegment(segment: string): Record<string, unknown> | null {
  const text = base64UrlDecode(segment);
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A NumericDate claim (seconds since the epoch) as a Date, or null when absent/invalid. */
export function numericDate(value: unknown): Date | null {
  return typeof value === "number" && Number.isFinite(value) ? new Date(value * 1000) : null;
}

/** Shows the first and last characters only, so a token on screen can't be lifted from a screenshot. */
export function maskToken(token: string): string {
  if (token.length <= 16) return "•".repeat(token.length);
  return `${token.slice(0, 8)}${"•".repeat(12)}${token.slice(-6)}`;
}
