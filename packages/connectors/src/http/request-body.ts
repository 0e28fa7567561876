import { stepMessage } from "@fluxo/contracts";
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
    if (params.bodyType !== "none") throw invalidBody(stepMessage("http.body_not_allowed", { method: params.method }), "bodyType");
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
  if (body === undefined) throw invalidBody(stepMessage("http.body_missing"), "body");
  if (typeof body !== "string") return JSON.stringify(body);
  const problem = jsonSyntaxProblem(body);
  if (!problem) return body;
  throw invalidBody(stepMessage("http.body_not_json", { line: problem.line, column: problem.column, reason: problem.reason }), "body");
}

function formEncode(entries: NameValue[]): string {
  const params = new URLSearchParams();
  for (const { name, value } of entries) params.append(name, value);
  return params.toString();
}

function invalidBody(text: ReturnType<typeof stepMessage>, path: string): StepError {
  return new StepError({ kind: "invalid_parameters", ...text, fields: [{ path, message: text.message }], retryable: false });
}
