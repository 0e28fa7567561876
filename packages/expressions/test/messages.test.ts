import { describe, expect, it } from "vitest";
import { completions, EXPRESSION_MESSAGES, renderExpressionMessage, resolveValue, type ExpressionError, type MessageParam } from "../src/index.js";
import { errorOf, parseError, runError, sampleData } from "./helpers.js";

/** Portuguese words no English text may hold. */
const PORTUGUESE = /[ãçéêíóõúà]|\b(coluna|linha|esperava|encontrou|função|funções|não|existe|texto|lista|objeto|número|nulo|recebeu|argumentos?|passo|campo|caminho|valor|aninhad[oa]s?|entrada|resposta|corpo)\b/i;

/** Every code a message (and the messages nested in its params) is told with. */
function codesOf(param: MessageParam): string[] {
  if (typeof param !== "object") return [];
  return [param.code, ...Object.values(param.params ?? {}).flatMap(codesOf)];
}

const cyclic: Record<string, unknown> = {};
cyclic.self = cyclic;
function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** Templates (and data) that fail with each message of the catalog. */
const FAILURES: Array<[string, () => ExpressionError]> = [
  ["comment without end", () => parseError("{{/* x }}")],
  ["text after a comment", () => parseError("{{/* x */ .a }}")],
  ["trim marker without space", () => parseError("{{ .a-}}")],
  ["single brace", () => parseError("{{ .a }")],
  ["single quotes", () => parseError("{{ 'a' }}")],
  ["field starting with a digit", () => parseError("{{ .input.0 }}")],
  ["forbidden name", () => parseError("{{ .__proto__ }}")],
  ["two dots", () => parseError("{{ ..a }}")],
  ["variable", () => parseError("{{ $x }}")],
  ["lone sign", () => parseError("{{ - }}")],
  ["assignment", () => parseError("{{ := }}")],
  ["stray brace", () => parseError("{{ { }}")],
  ["unexpected character", () => parseError("{{ # }}")],
  ["invalid number", () => parseError("{{ 1__0 }}")],
  ["number out of range", () => parseError("{{ 99999999999999999999 }}")],
  ["unterminated string", () => parseError('{{ "abc }}')],
  ["hex escape", () => parseError('{{ "\\xZ" }}')],
  ["octal escape", () => parseError('{{ "\\400" }}')],
  ["unicode escape digits", () => parseError('{{ "\\u12" }}')],
  ["unicode escape value", () => parseError('{{ "\\ud800" }}')],
  ["unknown escape", () => parseError('{{ "\\q" }}')],
  ["unterminated raw string", () => parseError("{{ `abc }}")],
  ["too long", () => parseError(`{{ .a }}${"x".repeat(10_000)}`)],
  ["empty action", () => parseError("{{ }}")],
  ["unmatched parenthesis", () => parseError("{{ .a ) }}")],
  ["end of text", () => parseError("{{ .a")],
  ["something else instead of }}", () => parseError('{{ (.a) "x" ( }}')],
  ["pipe to nothing", () => parseError("{{ .a | }}")],
  ["pipe to a value", () => parseError("{{ .a | .b }}")],
  ["a number where an expression goes", () => parseError("{{ upper | 3 }}")],
  ["a text found", () => parseError('{{ .a | "x" }}')],
  ["arguments to a value", () => parseError("{{ .a .b }}")],
  ["control structure", () => parseError("{{ if .a }}")],
  ["parentheses too deep", () => parseError(`{{ ${"(".repeat(40)}.a${")".repeat(40)} }}`)],
  ["unclosed parenthesis, several lines", () => parseError("{{ (.a\n }}")],
  ["fields of a literal", () => parseError('{{ "x".a }}')],
  ["unknown function", () => parseError("{{ zzzzzz .a }}")],
  ["unknown function, one close name", () => parseError("{{ tojson .a }}")],
  ["unknown function, two close names", () => parseError("{{ oq .a .b }}")],
  ["too few arguments", () => parseError("{{ upper }}")],
  ["too many arguments, piped", () => parseError('{{ .a | upper "x" }}')],
  ["at least", () => parseError("{{ eq .a }}")],
  ["at least one", () => parseError("{{ quote }}")],
  ["between", () => parseError("{{ now .a }}")],
  ["exactly two", () => parseError("{{ join .a }}")],
  ["function as an argument", () => parseError("{{ upper lower }}")],
  ["missing path", () => runError("{{ upper .input.body.nada }}")],
  ["missing path under a missing one", () => runError("{{ upper .input.body.nada.mais }}")],
  ["path through a text", () => runError('{{ upper ("x").a }}')],
  ["path through a number", () => runError("{{ upper (1).a }}")],
  ["path through a boolean", () => runError("{{ upper (true).a }}")],
  ["path through null", () => runError("{{ upper (nil).a }}")],
  ["path through a list", () => runError("{{ upper .input.body.scopes.a }}")],
  ["list position out of a one-item list", () => runError("{{ upper (index (split \",\" \"a\") 3) }}")],
  ["list position out of a list", () => runError('{{ upper (index (split "," "a,b") 3) }}')],
  ["step limit", () => runError("{{ .a }}", sampleData(), { maxSteps: 0 })],
  ["output limit", () => runError('{{ upper "abcdef" }}', sampleData(), { maxOutputBytes: 3 })],
  ["built limit", () => runError('{{ upper "abcdef" }}{{ upper "abcdef" }}', sampleData(), { maxBuiltBytes: 8 })],
  ["a value that can't be text", () => runError("{{ .input.body.big }} x", { ...sampleData(), input: { body: { big: 1n }, headers: {}, query_params: {} } })],
  ["a value too deep to walk", () => errorOf(() => resolveValue(deep(70), sampleData()))],
  ["a function failing on a value too deep", () => runError("{{ toJson .input.body.cyclic }}", { ...sampleData(), input: { body: { cyclic }, headers: {}, query_params: {} } })],
  ["a function failing on a strange value", () => runError("{{ toJson .input.body.big }}", { ...sampleData(), input: { body: { big: 1n }, headers: {}, query_params: {} } })],
  ["text expected", () => runError("{{ upper 1 }}")],
  ["comparison of different kinds", () => runError('{{ eq 1 "1" }}')],
  ["an object in a comparison", () => runError("{{ eq .input.body 1 }}")],
  ["index key kind", () => runError("{{ index .input.body true }}")],
  ["index object key", () => runError("{{ index .input.body 1 }}")],
  ["index list position", () => runError('{{ index .input.body.scopes "a" }}')],
  ["toJson of nothing JSON can hold", () => runError("{{ toJson .input.body.fn }}", { ...sampleData(), input: { body: { fn: () => 1 }, headers: {}, query_params: {} } })],
  ["fromJson", () => runError('{{ fromJson "{" }}')],
  ["b64dec", () => runError('{{ b64dec "!!" }}')],
  ["b64dec not UTF-8", () => runError('{{ b64dec "/w==" }}')],
  ["join", () => runError('{{ join "," 1 }}')],
  ["len", () => runError("{{ len 1 }}")],
  ["text expected, got null", () => runError("{{ upper nil }}")],
  ["text expected, got a list", () => runError("{{ upper .input.body.scopes }}")],
  ["pipe at the end", () => parseError("{{ .a |")],
  ["a number after a pipe", () => parseError("{{ .a | 3 }}")],
  ["nothing to evaluate", () => parseError("{{ ) }}")],
  ["path through something else", () => runError("{{ upper .input.body.big.a }}", { ...sampleData(), input: { body: { big: 1n }, headers: {}, query_params: {} } })],
  ["a function recursing too deep", () => runError("{{ eq .input.body.a .input.body.b }}", { ...sampleData(), input: { body: { a: deep(100_000), b: deep(100_000) }, headers: {}, query_params: {} } })],
  ["a function failing on the data", () => runError('{{ index .input.body "bad" }}', { ...sampleData(), input: { body: { get bad(): unknown { throw new Error("boom"); } }, headers: {}, query_params: {} } })],
  ["now", () => runError("{{ now }}", sampleData(), { now: () => new Date(Number.NaN) })],
  ["urlPath of a list", () => runError("{{ urlPath .input.body.scopes }}")],
  ["urlPath with a '..' part", () => runError('{{ urlPath "a/../b" }}')],
  ["a value making a '..' segment in a URL's path", () => runError('https://h/a/{{ ".." }}/b', sampleData(), { format: "url" })],
];

