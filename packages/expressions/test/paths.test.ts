import { describe, expect, it } from "vitest";
import { evaluateTemplate } from "../src/evaluator.js";
import { parseTemplate } from "../src/parser.js";
import { pathExpression } from "../src/paths.js";

const data = {
  input: { body: { account: "123", items: [{ id: "a" }, { id: "b" }] }, headers: { "x-tenant": "t1" }, query_params: {} },
  steps: { credentials: { code: 200, headers: {}, body: { access_token: "tok", "token-type": "Bearer" } } },
};

describe("pathExpression", () => {
  it("reads a path of names with dots", () => {
    expect(pathExpression(["input", "body", "account"])).toBe("{{ .input.body.account }}");
    expect(pathExpression(["steps", "credentials", "body"])).toBe("{{ .steps.credentials.body }}");
  });

  it("switches to index from the first segment that isn't a name: a header with a dash, a list position", () => {
    expect(pathExpression(["input", "headers", "x-tenant"])).toBe('{{ index .input.headers "x-tenant" }}');
    expect(pathExpression(["input", "body", "items", 1, "id"])).toBe('{{ index .input.body.items 1 "id" }}');
  });

  it("writes expressions the evaluator reads back to the same value", () => {
    const cases: [(string | number)[], unknown][] = [
      [["input", "body", "account"], "123"],
      [["input", "headers", "x-tenant"], "t1"],
      [["input", "body", "items", 1, "id"], "b"],
      [["steps", "credentials", "body", "token-type"], "Bearer"],
    ];
    for (const [path, value] of cases) expect(evaluateTemplate(parseTemplate(pathExpression(path)), data)).toBe(value);
  });
});
