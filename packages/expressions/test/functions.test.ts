import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluateTemplate, FUNCTIONS, parseTemplate, type EvaluationData } from "../src/index.js";
import { FIXED_NOW, run, runError, sampleData } from "./helpers.js";

describe("FUNCTIONS metadata", () => {
  const implemented = [
    "index", "toJson", "fromJson", "default", "upper", "lower", "trim", "quote", "b64enc", "b64dec",
    "join", "split", "len", "now", "eq", "ne", "and", "or", "not", "urlPath",
  ];

  it("documents exactly the whitelisted functions, once each", () => {
    expect(FUNCTIONS.map((fn) => fn.name)).toEqual(implemented);
  });

  it("has a signature starting with the name, a description in each language and an example using it", () => {
    for (const fn of FUNCTIONS) {
      for (const language of ["pt-BR", "en"] as const) {
        expect(fn.signature[language].startsWith(fn.name)).toBe(true);
        expect(fn.description[language].length).toBeGreaterThan(10);
      }
      // The English help has none of the Portuguese placeholders (COLEÇÃO, TEXTO…) nor words.
      expect(`${fn.signature.en} ${fn.description.en}`).not.toMatch(/[ãçéêíóõú]|\b(TEXTO|VALOR|LISTA|texto|lista|valor|caminho)\b/);
      expect(fn.example).toMatch(/^\{\{ .* \}\}$/);
      expect(fn.example).toMatch(new RegExp(`\\b${fn.name}\\b`));
    }
  });

  it("has examples that parse and evaluate", () => {
    const data: EvaluationData = {
      input: {
        body: {
          raw: '{"id": 1}', uf: "sp", email: "A@B.COM", nome: " Ana ", conteudo: "b2zDoQ==", scopes: ["a", "b"],
          itens: [1, 2, 3], tipo: "pix", ativo: true, verificado: false, apelido: "", teste: false,
          arquivo: "relatórios/2024 final#1.pdf",
        },
        headers: { "x-key": "k" },
        query_params: { campos: "a,b" },
      },
      steps: { credentials: { code: 200, headers: {}, body: {} } },
    };
    const results = Object.fromEntries(FUNCTIONS.map((fn) => [fn.name, run(fn.example, data)]));
    expect(results).toEqual({
      index: "k",
      toJson: '{"x-key":"k"}',
      fromJson: 1,
      default: "BRL",
      upper: "SP",
      lower: "a@b.com",
      trim: "Ana",
      quote: '" Ana "',
      b64enc: "dXN1YXJpbzpzZW5oYQ==",
      b64dec: "olá",
      join: "a b",
      split: ["a", "b"],
      len: 3,
      now: FIXED_NOW.toISOString(),
      eq: true,
      ne: false,
      and: false,
      or: " Ana ",
      not: true,
      urlPath: "relat%C3%B3rios/2024%20final%231.pdf",
    });
  });

  it("is documented in the README, each example verbatim", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const fn of FUNCTIONS) {
      expect(readme).toContain(`\`${fn.name} `.trimEnd());
      expect(readme).toContain(`\n${fn.example}\n`);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(FUNCTIONS)).toBe(true);
    expect(Object.isFrozen(FUNCTIONS[0])).toBe(true);
  });
});

describe("toJson / fromJson", () => {
  it("round-trips values", () => {
    expect(run("{{ .input.body.nested | toJson | fromJson }}")).toEqual({
      list: [{ id: 1 }, { id: 2, tags: ["x"] }],
      "with-dash": "dash",
      "0": "zero key",
    });
    expect(run('{{ toJson "a\\"b" }}')).toBe('"a\\"b"');
    expect(run("{{ toJson nil }}")).toBe("null");
  });
  it("reports invalid JSON and non-text input", () => {
    expect(runError('{{ fromJson "{nope" }}').message).toBe("coluna 13: fromJson: o texto não é um JSON válido");
    expect(runError("{{ fromJson 3 }}").message).toBe("coluna 13: fromJson: esperava texto, recebeu número");
  });
  it("reports values JSON cannot hold", () => {
    const data = sampleData();
    data.input.body = { big: 10n };
    expect(runError("{{ toJson .input.body }}", data).message).toBe("coluna 11: toJson: não foi possível converter o valor em JSON");
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    data.input.body = cyclic;
    // Measured before it is rendered: a cycle is endless, so it passes the output limit.
    expect(runError("x {{ .input.body }}", data).code).toBe("limit_output");
  });
});

