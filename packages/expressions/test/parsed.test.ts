import { describe, expect, it } from "vitest";
import { ExpressionError } from "../src/index.js";
import { parsedTemplate } from "../src/parsed.js";

describe("parsedTemplate", () => {
  it("parses a template once and hands every later run the same one", () => {
    const first = parsedTemplate("{{ .input.body.account }}");
    expect(parsedTemplate("{{ .input.body.account }}")).toBe(first);
    expect(parsedTemplate("{{ .input.body.other }}")).not.toBe(first);
  });

  it("refuses a template that doesn't parse every time, remembering nothing", () => {
    expect(() => parsedTemplate("{{ .input. }}")).toThrow(ExpressionError);
    expect(() => parsedTemplate("{{ .input. }}")).toThrow(ExpressionError);
  });

  it("parses a long template each time instead of keeping it", () => {
    const long = `{{ .input.body.a }}${"x".repeat(3_000)}`;
    expect(parsedTemplate(long)).not.toBe(parsedTemplate(long));
    expect(parsedTemplate(long).source).toBe(long);
  });
});
