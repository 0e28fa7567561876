import { StepError } from "../sdk/errors.js";
import { jsonSyntaxProblem } from "./json-syntax.js";
import type { NameValue, RequestParameters } from "./request-fields.js";

export interface EncodedBody {
  body?: string;
  contentType?: string;
}

/**
 * The request body as sent. JSON: a single `{{ … }}` left a value (sent as its JSON), a
 * template left text that must be JSON (else the step fails naming the line and column).
 */
export function encodeBody(params: Pick<RequestParameters, "bodyType" | "body" | "form" | "method">): EncodedBody {
  if (params.method === "GET" || params.method === "HEAD") {
    if (params.bodyType !== "none") throw invalidBody(`Um pedido ${params.method} não leva corpo: escolha "Sem corpo" em Tipo do corpo ou outro Método.`, "bodyType");
    return {};
  }
  switch (params.bodyType) {
    case "none":
      return {};
    case "form":
      return { body: formEncode(params.form), contentType: "application/x-www-form-urlencoded" };
    case "text":
      return { body: typeof params.body === "string" ? params.body : params.body === undefined || params.body === null ? "" : JSON.stringify(params.body), contentType: "text/plain; charset=utf-8" };
    case "json":
      return { body: jsonText(params.body), contentType: "application/json" };
  }
}

function jsonText(body: unknown): string {
  if (body === undefined) throw invalidBody('Informe o Corpo em JSON, ou escolha "Sem corpo" em Tipo do corpo.', "body");
  if (typeof body !== "string") return JSON.stringify(body);
  const problem = jsonSyntaxProblem(body);
  if (!problem) return body;
  throw invalidBody(
    `O Corpo não é JSON válido (linha ${problem.line}, coluna ${problem.column}): ${problem.reason}. Um texto vindo de uma expressão vai entre aspas: "{{ … }}".`,
    "body",
  );
}

function formEncode(entries: NameValue[]): string {
  const params = new URLSearchParams();
  for (const { name, value } of entries) params.append(name, value);
  return params.toString();
}

function invalidBody(message: string, path: string): StepError {
  return new StepError({ kind: "invalid_parameters", message, fields: [{ path, message }], retryable: false });
}
