import { describe, expect, it } from "vitest";
import { evaluateTemplate, parseTemplate, type EvaluationData } from "../src/index.js";
import { run, runError, sampleData } from "./helpers.js";

describe("pasteable expressions from the original platform", () => {
  it("reads trigger input fields", () => {
    expect(run("{{ .input.body.payload_campo_1 }}")).toBe("valor 1");
  });
  it("pipes headers into toJson", () => {
    expect(run("{{ .input.headers | toJson }}")).toBe('{"x-key":"chave-123","content-type":"application/json","host":"fluxo.local"}');
  });
  it("reads non-identifier keys with index", () => {
    expect(run('{{ index .input.headers "x-key" }}')).toBe("chave-123");
  });
  it("reads a previous step's result", () => {
    expect(run("{{ .steps.credentials.body.access_token }}")).toBe("eyJhbGciOi.payload.sig");
    expect(run("{{ .steps.credentials.code }}")).toBe(200);
  });
  it("renders a list as JSON text with toJson", () => {
    expect(run("{{ .input.body.scopes | toJson }}")).toBe('["openid","apps"]');
  });
});

describe("typed results of a single action", () => {
  it("keeps a list a list (a Locations field)", () => {
    const value = run("{{ .input.body.locations }}");
    expect(value).toEqual(["https://api.btgpactual.com/contas"]);
    expect(Array.isArray(value)).toBe(true);
  });
  it("keeps numbers, booleans, null and objects", () => {
    expect(run("{{ .input.body.amount }}")).toBe(1000000);
    expect(run("{{ .input.body.flag }}")).toBe(true);
    expect(run("{{ .input.body.nothing }}")).toBeNull();
    expect(run("{{ .steps.credentials.headers }}")).toEqual({ "content-type": "application/json" });
    expect(run("{{ 42 }}")).toBe(42);
    expect(run("{{ fromJson `[1, 2]` }}")).toEqual([1, 2]);
  });
  it("allows white space and comments around the action", () => {
    expect(run("  \n {{ .input.body.scopes }}\t\n")).toEqual(["openid", "apps"]);
    expect(run("{{/* locais */}} {{ .input.body.scopes }}")).toEqual(["openid", "apps"]);
  });
  it("returns the whole data for a bare '.' and for '$'", () => {
    const data = sampleData();
    expect(run("{{ . }}", data)).toBe(data);
    expect(run("{{ $ }}", data)).toBe(data);
    expect(run("{{ $.input.query_params.page }}", data)).toBe("2");
  });
});

describe("mixed text", () => {
  it("renders text, numbers and booleans as text", () => {
    expect(run("Conta {{ .input.body.payload_campo_1 }}: {{ .input.body.amount }} ({{ .input.body.flag }})")).toBe("Conta valor 1: 1000000 (true)");
  });
  it("renders null as nothing and lists/objects as JSON", () => {
    expect(run("[{{ .input.body.nothing }}]")).toBe("[]");
    expect(run("s={{ .input.body.scopes }}")).toBe('s=["openid","apps"]');
    expect(run("h={{ .steps.credentials.headers }}")).toBe('h={"content-type":"application/json"}');
  });
  it("returns text when there is no action or more than one", () => {
    expect(run("sem expressão")).toBe("sem expressão");
    expect(run("")).toBe("");
    expect(run("{{ 1 }}{{ 2 }}")).toBe("12");
    expect(run("{{ .input.body.scopes }} ")).toEqual(["openid", "apps"]);
    expect(run("x{{ .input.body.amount }}")).toBe("x1000000");
  });
  it("applies trim markers", () => {
    expect(run("a \n {{- .input.body.flag -}} \n b")).toBe("atrueb");
  });
  it("renders -0 and floats like JSON", () => {
    expect(run("{{ -0 }} {{ 0.1 }}")).toBe("0 0.1");
  });
});

