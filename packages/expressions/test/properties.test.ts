import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateTemplate, ExpressionError, parseTemplate, type EvaluationData } from "../src/index.js";
import { Missing } from "../src/values.js";
import { run, sampleData } from "./helpers.js";

/** Pieces that make interesting near-templates when glued together. */
const PIECES = [
  "{{", "}}", "{{-", " -}}", "{{- ", "-}}", "{", "}", '"', "`", "'", "\\", "|", "(", ")", ".", "$", " ", "\n", "\t", "\r",
  "a", "x-key", "input", ".input", ".input.body", ".steps.s.body", ".0", "0", "1", "-", "+", "-1.5e3", "0x", "1_0", "e",
  "index", "toJson", "fromJson", "default", "upper", "len", "now", "eq", "and", "not", "nil", "true", "if", "end", "range",
  "__proto__", ".constructor", "/*", "*/", ":=", "=", ",", "#", "é", "😀", "\\u00e9", "\\x", "\\U0010FFFF", "\u0000",
];

const nearTemplate = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(""));

function data(): EvaluationData {
  return sampleData();
}

/** Runs `fn`; returns its value, or the ExpressionError it threw (anything else fails the test). */
function outcome(fn: () => unknown): { ok: true; value: unknown } | { ok: false; error: ExpressionError } {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return { ok: false, error };
  }
}

function checkPosition(error: ExpressionError, source: string): void {
  expect(error.offset).toBeGreaterThanOrEqual(0);
  expect(error.offset).toBeLessThanOrEqual(source.length);
  expect(error.line).toBeGreaterThanOrEqual(1);
  expect(error.column).toBeGreaterThanOrEqual(1);
  expect(error.message).toMatch(/^(linha \d+, )?coluna \d+: ./);
  expect(error.message.endsWith(error.reason)).toBe(true);
}

describe("parser on arbitrary input", () => {
  it("returns a Template or throws a positioned ExpressionError, for glued template pieces", () => {
    fc.assert(
      fc.property(nearTemplate, (source) => {
        const result = outcome(() => parseTemplate(source));
        if (!result.ok) checkPosition(result.error, source);
        else {
          // Whatever parses also evaluates to a value or an ExpressionError.
          const evaluated = outcome(() => evaluateTemplate(result.value as ReturnType<typeof parseTemplate>, data(), { now: () => new Date(0) }));
          if (!evaluated.ok) checkPosition(evaluated.error, source);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("does the same for any Unicode text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "binary", maxLength: 50 }), (a, b) => {
        const source = `${a}{{${b}`;
        const result = outcome(() => parseTemplate(source));
        if (!result.ok) checkPosition(result.error, source);
      }),
      { numRuns: 1000 },
    );
  });

  it("parses long inputs quickly (no backtracking, no hang)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 2_000, maxLength: 4_000 }), (parts) => {
        const source = parts.join("").slice(0, 10_000);
        const started = performance.now();
        outcome(() => parseTemplate(source));
        expect(performance.now() - started).toBeLessThan(500);
      }),
      { numRuns: 50 },
    );
    const worst = [`{{ ${'"'.repeat(9_990)}`, `{{ ${"(".repeat(9_990)}`, "{{".repeat(5_000), `{{ ${".a".repeat(4_990)} }}`, `{{ 1 ${"| not ".repeat(1_600)}}}`];
    for (const source of worst) {
      const started = performance.now();
      outcome(() => parseTemplate(source));
      expect(performance.now() - started).toBeLessThan(500);
    }
  });

  it("keeps text without '{{' unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }).filter((text) => !text.includes("{{")), (text) => {
        expect(run(text)).toBe(text);
      }),
    );
  });

  it("reads back any string written as a Go string literal", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        // JSON escapes (\n, \", \\, \uXXXX) are all valid Go escapes.
        expect(run(`{{ ${JSON.stringify(text)} }}`)).toBe(text);
        if (!text.includes("`")) expect(run(`{{ \`${text}\` }}`)).toBe(text.replaceAll("\r", ""));
      }),
    );
  });

  it("trims any white space next to trim markers", () => {
    const space = fc.string({ unit: fc.constantFrom(" ", "\t", "\r", "\n") });
    fc.assert(fc.property(space, space, (left, right) => {
        expect(run(`x${left}{{- 1 -}}${right}y`)).toBe("x1y");
      }));
  });
});

// ---------------------------------------------------------------------------------------------
// Generated valid templates over generated data.

const KEYS = ["a", "b", "lista", "x_y", "n"] as const;

const jsonLike = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ maxLength: 8 }),
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS, "x-key"), tie("value"), { maxKeys: 4 }),
  ),
})).value;

