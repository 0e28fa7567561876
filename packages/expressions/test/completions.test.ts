import { describe, expect, it } from "vitest";
import { completions, FUNCTIONS } from "../src/index.js";

const labels = (result: ReturnType<typeof completions>) => result?.options.map((option) => option.label) ?? null;
const context = {
  stepIds: ["credentials"],
  knownPaths: {
    input: { body: { conta: "1", cliente: { nome: "Ana", "nao-ident": 1, constructor: 2 } }, headers: { host: "h" } },
    steps: {
      credentials: { code: 200, headers: {}, body: { access_token: "segredo", expires_in: 86400, scope: "apps" } },
      later: { body: { x: 1 } },
    },
  },
};

/** Text with '‸' marking the cursor. */
function at(textWithCursor: string, ctx: Parameters<typeof completions>[2] = context) {
  const cursor = textWithCursor.indexOf("‸");
  expect(cursor).toBeGreaterThanOrEqual(0);
  return completions(textWithCursor.slice(0, cursor) + textWithCursor.slice(cursor + 1), cursor, ctx);
}

describe("completions", () => {
  it("offers the data roots, each step and its parts, then functions, right after '{{'", () => {
    const result = at("Conta {{‸");
    expect(result).toMatchObject({ from: 8, to: 8 });
    expect(labels(result)).toEqual([
      ".input",
      ".input.body",
      ".input.headers",
      ".input.query_params",
      ".input.body.conta",
      ".input.body.cliente",
      ".input.headers.host",
      ".steps",
      ".steps.credentials",
      ".steps.credentials.code",
      ".steps.credentials.headers",
      ".steps.credentials.body",
      ...FUNCTIONS.map((fn) => fn.name),
    ]);
    expect(result?.options.find((option) => option.label === ".steps.credentials.code")?.detail).toBe("código de status HTTP (número)");
    expect(result?.options.find((option) => option.label === "toJson")?.detail).toBe("toJson VALOR");
  });

  it("works without sample data", () => {
    expect(labels(at("{{ .‸", { stepIds: ["a"] }))).toEqual([
      ".input", ".input.body", ".input.headers", ".input.query_params",
      ".steps", ".steps.a", ".steps.a.code", ".steps.a.headers", ".steps.a.body",
    ]);
  });

  it("filters paths by what was typed and goes one level deeper", () => {
    const result = at("{{ .steps.credentials.body.‸");
    expect(result).toMatchObject({ from: 3, to: 27 });
    expect(labels(result)).toEqual([
      ".steps.credentials.body.access_token",
      ".steps.credentials.body.expires_in",
      ".steps.credentials.body.scope",
    ]);
    expect(result?.options.map((option) => option.detail)).toEqual(["texto", "número", "texto"]);
    expect(labels(at("{{ .input.body.cliente.n‸"))).toEqual([".input.body.cliente.nome"]);
  });

  it("never shows sample values (they may be secrets)", () => {
    const result = at("{{ .steps.credentials.body.acc‸");
    expect(JSON.stringify(result)).not.toContain("segredo");
  });

  it("skips steps that are not listed, keys that need index, and prototype names", () => {
    expect(labels(at("{{ .steps.l‸"))).toBeNull();
    expect(labels(at("{{ .input.body.cliente.‸"))).toEqual([".input.body.cliente.nome"]);
  });

  it("replaces the whole word around the cursor", () => {
    expect(at("{{ .input.bo‸dy }}")).toMatchObject({ from: 3, to: 14 });
    expect(labels(at("{{ .input.bo‸dy }}"))).toEqual([".input.body", ".input.body.conta", ".input.body.cliente"]);
  });

  it("matches case-insensitively", () => {
    expect(labels(at("{{ .INPUT.H‸"))).toEqual([".input.headers", ".input.headers.host"]);
    expect(labels(at("{{ .a | TOj‸"))).toEqual(["toJson"]);
  });

  it("offers only functions after '|' and for a typed name", () => {
    expect(labels(at("{{ .input.body | ‸"))).toEqual(FUNCTIONS.map((fn) => fn.name));
    expect(labels(at("{{ .input.body |to‸"))).toEqual(["toJson"]);
    expect(labels(at("{{ b64‸"))).toEqual(["b64enc", "b64dec"]);
    expect(at("{{ .input.body | .i‸")).toBeNull();
  });

  it("offers paths after '(' and after a function name", () => {
    expect(labels(at("{{ toJson (.input.q‸"))).toEqual([".input.query_params"]);
    expect(labels(at("{{ toJson ‸"))).toContain(".input.body");
  });

  it("completes '$' paths with the '$' kept", () => {
    expect(labels(at("{{ $.input.q‸"))).toEqual(["$.input.query_params"]);
  });

  it("returns null outside actions, inside strings and comments, after ')' and for numbers", () => {
    expect(at("texto ‸")).toBeNull();
    expect(at("{‸{")).toBeNull();
    expect(at("{{ .a }} depois ‸")).toBeNull();
    expect(at('{{ index .input.headers "x-‸')).toBeNull();
    expect(at("{{ `raw ‸")).toBeNull();
    expect(at("{{/* comentário ‸")).toBeNull();
    expect(at("{{ (fromJson .input.body.raw).‸")).toBeNull();
    expect(at("{{ 12‸")).toBeNull();
    expect(at('{{ "a"‸')).toBeNull();
    expect(at("{{ .nada‸")).toBeNull();
  });

  it("finds the action after strings containing braces and after closed actions", () => {
    expect(labels(at('{{ "}}" }} e {{ .input.he‸'))).toEqual([".input.headers", ".input.headers.host"]);
    expect(at('{{ "}}‸" }}')).toBeNull();
    expect(labels(at('{{ "a\\"}}" | up‸'))).toEqual(["upper"]);
  });

  it("rejects cursors outside the text", () => {
    expect(completions("{{ ", -1, context)).toBeNull();
    expect(completions("{{ ", 4, context)).toBeNull();
    expect(completions("{{ ", 1.5, context)).toBeNull();
  });
});

describe("completions for a field evaluated on each answer", () => {
  it("offers .response only when the field is perResponse", () => {
    const labels = (perResponse: boolean) => completions("{{ .resp", 8, { stepIds: [], perResponse })?.options.map((o) => o.label) ?? [];
    expect(labels(true)).toEqual(expect.arrayContaining([".response", ".response.body"]));
    expect(labels(false)).not.toContain(".response");
  });
});