describe("text functions", () => {
  it("upper / lower / trim", () => {
    expect(run('{{ upper "ação" }}')).toBe("AÇÃO");
    expect(run('{{ lower "AÇÃO" }}')).toBe("ação");
    expect(run("{{ .input.body.nome | trim }}")).toBe("João da Silva");
    expect(run('{{ trim "\\n\\t x \\r\\n" }}')).toBe("x");
  });
  it("require text", () => {
    expect(runError("{{ upper 3 }}").message).toBe("coluna 10: upper: esperava texto, recebeu número");
    expect(runError("{{ .input.body.scopes | lower }}").message).toBe("coluna 4: lower: esperava texto, recebeu lista");
    expect(runError("{{ trim nil }}").message).toBe("coluna 9: trim: esperava texto, recebeu nulo");
  });
  it("quote escapes like Go and joins several values", () => {
    expect(run('{{ quote "a\\"b\\\\c\\n\\t\\x01\\u007f é" }}')).toBe('"a\\"b\\\\c\\n\\t\\x01\\x7f é"');
    expect(run('{{ quote "a" 1 true nil .input.body.scopes }}')).toBe('"a" "1" "true" "[\\"openid\\",\\"apps\\"]"');
    expect(run('{{ quote "" }}')).toBe('""');
  });
  it("len counts characters, items and keys", () => {
    expect(run('{{ len "ação😀" }}')).toBe(5);
    expect(run("{{ len .input.body.scopes }}")).toBe(2);
    expect(run("{{ len .input.headers }}")).toBe(3);
    expect(runError("{{ len 3 }}").message).toBe("coluna 8: len: esperava texto, lista ou objeto, recebeu número");
  });
  it("join and split", () => {
    expect(run('{{ join "," .input.body.scopes }}')).toBe("openid,apps");
    expect(run('{{ join ", " (fromJson `[1, "a", null, true, {"k": 2}]`) }}')).toBe('1, a, true, {"k":2}');
    expect(run('{{ split "," "a,b,,c" }}')).toEqual(["a", "b", "", "c"]);
    expect(run('{{ split "" "aé😀" }}')).toEqual(["a", "é", "😀"]);
    expect(run('{{ "x y" | split " " | join "-" }}')).toBe("x-y");
    expect(runError('{{ join "," "abc" }}').message).toBe("coluna 13: join: esperava uma lista, recebeu texto");
    expect(runError('{{ join 1 .input.body.scopes }}').message).toBe("coluna 9: join: esperava texto, recebeu número");
    expect(runError('{{ split "," 5 }}').message).toBe("coluna 14: split: esperava texto, recebeu número");
  });
});

describe("base64", () => {
  it("encodes and decodes UTF-8 text", () => {
    expect(run('{{ b64enc "olá, mundo ✓" }}')).toBe("b2zDoSwgbXVuZG8g4pyT");
    expect(run("{{ .input.body.encoded | b64dec }}")).toBe("olá, mundo ✓");
    expect(run('{{ b64enc "" }}')).toBe("");
    expect(run('{{ b64dec "YQ" }}')).toBe("a");
    expect(run('{{ b64dec "YWJj\\nZA==" }}')).toBe("abcd");
  });
  it("reports invalid base64 and non-UTF-8 content", () => {
    expect(runError('{{ b64dec "***" }}').message).toBe("coluna 11: b64dec: o texto não é base64 válido");
    expect(runError('{{ b64dec "YQ=" }}').code).toBe("function_error");
    expect(runError('{{ b64dec "/w==" }}').message).toBe("coluna 11: b64dec: o conteúdo decodificado não é texto UTF-8");
  });
});