/**
 * Messages no template reaches today: the evaluator's guards behind the parser's own checks, the
 * parser's guard after a pipeline (a function takes every operand, a value refuses a second one),
 * and the arity wording for a range of arguments (no function takes 1 to 2 yet).
 */
const UNREACHABLE = new Set(["expression.expected_any_expression", "expression.only_functions_after_pipe_here", "expression.expected_close_found", "expression.args.between"]);

describe("expression messages", () => {
  const failures = FAILURES.map(([name, fail]) => [name, fail()] as const);

  it.each(failures)("%s: tells the error by code, pt-BR as its message and English with no Portuguese", (_name, error) => {
    const told = { code: error.messageCode, params: error.messageParams ?? {} };
    expect(renderExpressionMessage(told, "pt-BR")).toBe(error.message);
    expect(renderExpressionMessage(error.reasonMessage, "pt-BR")).toBe(error.reason);
    const english = renderExpressionMessage(told, "en");
    expect(english).not.toBe("");
    expect(english, english).not.toMatch(PORTUGUESE);
    // Every placeholder got its param: nothing is left empty between words or quotes.
    expect(english).not.toMatch(/\{\{\w+\}\}|""|\(\)|  /);
  });

  it("has every message reached by some failure (or by the autocomplete), so none goes untested", () => {
    const reached = new Set(failures.flatMap(([, error]) => codesOf({ code: error.messageCode, params: error.messageParams ?? {} })));
    const hints = Object.keys(EXPRESSION_MESSAGES).filter((code) => code.startsWith("expression.hint."));
    const untested = Object.keys(EXPRESSION_MESSAGES).filter((code) => !reached.has(code) && !UNREACHABLE.has(code) && !hints.includes(code));
    expect(untested).toEqual([]);
  });

  it.each(Object.entries(EXPRESSION_MESSAGES))("%s: English holds no Portuguese word", (_code, texts) => {
    expect(texts.en).not.toMatch(PORTUGUESE);
  });

  it("tells the position as line and column in English, and counts with each language's grouping", () => {
    const error = parseError(`{{ .a }}\n${"x".repeat(10_000)}`);
    expect(error.message).toBe("linha 2, coluna 9992: a expressão tem 10.009 caracteres; o máximo é 10.000");
    expect(renderExpressionMessage({ code: error.messageCode, params: error.messageParams ?? {} }, "en")).toBe(
      "line 2, column 9992: the expression has 10,009 characters; the maximum is 10,000",
    );
  });

  it("tells the autocomplete's details and the functions' help in the language asked", () => {
    const context = { stepIds: ["token"], knownPaths: { input: { body: { conta: "1" } } } };
    const english = completions("{{ ", 3, { ...context, language: "en" })!.options;
    expect(english.find((o) => o.label === ".input")?.detail).toBe("the trigger's input");
    expect(english.find((o) => o.label === ".input.body.conta")?.detail).toBe("text");
    expect(english.find((o) => o.label === ".steps.token")?.detail).toBe("the result of step token");
    expect(english.find((o) => o.label === "index")).toMatchObject({ detail: "index COLLECTION KEY…", info: expect.stringMatching(/^Reads an object's key/) });
    for (const option of english) expect(`${option.detail} ${option.info ?? ""}`).not.toMatch(PORTUGUESE);
    const portuguese = completions("{{ ", 3, context)!.options;
    expect(portuguese.find((o) => o.label === ".input.body.conta")?.detail).toBe("texto");
    expect(portuguese.find((o) => o.label === "index")?.detail).toBe("index COLEÇÃO CHAVE…");
  });
});