describe("field access", () => {
  it("reads fields of parenthesised results", () => {
    expect(run("{{ (fromJson .input.body.raw).id }}")).toBe(7);
    expect(run("{{ (fromJson .input.body.raw).inner.ok }}")).toBe(true);
    expect(run("{{ (.input.body).payload_campo_1 }}")).toBe("valor 1");
  });
  it("indexes lists and objects, with several keys", () => {
    expect(run('{{ index .input.body.nested "list" 1 "tags" 0 }}')).toBe("x");
    expect(run("{{ index .input.body.scopes 0 }}")).toBe("openid");
    expect(run('{{ index .input.body.nested "with-dash" }}')).toBe("dash");
    expect(run('{{ index .input.body.nested "0" }}')).toBe("zero key");
    expect(run("{{ index .input.body.scopes }}")).toEqual(["openid", "apps"]);
    expect(run('{{ (index .input.body.nested "list" 0).id }}')).toBe(1);
  });
  it("refuses wrong key types in index", () => {
    expect(runError("{{ index .input.body.scopes \"0\" }}").message).toBe(
      'coluna 29: index: a posição de uma lista deve ser um número inteiro, recebeu "0"',
    );
    expect(runError("{{ index .input.body.scopes 0.5 }}").code).toBe("type_error");
    expect(runError("{{ index .input.body.nested 0 }}").message).toBe('coluna 29: index: a chave de um objeto deve ser texto; use "0"');
    expect(runError("{{ index .input.body.nested true }}").message).toBe("coluna 29: index: a chave deve ser texto ou número, recebeu booleano");
  });
});

describe("missing paths", () => {
  it("fail naming the path, at the path's position", () => {
    const error = runError("Conta: {{ .input.body.conta }}");
    expect(error.code).toBe("missing_path");
    expect(error.message).toBe("coluna 11: .input.body.conta não existe");
    expect(error.column).toBe(11);
  });
  it("say which part is missing in a longer path", () => {
    expect(runError("{{ .input.body.conta.numero }}").message).toBe(
      "coluna 4: .input.body.conta.numero não existe (.input.body.conta não existe)",
    );
    expect(runError("{{ .steps.outro.body }}").message).toBe("coluna 4: .steps.outro.body não existe (.steps.outro não existe)");
  });
  it("say why a field cannot be read from a non-object", () => {
    expect(runError("{{ .input.body.payload_campo_1.x }}").message).toBe(
      "coluna 4: .input.body.payload_campo_1.x não existe (.input.body.payload_campo_1 é um texto, não um objeto)",
    );
    expect(runError("{{ .input.body.nothing.x }}").message).toBe("coluna 4: .input.body.nothing.x não existe (.input.body.nothing é nulo)");
    expect(runError("{{ .input.body.scopes.x }}").message).toBe(
      "coluna 4: .input.body.scopes.x não existe (.input.body.scopes é uma lista; para posições use index, por exemplo: index LISTA 0)",
    );
    expect(runError("{{ .input.body.amount.x }}").message).toContain("(.input.body.amount é um número, não um objeto)");
    expect(runError("{{ .input.body.flag.x }}").message).toContain("(.input.body.flag é um booleano, não um objeto)");
  });
  it("name index paths with brackets", () => {
    expect(runError('{{ index .input.headers "x-nope" }}').message).toBe('coluna 4: .input.headers["x-nope"] não existe');
    expect(runError("{{ index .input.body.scopes 5 }}").message).toBe("coluna 4: .input.body.scopes[5] não existe (.input.body.scopes tem 2 itens)");
    expect(runError("{{ index .input.body.scopes -1 }}").message).toBe("coluna 4: .input.body.scopes[-1] não existe (.input.body.scopes tem 2 itens)");
    expect(runError('{{ index .input.body.nope "a" "b" }}').message).toBe('coluna 10: .input.body.nope.a.b não existe (.input.body.nope não existe)');
    expect(runError('{{ index .input.body.empty "a" }}').message).toBe('coluna 4: .input.body.empty.a não existe (.input.body.empty é um texto, não um objeto)');
  });
  it("name parenthesised bases by their source text", () => {
    expect(runError("{{ (fromJson .input.body.raw).nope }}").message).toBe("coluna 4: (fromJson .input.body.raw).nope não existe");
  });
  it("fail when passed to a function that does not accept them", () => {
    expect(runError("{{ .input.body.conta | upper }}").message).toBe("coluna 4: .input.body.conta não existe");
    expect(runError('{{ join "," .input.body.conta }}').message).toBe("coluna 13: .input.body.conta não existe");
  });
  it("treat undefined and inherited properties as missing", () => {
    const data = sampleData();
    data.input.body = Object.assign(Object.create({ inherited: "segredo" }) as object, { own: undefined });
    expect(runError("{{ .input.body.inherited }}", data).code).toBe("missing_path");
    expect(runError("{{ .input.body.own }}", data).code).toBe("missing_path");
    expect(runError("{{ .input.body.toString }}").message).toBe("coluna 4: .input.body.toString não existe");
    expect(runError("{{ .input.body.hasOwnProperty }}").code).toBe("missing_path");
  });
});

