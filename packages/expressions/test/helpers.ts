import { expect } from "vitest";
import { evaluateTemplate, ExpressionError, parseTemplate, type EvaluateOptions, type EvaluationData } from "../src/index.js";

export const FIXED_NOW = new Date("2024-05-01T12:34:56.789Z");

export function sampleData(): EvaluationData {
  return {
    input: {
      body: {
        payload_campo_1: "valor 1",
        scopes: ["openid", "apps"],
        locations: ["https://api.btgpactual.com/contas"],
        amount: 1000000,
        zero: 0,
        empty: "",
        nothing: null,
        flag: true,
        raw: '{"id": 7, "tags": ["a", "b"], "inner": {"ok": true}}',
        nome: "  João da Silva  ",
        nested: { list: [{ id: 1 }, { id: 2, tags: ["x"] }], "with-dash": "dash", "0": "zero key" },
        encoded: "b2zDoSwgbXVuZG8g4pyT",
      },
      headers: { "x-key": "chave-123", "content-type": "application/json", host: "fluxo.local" },
      query_params: { page: "2", ids: ["1", "2"] },
    },
    steps: {
      credentials: {
        code: 200,
        headers: { "content-type": "application/json" },
        body: { access_token: "eyJhbGciOi.payload.sig", token_type: "Bearer", expires_in: 86400, scope: "apps" },
      },
    },
  };
}

/** Parses and evaluates with a fixed clock. */
export function run(source: string, data: EvaluationData = sampleData(), options: EvaluateOptions = {}): unknown {
  return evaluateTemplate(parseTemplate(source), data, { now: () => FIXED_NOW, ...options });
}

/** The ExpressionError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): ExpressionError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ExpressionError);
  return thrown as ExpressionError;
}

export function parseError(source: string): ExpressionError {
  return errorOf(() => parseTemplate(source));
}

export function runError(source: string, data?: EvaluationData, options?: EvaluateOptions): ExpressionError {
  // The template itself must be valid: runtime errors only.
  const template = parseTemplate(source);
  return errorOf(() => evaluateTemplate(template, data ?? sampleData(), { now: () => FIXED_NOW, ...options }));
}
