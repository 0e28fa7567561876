import { problem } from "../http/route-problems.js";
import type { Request } from "express";
import type { TriggerInput } from "@fluxo/contracts";
import { rememberBodySource } from "../http/body-source.js";
import { passedJsonText } from "../http/json-body.js";
import { jsonTextChecker } from "../http/off-thread-json.js";
import { redactHeaders } from "@fluxo/connectors";
import { ProblemError } from "../http/problem.js";
import { findUnstorableText, unstorableProblem } from "../http/storable-text.js";

/** Credentials never reach the flow's input (nor its stored execution); other credential-like headers arrive masked. */
const DROPPED_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);
/** `?key=` is the API key for callers that can't set headers. */
const DROPPED_QUERY = new Set(["key"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A gateway request as a flow's trigger input: `{ body, headers, query_params }`. */
export async function triggerInputOf(req: Request, rawBody: Buffer | undefined): Promise<TriggerInput> {
  const { value: body, mayHoldUnstorable, jsonText } = await parsedBody(req.get("content-type") ?? "", rawBody);
  const input = { body, headers: headersOf(req), query_params: queryOf(req) };
  // Stored from the text the checks passed, not serialised again (a second full pass over a big body).
  if (jsonText !== undefined) rememberBodySource(input, jsonText);
  // Kept whole or refused whole (422): PostgreSQL can't store a NUL or half a character. A big JSON
  // body was looked at by the worker already (a 9 MB string took ~80 ms of the loop to scan again).
  const unstorable = findUnstorableText(mayHoldUnstorable ? input : { ...input, body: null }, "input");
  if (unstorable) throw unstorableProblem(unstorable);
  return input;
}

/**
 * JSON → its value; form → an object (repeated names → lists); anything else → UTF-8 text; none → null.
 * A big JSON body is checked off the event loop (off-thread-json.ts); parsing stays here, where its value is needed.
 */
export async function parseBody(contentType: string, raw: Buffer | undefined): Promise<unknown> {
  return (await parsedBody(contentType, raw)).value;
}

/** The body's value, and whether it may hold text PostgreSQL can't store (JSON: known from the checks). */
async function parsedBody(contentType: string, raw: Buffer | undefined): Promise<{ value: unknown; mayHoldUnstorable: boolean; jsonText?: string }> {
  if (!raw || raw.length === 0) return { value: null, mayHoldUnstorable: false };
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) {
    const { text, mayHoldUnstorable } = passedJsonText(await jsonTextChecker.check(raw));
    try {
      return { value: JSON.parse(text) as unknown, mayHoldUnstorable, jsonText: text };
    } catch {
      throw new ProblemError(400, "Bad Request", problem("gateway.bad_json"));
    }
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new ProblemError(415, "Unsupported Media Type", problem("gateway.media_type"));
  }
  return { value: type === "application/x-www-form-urlencoded" ? grouped(new URLSearchParams(text), new Set()) : text, mayHoldUnstorable: true };
}

// Objects built from names a caller chose have no prototype: "toString" or "constructor" are names like any other.
function headersOf(req: Request): Record<string, string> {
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  // Headers named like credentials (x-api-key, *token*, *secret*, *password*) are kept by name only.
  return Object.assign(Object.create(null) as Record<string, string>, redactHeaders(headers));
}

function queryOf(req: Request): Record<string, string | string[]> {
  return grouped(new URL(req.originalUrl, "http://gateway").searchParams, DROPPED_QUERY);
}

function grouped(params: URLSearchParams, dropped: ReadonlySet<string>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of params) {
    if (dropped.has(name)) continue;
    const previous = out[name];
    out[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}
