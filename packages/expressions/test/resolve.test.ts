import { describe, expect, it } from "vitest";
import { collectReferences, ExpressionError, parseTemplate, resolveValue } from "../src/index.js";
import { errorOf, sampleData } from "./helpers.js";

describe("resolveValue", () => {
  it("evaluates strings with '{{' deep inside arrays and objects, keeping types", () => {
    const raw = {
      grantType: "client_credentials",
      authorizationDetails: [
        { type: "account", resource: "conta {{ .input.body.payload_campo_1 }}", locations: "{{ .input.body.locations }}", privileges: ["read"] },
      ],
      expiresIn: "{{ .steps.credentials.body.expires_in }}",
      count: 3,
      enabled: false,
      none: null,
    };
    expect(resolveValue(raw, sampleData())).toEqual({
      grantType: "client_credentials",
      authorizationDetails: [{ type: "account", resource: "conta valor 1", locations: ["https://api.btgpactual.com/contas"], privileges: ["read"] }],
      expiresIn: 86400,
      count: 3,
      enabled: false,
      none: null,
    });
  });

  it("returns strings without '{{' and other values untouched", () => {
    expect(resolveValue("texto }} simples", sampleData())).toBe("texto }} simples");
    expect(resolveValue(12, sampleData())).toBe(12);
    expect(resolveValue(undefined, sampleData())).toBeUndefined();
    const date = new Date(0);
    expect(resolveValue({ when: date }, sampleData())).toEqual({ when: date });
  });

  it("does not modify the raw value", () => {
    const raw = { a: ["{{ 1 }}"] };
    resolveValue(raw, sampleData());
    expect(raw).toEqual({ a: ["{{ 1 }}"] });
  });

  it("keeps a '__proto__' key as a plain own key", () => {
    const raw = JSON.parse('{"__proto__": "{{ 1 }}", "b": 2}') as unknown;
    const resolved = resolveValue(raw, sampleData()) as Record<string, unknown>;
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(Object.hasOwn(resolved, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(resolved, "__proto__")?.value).toBe(1);
  });

  it("adds the value path to evaluation errors", () => {
    const raw = { authorizationDetails: [{ type: "x", locations: "{{ .input.body.conta }}" }] };
    const error = errorOf(() => resolveValue(raw, sampleData()));
    expect(error.path).toBe("authorizationDetails.0.locations");
    expect(error.message).toBe("coluna 4: .input.body.conta não existe");
    expect(error.code).toBe("missing_path");
    expect(error.column).toBe(4);
  });

  it("adds the value path to parse errors", () => {
    const error = errorOf(() => resolveValue({ a: { b: "{{ .x " } }, sampleData()));
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error.path).toBe("a.b");
    expect(error.message).toBe("coluna 7: esperava '}}'");
  });

  it("uses an empty path for a template that is the whole value", () => {
    expect(errorOf(() => resolveValue("{{ nope }}", sampleData())).path).toBe("");
  });

  it("passes options through", () => {
    expect(resolveValue(["{{ now }}"], sampleData(), { now: () => new Date(0) })).toEqual(["1970-01-01T00:00:00.000Z"]);
    expect(errorOf(() => resolveValue(["{{ 1 }}", "{{ 2 }}"], sampleData(), { maxSteps: 1 })).path).toBe("1");
  });
});

describe("collectReferences", () => {
  it("lists step ids and paths in order of appearance, once each", () => {
    const template = parseTemplate(
      "{{ .steps.credentials.body.access_token }} {{ .input.body.a | default .steps.lookup.code }} {{ .steps.credentials.body.access_token }}",
    );
    expect(collectReferences(template)).toEqual({
      stepIds: ["credentials", "lookup"],
      paths: [".steps.credentials.body.access_token", ".input.body.a", ".steps.lookup.code"],
    });
  });

  it("extends paths with literal index keys", () => {
    const template = parseTemplate('{{ index .input.headers "x-key" }} {{ index .steps "my_step" "body" 0 }} {{ index .input.body .input.query_params.k }}');
    expect(collectReferences(template)).toEqual({
      stepIds: ["my_step"],
      paths: ['.input.headers["x-key"]', ".steps.my_step.body[0]", ".input.body", ".input.query_params.k"],
    });
  });

  it("looks inside parentheses and function arguments, normalises '$', and lists a bare '.'", () => {
    const template = parseTemplate("{{ (fromJson $.input.body.raw).x }} {{ toJson (or .steps.a.body .steps.b.body) }} {{ . | toJson }}");
    expect(collectReferences(template)).toEqual({
      stepIds: ["a", "b"],
      paths: [".input.body.raw", ".steps.a.body", ".steps.b.body", "."],
    });
  });

  it("does not count '.steps' alone as a step", () => {
    expect(collectReferences(parseTemplate("{{ .steps | toJson }}"))).toEqual({ stepIds: [], paths: [".steps"] });
  });

  it("is empty for text without actions", () => {
    expect(collectReferences(parseTemplate("texto {{/* .steps.x */}}"))).toEqual({ stepIds: [], paths: [] });
  });
});
