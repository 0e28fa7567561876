import { describe, expect, it } from "vitest";
import { OFF_THREAD_MIN_BYTES } from "../http/off-thread-json.js";
import { parseBody } from "./request-input.js";

describe("gateway request bodies", () => {
  it("parses JSON, forms and text by content type", async () => {
    expect(await parseBody("application/json; charset=utf-8", Buffer.from('{"account":"a/1"}'))).toEqual({ account: "a/1" });
    expect(await parseBody("application/x-www-form-urlencoded", Buffer.from("a=1&b=2&a=3"))).toEqual({ a: ["1", "3"], b: "2" });
    expect(await parseBody("text/plain", Buffer.from("olá"))).toBe("olá");
    expect(await parseBody("", undefined)).toBeNull();
  });

  it("refuses malformed JSON and bytes that aren't UTF-8", async () => {
    await expect(parseBody("application/json", Buffer.from("{"))).rejects.toThrow(/JSON válido/);
    await expect(parseBody("application/octet-stream", Buffer.from([0xff, 0xfe]))).rejects.toThrow(/UTF-8/);
  });

  /** A JSON body past the off-thread threshold, `inner` placed in it. */
  const big = (inner: string) => Buffer.from(`{"pad":"${"x".repeat(OFF_THREAD_MIN_BYTES)}",${inner}}`);

  it("checks a big JSON body in a worker thread with the same answers: parsed, or refused saying why", async () => {
    expect(await parseBody("application/json", big('"conta":"001"'))).toMatchObject({ conta: "001" });
    await expect(parseBody("application/json", big('"conta":"001",'))).rejects.toThrow(/JSON válido/);
    await expect(parseBody("application/json", Buffer.concat([big('"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]))).rejects.toThrow("o corpo não é UTF-8 válido; envie o JSON codificado em UTF-8");
    await expect(parseBody("application/json", big('"__proto__":{"admin":true}'))).rejects.toThrow(/chave proibida \(__proto__, constructor ou prototype\)/);
    await expect(parseBody("application/json", big(`"fundo":${"[".repeat(65)}${"]".repeat(65)}`))).rejects.toThrow(/mais de 64 níveis/);
  });

  it("keeps the event loop turning while a big body is checked: other requests are answered meanwhile", async () => {
    const body = Buffer.from(JSON.stringify({ big: "x".repeat(20 * 1024 * 1024) }));
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    try {
      const parsed = (await parseBody("application/json", body)) as { big: string };
      // Checked in place, the scans would run to the end before any timer; the worker leaves the loop free.
      expect(turns).toBeGreaterThan(0);
      expect(parsed.big).toHaveLength(20 * 1024 * 1024);
    } finally {
      clearInterval(ticking);
    }
  });
});
