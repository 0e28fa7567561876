import { describe, expect, it } from "vitest";
import { SplicedJson } from "./body-source.js";

describe("SplicedJson", () => {
  it("writes each placeholder's text in its place, and a caller's string that looks like one stays a string", () => {
    const json = new SplicedJson();
    const rows = [
      { id: 1, input: { body: json.placeholder('{"n": 1e400, "s": "\\u00e9"}'), headers: {} } },
      { id: 2, input: { body: "fluxo-json-00000000-0000-0000-0000-000000000000", headers: {} } },
      { id: 3, input: { body: json.placeholder("[ 1 , 2 ]") } },
    ];
    expect(json.stringify(rows)).toBe('[{"id":1,"input":{"body":{"n": 1e400, "s": "\\u00e9"},"headers":{}}},{"id":2,"input":{"body":"fluxo-json-00000000-0000-0000-0000-000000000000","headers":{}}},{"id":3,"input":{"body":[ 1 , 2 ]}}]');
  });

  it("is JSON.stringify when nothing was spliced", () => {
    expect(new SplicedJson().stringify({ a: [1, "b"] })).toBe('{"a":[1,"b"]}');
  });
});
