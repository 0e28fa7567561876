import { describe, expect, it } from "vitest";
import { EMPTY_TRIGGER_INPUT_TEXT, parseTriggerInput } from "./triggerInput.js";

describe("parseTriggerInput", () => {
  it("accepts the starting template and an empty text", () => {
    expect(parseTriggerInput(EMPTY_TRIGGER_INPUT_TEXT)).toEqual({ ok: true, input: { body: {}, headers: {}, query_params: {} } });
    expect(parseTriggerInput("  ")).toEqual({ ok: true, input: { body: null, headers: {}, query_params: {} } });
  });

  it("fills the parts left out", () => {
    expect(parseTriggerInput('{ "body": { "locations": ["a", "b"] } }')).toEqual({
      ok: true,
      input: { body: { locations: ["a", "b"] }, headers: {}, query_params: {} },
    });
  });

  it("accepts repeated query params as lists", () => {
    const result = parseTriggerInput('{ "query_params": { "tag": ["x", "y"], "page": "1" }, "headers": { "x-tenant": "t1" } }');
    expect(result.ok && result.input.query_params).toEqual({ tag: ["x", "y"], page: "1" });
  });

  it("explains malformed JSON", () => {
    const result = parseTriggerInput('{ "body": ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem.code).toBe("invalid_json");
  });

  it("places malformed JSON by line and column, without the parser's English words", () => {
    // Node's V8 says "Expected double-quoted property name in JSON at position 14 (line 2 column 5)".
    const result = parseTriggerInput('{ "body": {\n    x: 1 } }');
    expect(!result.ok && result.problem).toEqual({ code: "invalid_json", line: 2, column: 5 });
  });

  it("rejects what is not an object, unknown keys and badly typed parts", () => {
    expect(parseTriggerInput("[1]")).toEqual({ ok: false, problem: { code: "not_an_object" } });
    expect(parseTriggerInput('{ "bdy": {} }')).toEqual({ ok: false, problem: { code: "unknown_key", key: "bdy" } });
    const badHeader = parseTriggerInput('{ "headers": { "x-n": 1 } }');
    expect(!badHeader.ok && badHeader.problem).toMatchObject({ code: "invalid_field", path: "headers.x-n" });
  });
});
