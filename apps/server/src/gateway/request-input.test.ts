import { describe, expect, it } from "vitest";
import { parseBody } from "./request-input.js";

describe("gateway request bodies", () => {
  it("parses JSON, forms and text by content type", () => {
    expect(parseBody("application/json; charset=utf-8", Buffer.from('{"account":"a/1"}'))).toEqual({ account: "a/1" });
    expect(parseBody("application/x-www-form-urlencoded", Buffer.from("a=1&b=2&a=3"))).toEqual({ a: ["1", "3"], b: "2" });
    expect(parseBody("text/plain", Buffer.from("olá"))).toBe("olá");
    expect(parseBody("", undefined)).toBeNull();
  });

  it("refuses malformed JSON and bytes that aren't UTF-8", () => {
    expect(() => parseBody("application/json", Buffer.from("{"))).toThrow(/JSON válido/);
    expect(() => parseBody("application/octet-stream", Buffer.from([0xff, 0xfe]))).toThrow(/UTF-8/);
  });
});
