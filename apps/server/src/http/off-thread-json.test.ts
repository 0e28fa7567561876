import { describe, expect, it } from "vitest";
import { JsonTextChecker, OFF_THREAD_MIN_BYTES } from "./off-thread-json.js";

/** A body past the off-thread threshold whose item `at` has `bad` as its text `s` (or as a key, `asKey`). */
function bigBody(bad: string, at: number, asKey = false): Buffer {
  const items = Array.from({ length: Math.ceil(OFF_THREAD_MIN_BYTES / 10) }, (_, i) => (i === at ? (asKey ? { [bad]: 1 } : { s: bad }) : { s: `item ${i}` }));
  return Buffer.from(JSON.stringify({ items }));
}

describe("the JSON check's worker thread", () => {
  const checker = new JsonTextChecker();

  it("says where a big body holds a NUL or half a character, value or key, as the search on the event loop would", async () => {
    expect(await checker.check(bigBody("a\u0000b", 3000))).toMatchObject({ mayHoldUnstorable: true, unstorable: { path: "body.items.3000.s", codeUnit: 0, position: 2 } });
    expect(await checker.check(bigBody("xy\ud800", 12))).toMatchObject({ unstorable: { path: "body.items.12.s", codeUnit: 0xd800, position: 3 } });
    expect(await checker.check(bigBody("k\udc00", 7, true))).toMatchObject({ unstorable: { path: "body.items.7 (key)", codeUnit: 0xdc00, position: 2 } });
  });

  it("finds nothing in a whole pair, and doesn't look when no escape could make such a text", async () => {
    expect(await checker.check(bigBody("\ud83d\ude00", 5))).toMatchObject({ mayHoldUnstorable: false, unstorable: null });
    expect(await checker.check(Buffer.from(bigBody("x", 5).toString().replace('"x"', '"\\ud83d\\ude00"')))).toMatchObject({ mayHoldUnstorable: true, unstorable: null });
  });
});