describe("default", () => {
  it("replaces missing paths (Go/sprig argument order)", () => {
    expect(run('{{ default "x" .input.body.conta }}')).toBe("x");
    expect(run('{{ .input.body.conta | default "x" }}')).toBe("x");
    expect(run('{{ .input.body.conta.numero | default "x" }}')).toBe("x");
    expect(run('{{ index .input.headers "x-nope" | default "y" }}')).toBe("y");
    expect(run('{{ (fromJson .input.body.raw).nope | default 3 }}')).toBe(3);
  });
  it("replaces empty values: null, \"\", 0, false, [] and {}", () => {
    expect(run('{{ .input.body.nothing | default "x" }}')).toBe("x");
    expect(run('{{ .input.body.empty | default "x" }}')).toBe("x");
    expect(run('{{ .input.body.zero | default "x" }}')).toBe("x");
    expect(run('{{ false | default "x" }}')).toBe("x");
    expect(run('{{ fromJson "[]" | default "x" }}')).toBe("x");
    expect(run('{{ fromJson "{}" | default "x" }}')).toBe("x");
  });
  it("keeps values that are set", () => {
    expect(run('{{ .input.body.payload_campo_1 | default "x" }}')).toBe("valor 1");
    expect(run('{{ .input.body.scopes | default "x" }}')).toEqual(["openid", "apps"]);
    expect(run('{{ .input.body.amount | default "x" }}')).toBe(1000000);
    expect(run('{{ true | default "x" }}')).toBe(true);
  });
  it("works in mixed text", () => {
    expect(run('Moeda: {{ .input.body.moeda | default "BRL" }}')).toBe("Moeda: BRL");
  });
  it("fails naming the default's path when both are missing", () => {
    expect(runError("{{ .input.body.a | default .input.body.b }}").message).toBe("coluna 28: .input.body.b não existe");
  });
  it("chains", () => {
    expect(run('{{ .input.body.a | default .input.body.b | default "c" }}')).toBe("c");
  });
});

describe("prototype names are never reachable", () => {
  it("refuses them even when the data has such an own key", () => {
    const data = sampleData();
    data.input.body = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "prototype": "p"}') as unknown;
    for (const name of ["__proto__", "constructor", "prototype"]) {
      const error = runError(`{{ index .input.body (lower "${name.toUpperCase()}") }}`, data);
      expect(error.code).toBe("forbidden_name");
      expect(error.message).toBe(`coluna 22: o nome "${name}" não é permitido em expressões`);
    }
  });
  it("refuses a key computed from the data", () => {
    const data = sampleData();
    data.input.body = { key: "constructor", value: {} };
    expect(runError("{{ index .input.body.value .input.body.key }}", data).code).toBe("forbidden_name");
  });
  it("refuses them after fromJson too", () => {
    expect(run('{{ index (fromJson `{"a":1}`) "const" | default "x" }}')).toBe("x");
    // A missing key is fine for default, but a forbidden literal key is refused while parsing.
    expect(() => parseTemplate('{{ index (fromJson "{}") "constructor" }}')).toThrow('o nome "constructor" não é permitido em expressões');
  });
});

describe("evaluation is read-only", () => {
  it("does not modify the data", () => {
    const data = sampleData();
    const copy = structuredClone(data);
    run('{{ .input.body.nome | trim | upper }} {{ .input.body.scopes | join "," }} {{ split "," "a,b" }} {{ fromJson .input.body.raw }}', data);
    expect(data).toEqual(copy);
  });
  it("gives the same result for the same template evaluated twice", () => {
    const template = parseTemplate('{{ .input.body.scopes | join "+" }} {{ now }}');
    const data = sampleData();
    const options = { now: () => new Date(0) };
    expect(evaluateTemplate(template, data, options)).toBe("openid+apps 1970-01-01T00:00:00.000Z");
    expect(evaluateTemplate(template, data, options)).toBe("openid+apps 1970-01-01T00:00:00.000Z");
  });
});

describe("data without steps or body", () => {
  it("reports the missing step", () => {
    const data: EvaluationData = { input: { body: null, headers: {}, query_params: {} }, steps: {} };
    expect(runError("{{ .steps.credentials.body.access_token }}", data).message).toBe(
      "coluna 4: .steps.credentials.body.access_token não existe (.steps.credentials não existe)",
    );
    expect(runError("{{ .input.body.x }}", data).message).toBe("coluna 4: .input.body.x não existe (.input.body é nulo)");
  });
});
