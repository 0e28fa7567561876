import type { StepResult } from "@fluxo/contracts";
import type { HttpResponse } from "../sdk/types.js";

const TEXT_TYPES = /^(text\/|application\/(xml|javascript|x-www-form-urlencoded|x-ndjson|yaml|x-yaml|graphql)|.*\+xml$)/;
const JSON_TYPE = /^application\/(.*\+)?json$|^text\/json$/;

/** The body as the step's result holds it: JSON parsed when the answer says JSON, text, or binary as base64. */
export function responseBody(response: HttpResponse): unknown {
  if (response.bodyBytes.byteLength === 0) return null;
  const type = mediaType(response.headers["content-type"]);
  if (JSON_TYPE.test(type)) {
    try {
      return JSON.parse(response.bodyText) as unknown;
    } catch {
      return response.bodyText; // said JSON, isn't: the text, as received
    }
  }
  if (TEXT_TYPES.test(type) || (type === "" && isUtf8Text(response.bodyBytes))) return response.bodyText;
  const binary: BinaryBody = { contentType: type || "application/octet-stream", size: response.bodyBytes.byteLength, base64: Buffer.from(response.bodyBytes).toString("base64") };
  return binary;
}

export interface BinaryBody {
  contentType: string;
  size: number;
  base64: string;
}

function isBinaryBody(body: unknown): body is BinaryBody {
  return typeof body === "object" && body !== null && typeof (body as { base64?: unknown }).base64 === "string" && typeof (body as { contentType?: unknown }).contentType === "string";
}

export function toStepResult(response: HttpResponse): StepResult {
  return { code: response.status, headers: response.headers, body: responseBody(response) };
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

function isUtf8Text(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return !text.includes("\0");
  } catch {
    return false;
  }
}

/** The answer's body as a short text for an error message (secrets scrubbed by the caller). */
export function bodySnippet(response: HttpResponse, max = 500): string {
  const body = responseBody(response);
  if (body === null) return "";
  if (typeof body === "string") return truncate(body.trim(), max);
  if (isBinaryBody(body)) return `(${body.contentType}, ${body.size} bytes)`;
  return truncate(JSON.stringify(body), max);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** What a JSON error answer says in words: RFC 6749/6750's `error_description`, problem+json's `detail`, or a `message`. */
export function errorDescriptionOf(response: HttpResponse, max = 500): string | undefined {
  const body = responseBody(response);
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["error_description", "detail", "message", "title"]) {
    const value = record[key];
    if (typeof value === "string" && value.trim() !== "") return truncate(value.trim(), max);
  }
  return undefined;
}

/** `error`/`code` of a JSON error answer (RFC 6749, RFC 6750, problem+json's `title`). */
export function errorCodeOf(response: HttpResponse): string | undefined {
  const body = responseBody(response);
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["error", "code"]) if (typeof record[key] === "string" && record[key] !== "") return (record[key] as string).slice(0, 100);
  return undefined;
}
