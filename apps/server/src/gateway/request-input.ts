import { problem } from "../http/route-problems.js";
import type { Request } from "express";
import type { TriggerInput } from "@fluxo/contracts";
import { rememberBodySource } from "../http/body-source.js";
import { passedJsonText } from "../http/json-body.js";
import { jsonTextChecker } from "../http/off-thread-json.js";
import { redactHeaders } from "@fluxo/connectors";
import { ProblemError } from "../http/problem.js";
import { parseInSlices } from "../http/sliced-parse.js";
import { findUnstorableText, unstorableProblem } from "../http/storable-text.js";

/** Credentials never reach the flow's input (nor its stored execution); other credential-like headers arrive masked. */
const DROPPED_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);
/** `?key=` is the API key for callers that can't set headers. */
const DROPPED_QUERY = new Set(["key"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A gateway request as a flow's trigger input: `{ body, headers, query_params }`. `runsHere` false
 * (queue mode: a worker runs it, from what is stored): a big JSON body is only stored, as the text it
 * came as, and `body` is left null here — nothing in this process reads it.
 */
export async function triggerInputOf(req: Request, rawBody: Buffer | undefined, runsHere: boolean): Promise<TriggerInput> {
  const { value: body, mayHoldUnstorable, jsonText } = await parsedBody(req.get("content-type") ?? "", rawBody, runsHere);
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
 * A big JSON body is checked and parsed off the event loop (off-thread-json.ts), and its value built
 * here a slice at a time (sliced-parse.ts): one JSON.parse of 9.5 MB of small objects held the loop ~200 ms.
 */
export async function parseBody(contentType: string, raw: Buffer | undefined): Promise<unknown> {
  return (await parsedBody(contentType, raw, true)).value;
}

/**
 * The body's value (null when not `needed` and stored from its text), and whether it may hold text
 * PostgreSQL can't store (JSON: known from the checks; such a body is always parsed, to say where).
 */
async function parsedBody(contentType: string, raw: Buffer | undefined, needed: boolean): Promise<{ value: unknown; mayHoldUnstorable: boolean; jsonText?: string }> {
  if (!raw || raw.length === 0) return { value: null, mayHoldUnstorable: false };
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) {
    const { text, mayHoldUnstorable, slices } = passedJsonText(await jsonTextChecker.check(raw));
    if (slices === null) throw badJson();
    if (slices === undefined) return { value: parsedInPlace(text), mayHoldUnstorable, jsonText: text };
    return { value: needed || mayHoldUnstorable ? await parseInSlices(text, slices) : null, mayHoldUnstorable, jsonText: text };
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new ProblemError(415, "Unsupported Media Type", problem("gateway.media_type"));
  }
  return { value: type === "application/x-www-form-urlencoded" ? grouped(new URLSearchParams(text), new Set()) : text, mayHoldUnstorable: true };
}

/** A small body: a thread hop would cost more than the parse. */
function parsedInPlace(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badJson();
  }
}

const badJson = () => new ProblemError(400, "Bad Request", problem("gateway.bad_json"));

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