const generatedData: fc.Arbitrary<EvaluationData> = fc.record({
  input: fc.record({
    body: fc.dictionary(fc.constantFrom(...KEYS), jsonLike, { maxKeys: 5 }),
    headers: fc.dictionary(fc.constantFrom("x-key", "host", "a"), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
    query_params: fc.dictionary(fc.constantFrom(...KEYS), jsonLike, { maxKeys: 3 }),
  }),
  steps: fc.dictionary(
    fc.constantFrom("s1", "s2"),
    fc.record({ code: fc.integer({ min: 100, max: 599 }), headers: fc.constant({}), body: jsonLike }),
    { maxKeys: 2 },
  ),
});

const path = fc
  .tuple(
    fc.constantFrom(".input.body", ".input.query_params", ".input.headers", ".steps.s1.body", ".steps.s2", "$.input.body", "."),
    fc.array(fc.constantFrom(...KEYS), { maxLength: 3 }),
  )
  .map(([root, keys]) => (root === "." && keys.length > 0 ? "" : root) + keys.map((key) => `.${key}`).join(""));

const literal = fc.oneof(
  fc.string({ maxLength: 6 }).map((text) => JSON.stringify(text)),
  fc.integer({ min: -50, max: 50 }).map(String),
  fc.constantFrom("true", "false", "nil", "0", '""', "1.5", "`raw`", '","', '"[1,2]"', '"{\\"a\\":1}"', '"YQ=="'),
);

const UNARY = ["toJson", "fromJson", "upper", "lower", "trim", "quote", "b64enc", "b64dec", "len", "not"];
const BINARY = ["default", "join", "split", "eq", "ne"];
const VARIADIC = ["and", "or", "eq", "quote"];

const expression = fc.letrec<{ expr: string; operand: string; call: string }>((tie) => ({
  operand: fc.oneof({ depthSize: "small" }, path, literal, tie("call").map((call) => `(${call})`), fc.constant("now")),
  call: fc.oneof(
    { depthSize: "small" },
    fc.tuple(fc.constantFrom(...UNARY), tie("operand")).map(([fn, a]) => `${fn} ${a}`),
    fc.tuple(fc.constantFrom(...BINARY), tie("operand"), tie("operand")).map(([fn, a, b]) => `${fn} ${a} ${b}`),
    fc.tuple(fc.constantFrom(...VARIADIC), fc.array(tie("operand"), { minLength: 2, maxLength: 3 })).map(([fn, args]) => `${fn} ${args.join(" ")}`),
    fc.tuple(path, fc.array(fc.oneof(fc.constantFrom(...KEYS).map((key) => JSON.stringify(key)), fc.nat(3).map(String)), { maxLength: 2 })).map(
      ([base, keys]) => `index ${base} ${keys.join(" ")}`.trim(),
    ),
    tie("call").map((call) => `(${call}).a`),
  ),
  expr: fc.oneof(
    { depthSize: "small" },
    tie("operand"),
    tie("call"),
    fc.tuple(tie("operand"), fc.array(fc.oneof(fc.constantFrom(...UNARY), fc.tuple(fc.constantFrom(...BINARY), tie("operand")).map(([fn, a]) => `${fn} ${a}`)), { minLength: 1, maxLength: 3 })).map(
      ([first, rest]) => [first, ...rest].join(" | "),
    ),
  ),
}));

const validTemplate = fc
  .array(fc.oneof(fc.string({ maxLength: 5 }).filter((text) => !text.includes("{")).map((text) => ({ text })), expression.expr.map((expr) => ({ expr }))), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.map((part) => ("text" in part ? part.text : `{{ ${part.expr} }}`)).join(""));

describe("evaluation of generated templates", () => {
  it("parses every generated template", () => {
    fc.assert(fc.property(validTemplate, (source) => {
        parseTemplate(source);
      }), { numRuns: 1000 });
  });

  it("is deterministic and either returns or throws ExpressionError", () => {
    fc.assert(
      fc.property(validTemplate, generatedData, (source, input) => {
        const template = parseTemplate(source);
        const options = { now: () => new Date(1_700_000_000_000) };
        const first = outcome(() => evaluateTemplate(template, input, options));
        const second = outcome(() => evaluateTemplate(template, input, options));
        if (first.ok) {
          // The internal "missing path" sentinel never escapes.
          expect(first.value).not.toBeInstanceOf(Missing);
          expect(second.ok).toBe(true);
          if (second.ok) expect(second.value).toEqual(first.value);
        } else {
          expect(second.ok).toBe(false);
          if (!second.ok) {
            expect(second.error.message).toBe(first.error.message);
            expect(second.error.code).toBe(first.error.code);
          }
          checkPosition(first.error, source);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("returns text unless the template is a single action", () => {
    fc.assert(
      fc.property(validTemplate, generatedData, (source, input) => {
        const template = parseTemplate(source);
        const actions = template.nodes.filter((node) => node.kind === "action").length;
        const textIsBlank = template.nodes.every((node) => node.kind === "action" || node.value.trim() === "");
        const result = outcome(() => evaluateTemplate(template, input, { now: () => new Date(0) }));
        if (result.ok && !(actions === 1 && textIsBlank)) expect(typeof result.value).toBe("string");
      }),
      { numRuns: 500 },
    );
  });

  it("toJson | fromJson gives back any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const input: EvaluationData = { input: { body: { v: value }, headers: {}, query_params: {} }, steps: {} };
        expect(run("{{ .input.body.v | toJson | fromJson }}", input)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("default never fails on a missing or present path", () => {
    fc.assert(
      fc.property(path, generatedData, (p, input) => {
        const result = outcome(() => run(`{{ ${p} | default "fallback" }}`, input));
        // Only a type error in the path itself could fail; paths here are plain fields.
        expect(result.ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
