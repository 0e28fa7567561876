import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./secret-box.js";

describe("SecretBox", () => {
  it("gives every sealing its own nonce, across refills of the nonce block, and opens each", () => {
    const box = new SecretBox(randomBytes(32));
    // More than two blocks of 1 024 nonces.
    const sealed = Array.from({ length: 2_500 }, (_, i) => box.seal(`token ${i}`));
    expect(new Set(sealed.map((s) => s.iv)).size).toBe(sealed.length);
    expect(sealed.every((s) => Buffer.from(s.iv, "base64").length === 12)).toBe(true);
    expect(sealed.map((s) => box.open(s))).toEqual(sealed.map((_, i) => `token ${i}`));
  });

  it("seals the same value differently each time, and a changed ciphertext does not open", () => {
    const box = new SecretBox(randomBytes(32));
    const a = box.seal("segredo");
    const b = box.seal("segredo");
    expect(a.ct).not.toBe(b.ct);
    const tampered = { ...a, ct: Buffer.from(Buffer.from(a.ct, "base64").map((byte, i) => (i === 0 ? byte ^ 1 : byte))).toString("base64") };
    expect(() => box.open(tampered)).toThrow();
  });
});
