import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LIMITS, parseTemplate, resolveValue } from "../src/index.js";
import { errorOf, parseError, run, runError, sampleData } from "./helpers.js";

describe("template length", () => {
  it("accepts 10 000 characters and refuses 10 001", () => {
    const action = "{{ .input.body.flag }}";
    expect(run("a".repeat(LIMITS.maxTemplateLength - action.length) + action)).toBe(`${"a".repeat(10_000 - action.length)}true`);
    const error = parseError("a".repeat(LIMITS.maxTemplateLength + 1));
    expect(error.code).toBe("limit_length");
    expect(error.message).toBe("coluna 10001: a expressão tem 10.001 caracteres; o máximo é 10.000");
  });
  it("reports the line of the first character over the limit", () => {
    const error = parseError(`${"x".repeat(9_000)}\n${"y".repeat(2_000)}`);
    expect(error.message).toBe("linha 2, coluna 1000: a expressão tem 11.001 caracteres; o máximo é 10.000");
  });
});

describe("nesting depth", () => {
  const nested = (depth: number) => `{{ ${"(".repeat(depth)}.input.body.amount${")".repeat(depth)} }}`;
  it("accepts 32 levels of parentheses", () => {
    expect(run(nested(LIMITS.maxNestingDepth))).toBe(1000000);
  });
  it("refuses 33, pointing at the parenthesis over the limit", () => {
    const error = parseError(nested(33));
    expect(error.code).toBe("limit_depth");
    expect(error.message).toBe("coluna 36: parênteses aninhados demais: o máximo é 32 níveis");
  });
  it("never overflows the stack on deeply nested input", () => {
    expect(parseError(`{{ ${"(".repeat(5_000)}`).code).toBe("limit_depth");
  });
});

describe("evaluation steps", () => {
  it("stop evaluation over the limit given in the options", () => {
    expect(run("{{ 1 }}{{ 2 }}{{ 3 }}", sampleData(), { maxSteps: 3 })).toBe("123");
    const error = runError("{{ 1 }}{{ 2 }}{{ 3 }}{{ 4 }}", sampleData(), { maxSteps: 3 });
    expect(error.code).toBe("limit_steps");
    expect(error.message).toBe("coluna 25: a avaliação passou do limite de 3 passos");
  });
  it("count function calls and their arguments", () => {
    // literal (1) + call upper (1) + call lower (1)
    expect(run('{{ "a" | upper | lower }}', sampleData(), { maxSteps: 3 })).toBe("a");
    expect(runError('{{ "a" | upper | lower }}', sampleData(), { maxSteps: 2 }).message).toBe("coluna 18: a avaliação passou do limite de 2 passos");
  });
  it("are shared by all templates of a value in resolveValue (default 10 000)", () => {
    // Each element takes 3 steps: the literal and two calls.
    const raw = Array.from({ length: 4_000 }, () => "{{ 1 | not | not }}");
    const error = errorOf(() => resolveValue(raw, sampleData()));
    expect(error.code).toBe("limit_steps");
    expect(error.path).toBe("3333");
    expect(error.message).toBe("coluna 8: a avaliação passou do limite de 10.000 passos");
    expect(resolveValue(raw.slice(0, 3_333), sampleData())).toHaveLength(3_333);
  });
});

const WHAT_TO_DO = "; use só a parte dos dados de que precisa (um caminho mais específico, index) em vez do valor inteiro";

