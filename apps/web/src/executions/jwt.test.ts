import { describe, expect, it } from "vitest";
import { base64UrlDecode, decodeJwt, maskToken, numericDate } from "./jwt.js";

function b64url(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

describe("decodeJwt", () => {
  const header = { alg: "RS256", typ: "at+jwt", kid: "k1" };
  const claims = {
    iss: "http://127.0.0.1:3100",
    sub: "demo-client",
    client_id: "demo-client",
    scope: "apps",
    iat: 1_700_000_000,
    exp: 1_700_086_400,
    authorization_details: [{ type: "accounts", resource: "conta-ção", locations: ["https://api"], privileges: ["read"] }],
  };

  it("decodes a JWS's header and claims, including non-ASCII text", () => {
    const decoded = decodeJwt(`${b64url(header)}.${b64url(claims)}.c2lnbmF0dXJl`);
    expect(decoded).toEqual({ kind: "jws", header, claims });
  });

  it("reads base64url characters (- and _) that plain base64 would reject", () => {
    const tricky = { v: "??>>~~" }; // encodes to a segment containing '-' or '_'
    const segment = b64url(tricky);
    expect(segment).toMatch(/[-_]/);
    expect(base64UrlDecode(segment)).toBe(JSON.stringify(tricky));
  });

  it("accepts padded segments", () => {
    expect(base64UrlDecode("YQ==")).toBe("a");
    expect(base64UrlDecode("YQ")).toBe("a");
  });

  it("reports a five-part token as encrypted and decodes only its header", () => {
    const jweHeader = { alg: "RSA-OAEP-256", enc: "A256GCM" };
    expect(decodeJwt(`${b64url(jweHeader)}.a.b.c.d`)).toEqual({ kind: "jwe", header: jweHeader });
  });

  it("rejects what isn't a JWT", () => {
    expect(decodeJwt("opaque-token")).toEqual({ kind: "invalid", reason: "not-a-jwt" });
    expect(decodeJwt("a.b")).toEqual({ kind: "invalid", reason: "not-a-jwt" });
    expect(decodeJwt("!!!.e30.x")).toEqual({ kind: "invalid", reason: "bad-encoding" });
    expect(decodeJwt(`${b64url(header)}.${b64url([1, 2])}.x`)).toEqual({ kind: "invalid", reason: "bad-encoding" });
    expect(decodeJwt(`${b64url(header)}.bm90IGpzb24.x`)).toEqual({ kind: "invalid", reason: "bad-encoding" });
  });
});

describe("numericDate", () => {
  it("converts seconds to a Date and ignores anything else", () => {
    expect(numericDate(1_700_000_000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(numericDate("1700000000")).toBeNull();
    expect(numericDate(undefined)).toBeNull();
  });
});

describe("maskToken", () => {
  it("keeps only the ends of a token visible", () => {
    const masked = maskToken("eyJhbGciOiJSUzI1NiJ9.payload.signature");
    expect(masked.startsWith("eyJhbGci")).toBe(true);
    expect(masked.endsWith("nature")).toBe(true);
    expect(masked).not.toContain("payload");
    expect(maskToken("short")).toBe("•••••");
  });
});
