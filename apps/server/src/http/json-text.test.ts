import { describe, expect, it } from "vitest";
import { checkJsonText } from "./json-text.mjs";

const check = (text: string) => checkJsonText(Buffer.from(text));

describe("the checks a JSON body passes before it is parsed", () => {
  it("says when the parsed value may hold text PostgreSQL can't store: only through a NUL or surrogate escape", () => {
    expect(check(String.raw`{"a":"\u0000"}`)).toMatchObject({ mayHoldUnstorable: true });
    expect(check(String.raw`{"a":"\uD800"}`)).toMatchObject({ mayHoldUnstorable: true });
    expect(check(String.raw`{"a":"\udc00"}`)).toMatchObject({ mayHoldUnstorable: true });
    // A whole pair is storable but is flagged too: the caller then looks (no false "storable").
    expect(check(String.raw`{"a":"\ud83d\ude00"}`)).toMatchObject({ mayHoldUnstorable: true });
    expect(check(String.raw`{"a":"\u00e9 ação 😀","b":[1,{"c":null}]}`)).toEqual({ text: String.raw`{"a":"\u00e9 ação 😀","b":[1,{"c":null}]}`, mayHoldUnstorable: false });
  });

  it("refuses bytes that aren't UTF-8, prototype keys and deep nesting, saying why", () => {
    expect(checkJsonText(Buffer.from([0x7b, 0xff, 0x7d]))).toEqual({ problem: { code: "body.not_utf8" } });
    expect(check('{"constructor": {}}')).toEqual({ problem: { code: "body.prototype_key" } });
    expect(check('{"texto":"\\"constructor\\": is fine inside a string"}')).toMatchObject({ mayHoldUnstorable: false });
    expect(check(`${"[".repeat(65)}${"]".repeat(65)}`)).toEqual({ problem: { code: "body.too_deep", params: { max: 64 } } });
    expect(check(`${"[".repeat(64)}${"]".repeat(64)}`)).toMatchObject({ mayHoldUnstorable: false });
  });

  it("sees keys as JSON decodes them: an escaped spelling of a prototype key is refused, a value spelled so is not", () => {
    const prototypeKey = { problem: { code: "body.prototype_key" } };
    for (const key of [String.raw`\u005f_proto__`, String.raw`__pro\u0074o__`, String.raw`\u0063onstructor`, String.raw`prototyp\u0065`, String.raw`\u005F\u005F\u0070\u0072\u006F\u0074\u006F\u005F\u005F`, "prototype"]) {
      expect(check(`{"a": [1, {"${key}" : {}}]}`), key).toEqual(prototypeKey);
      expect(check(`{"a":\n"${key}"\t:1}`), key).toEqual(prototypeKey);
    }
    expect(check(String.raw`{"texto": "\u005f_proto__", "lista": ["\u0063onstructor", "prototype"], "__proto__x": 1, "\u005f_proto": 2}`)).toMatchObject({ mayHoldUnstorable: false });
    expect(check(String.raw`{"a\"constructor": 1, "b": "\\", "constructor\\": 2}`)).toMatchObject({ mayHoldUnstorable: false });
  });
});