describe("output size", () => {
  it("limits a single action's text", () => {
    expect(run("{{ .input.body.payload_campo_1 }}", sampleData(), { maxOutputBytes: 7 })).toBe("valor 1");
    const error = runError("{{ .input.body.payload_campo_1 }}", sampleData(), { maxOutputBytes: 6 });
    expect(error.code).toBe("limit_output");
    expect(error.message).toBe("coluna 1: o resultado passou do limite de 6 bytes" + WHAT_TO_DO);
  });
  it("limits mixed text, counting UTF-8 bytes", () => {
    expect(run("é{{ 1 }}", sampleData(), { maxOutputBytes: 3 })).toBe("é1");
    expect(runError("é{{ 1 }}", sampleData(), { maxOutputBytes: 2 }).message).toBe("coluna 2: o resultado passou do limite de 2 bytes" + WHAT_TO_DO);
    const data = sampleData();
    data.input.body = { text: "é".repeat(400_000) };
    // 800 000 bytes each: the second action goes over the default 1 MB.
    expect(runError("{{ .input.body.text }}{{ .input.body.text }}", data).message).toBe(
      "coluna 23: o resultado passou do limite de 1.000.000 bytes" + WHAT_TO_DO,
    );
  });
  it("limits text built by functions before it grows further", () => {
    const data = sampleData();
    data.input.body = { quotes: '"'.repeat(200_000) };
    // Each toJson doubles the quotes: 400 002, 800 006, 1 600 014 characters.
    expect(run("{{ len (toJson (toJson .input.body.quotes)) }}", data)).toBe(800_006);
    const error = runError("{{ len (toJson (toJson (toJson .input.body.quotes))) }}", data);
    expect(error.code).toBe("limit_output");
    expect(error.message).toBe("coluna 9: o resultado passou do limite de 1.000.000 bytes" + WHAT_TO_DO);
  });
  it("counts the items split builds as it cuts them, and stops at the limit", () => {
    const data = sampleData();
    data.input.body = { big: "x".repeat(9_000_000) };
    const error = runError('{{ split "" .input.body.big }}', data);
    expect(error.code).toBe("limit_output");
    expect(error.message).toBe("coluna 4: o resultado passou do limite de 1.000.000 bytes" + WHAT_TO_DO);
    // Each one-character item counts 4 bytes of JSON ("x",): 249 999 fit in 1 000 000.
    data.input.body = { big: "x".repeat(249_999) };
    expect(run('{{ len (split "" .input.body.big) }}', data)).toBe(249_999);
    data.input.body = { big: "x".repeat(250_000) };
    expect(runError('{{ len (split "" .input.body.big) }}', data).code).toBe("limit_output");
    data.input.body = { big: "a,".repeat(400_000) };
    expect(runError('{{ split "," .input.body.big }}', data).code).toBe("limit_output");
  });
  it.each([
    ["upper", "{{ upper .input.body.big }}"],
    ["lower", "{{ lower .input.body.big }}"],
    ["trim", "{{ trim .input.body.big }}"],
    ["b64enc", "{{ b64enc .input.body.big }}"],
    ["b64dec", "{{ b64dec .input.body.big }}"],
    ["fromJson", "{{ fromJson .input.body.big }}"],
    ["toJson", "{{ toJson .input.body.list }}"],
    ["quote", "{{ quote .input.body.big }}"],
    ["join", '{{ join "," .input.body.list }}'],
    ["a value rendered into text", "x {{ .input.body.list }}"],
  ])("%s refuses to build a value over the limit", (_name, template) => {
    const data = sampleData();
    data.input.body = { big: "A".repeat(2_000_000), list: Array.from({ length: 300_000 }, (_, i) => `item ${i}`) };
    const error = runError(template, data);
    expect(error.code).toBe("limit_output");
    expect(error.message).toContain("passou do limite de 1.000.000 bytes" + WHAT_TO_DO);
  });
  it("limits everything one evaluation builds, added up, across the templates of a value", () => {
    const data = sampleData();
    data.input.body = { text: "a".repeat(900_000) };
    const one = "{{ upper .input.body.text }}";
    expect(resolveValue(Array.from({ length: 11 }, () => one), data, { maxBuiltBytes: 10_000_000 })).toHaveLength(11);
    const error = errorOf(() => resolveValue(Array.from({ length: 12 }, () => one), data));
    expect(error.code).toBe("limit_output");
    expect(error.path).toBe("11");
    expect(error.message).toBe("coluna 4: as expressões deste valor construíram mais de 10.000.000 bytes no total" + WHAT_TO_DO);
  });
  it("does not limit a list or object returned as is", () => {
    const data = sampleData();
    data.input.body = { list: Array.from({ length: 100 }, (_, i) => i) };
    expect(run("{{ .input.body.list }}", data, { maxOutputBytes: 10 })).toHaveLength(100);
  });
});

describe("value depth in resolveValue", () => {
  it("refuses values nested deeper than 64 levels", () => {
    let deep: unknown = "{{ 1 }}";
    for (let i = 0; i < LIMITS.maxValueDepth; i++) deep = [deep];
    expect(JSON.stringify(resolveValue(deep, sampleData()))).toBe(`${"[".repeat(64)}1${"]".repeat(64)}`);
    const error = errorOf(() => resolveValue([deep], sampleData()));
    expect(error.code).toBe("limit_depth");
    expect(error.message).toBe("valor aninhado demais: o máximo é 64 níveis");
    expect(error.line).toBe(0);
    expect(error.path).toBe(Array.from({ length: 65 }, () => "0").join("."));
  });
  it("refuses cyclic values instead of overflowing the stack", () => {
    const cyclic: Record<string, unknown> = { a: "{{ 1 }}" };
    cyclic["self"] = cyclic;
    expect(errorOf(() => resolveValue(cyclic, sampleData())).code).toBe("limit_depth");
  });
});

describe("safety of the source", () => {
  const srcDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src");
  const files = readdirSync(srcDir).filter((file) => file.endsWith(".ts"));
  const sources = files.map((file) => [file, readFileSync(join(srcDir, file), "utf8")] as const);

  it("finds the source files", () => {
    expect(files).toEqual(expect.arrayContaining(["lexer.ts", "parser.ts", "evaluator.ts", "functions.ts", "index.ts"]));
  });
  it.each(sources)("%s uses no eval, Function, vm, Buffer, or untyped any", (_file, text) => {
    expect(text).not.toMatch(/\beval\s*\(/);
    expect(text).not.toMatch(/\bFunction\s*\(/);
    expect(text).not.toMatch(/["'](node:)?vm["']/);
    expect(text).not.toMatch(/\bBuffer\s*[.(]/);
    expect(text).not.toMatch(/(:\s*any\b|\bas\s+any\b|<any>)/);
  });
  it.each(sources)("%s imports only the package's own modules", (_file, text) => {
    const imports = [...text.matchAll(/from\s+"([^"]+)"/g)].map((match) => match[1]);
    for (const specifier of imports) expect(specifier).toMatch(/^\.\/[a-z]+\.js$/);
  });
  it("declares no runtime dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(srcDir, "..", "package.json"), "utf8")) as Record<string, unknown>;
    expect(pkg["dependencies"]).toBeUndefined();
  });
  it("parses a template with a Function-looking name as an unknown function", () => {
    expect(parseError('{{ constructor "return 1" }}').code).toBe("unknown_function");
  });
});

describe("parseTemplate returns a plain, serialisable tree", () => {
  it("round-trips through JSON", () => {
    const template = parseTemplate('a {{ index .input.headers "x" | default (upper "b") }}');
    expect(JSON.parse(JSON.stringify(template))).toEqual(template);
  });
});
