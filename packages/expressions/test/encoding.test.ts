import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64Decode, base64Encode, utf8Decode, utf8Encode, utf8Length } from "../src/encoding.js";
import { run, sampleData } from "./helpers.js";

// Node's Buffer and TextDecoder are the reference here; the package itself uses neither.
describe("UTF-8", () => {
  it("encodes like Buffer, including lone surrogates", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((code) => String.fromCharCode(code)) }), (a, b) => {
        const text = a + b;
        expect([...utf8Encode(text)]).toEqual([...Buffer.from(text, "utf8")]);
        expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
      }),
    );
  });

  it("decodes like TextDecoder in fatal mode", () => {
    const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let expected: string | null;
        try {
          expected = decoder.decode(bytes);
        } catch {
          expected = null;
        }
        expect(utf8Decode(bytes, true)).toBe(expected);
      }),
    );
  });

  it("round-trips text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(utf8Decode(utf8Encode(text), true)).toBe(text);
      }));
  });

  it("replaces invalid bytes when not fatal", () => {
    expect(utf8Decode([0x61, 0xff, 0x62, 0xe2, 0x82], false)).toBe("a\ufffdb\ufffd\ufffd");
    expect(utf8Decode([0xc0, 0x80], true)).toBeNull();
    expect(utf8Decode([0xed, 0xa0, 0x80], true)).toBeNull();
    expect(utf8Decode([0xf4, 0x90, 0x80, 0x80], true)).toBeNull();
  });
});

describe("base64", () => {
  it("encodes like Buffer", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(base64Encode(bytes)).toBe(Buffer.from(bytes).toString("base64"));
      }));
  });
  it("decodes what it encodes, with or without padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = base64Encode(bytes);
        expect([...(base64Decode(encoded) ?? [])]).toEqual([...bytes]);
        expect([...(base64Decode(encoded.replace(/=+$/, "")) ?? [])]).toEqual([...bytes]);
      }),
    );
  });
  it("refuses text that is not base64", () => {
    for (const text of ["a", "ab=c", "abc==", "a===", "ab!c", "YQ=", "Y Q=="]) expect(base64Decode(text)).toBeNull();
  });
  it("b64dec(b64enc(s)) is s for any text in templates", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const data = sampleData();
        data.input.body = { text };
        expect(run("{{ .input.body.text | b64enc | b64dec }}", data)).toBe(text);
        expect(run("{{ .input.body.text | b64enc }}", data)).toBe(Buffer.from(text, "utf8").toString("base64"));
      }),
    );
  });
});