describe("now", () => {
  it("uses the clock from the options", () => {
    expect(run("{{ now }}")).toBe("2024-05-01T12:34:56.789Z");
    expect(run("em {{ now }}", sampleData(), { now: () => new Date(Date.UTC(2000, 0, 2)) })).toBe("em 2000-01-02T00:00:00.000Z");
  });
  it("reports an invalid clock", () => {
    expect(runError("{{ now }}", sampleData(), { now: () => new Date(Number.NaN) }).message).toBe(
      "coluna 4: now: o relógio devolveu uma data inválida",
    );
  });
  it("defaults to the system clock", () => {
    const before = Date.now();
    const value = evaluateTemplate(parseTemplate("{{ now }}"), sampleData());
    const after = Date.now();
    expect(typeof value).toBe("string");
    const time = Date.parse(value as string);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(after);
  });
});

describe("comparisons and logic", () => {
  it("eq / ne compare values of the same kind", () => {
    expect(run('{{ eq .input.body.payload_campo_1 "valor 1" }}')).toBe(true);
    expect(run("{{ eq .steps.credentials.code 200 }}")).toBe(true);
    expect(run("{{ eq 1 2 3 1 }}")).toBe(true);
    expect(run("{{ eq 1 2 3 }}")).toBe(false);
    expect(run("{{ ne .steps.credentials.code 200 }}")).toBe(false);
    expect(run("{{ eq .input.body.scopes (fromJson `[\"openid\", \"apps\"]`) }}")).toBe(true);
    expect(run("{{ eq (fromJson `{\"a\":1,\"b\":2}`) (fromJson `{\"b\":2,\"a\":1}`) }}")).toBe(true);
    expect(run("{{ eq nil .input.body.nothing }}")).toBe(true);
    expect(run('{{ eq nil "" }}')).toBe(false);
  });
  it("eq / ne treat a missing path as nil", () => {
    expect(run('{{ eq .input.body.conta "x" }}')).toBe(false);
    expect(run("{{ eq .input.body.conta nil }}")).toBe(true);
    expect(run('{{ ne .input.body.conta "x" }}')).toBe(true);
  });
  it("eq refuses to compare different kinds", () => {
    expect(runError('{{ eq .steps.credentials.code "200" }}').message).toBe("coluna 4: eq: não é possível comparar número com texto");
    expect(runError("{{ ne .input.body.scopes .input.headers }}").message).toBe("coluna 4: ne: não é possível comparar lista com objeto");
    expect(runError("{{ eq .input.body.scopes 1 }}").code).toBe("type_error");
  });
  it("not / and / or follow Go's truth and return the deciding value", () => {
    expect(run("{{ not .input.body.conta }}")).toBe(true);
    expect(run("{{ not .input.body.flag }}")).toBe(false);
    expect(run("{{ not .input.body.empty }}")).toBe(true);
    expect(run('{{ and .input.body.flag "x" }}')).toBe("x");
    expect(run('{{ and .input.body.zero "x" }}')).toBe(0);
    expect(run('{{ or .input.body.empty .input.body.conta "fallback" }}')).toBe("fallback");
    expect(run("{{ or .input.body.flag .input.body.conta }}")).toBe(true);
    expect(run("{{ .input.body.flag | and true }}")).toBe(true);
  });
  it("and / or stop evaluating at the deciding argument", () => {
    expect(run('{{ or "x" (fromJson "not json") }}')).toBe("x");
    expect(run('{{ and false (fromJson "not json") }}')).toBe(false);
    expect(runError('{{ or "" (fromJson "not json") }}').code).toBe("function_error");
  });
  it("report a missing path when it is the deciding value", () => {
    expect(runError("{{ or .input.body.a .input.body.b }}").message).toBe("coluna 21: .input.body.b não existe");
  });
});
