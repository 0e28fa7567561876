import { problem } from "../http/route-problems.js";
import type { Request } from "express";
import type { TriggerInput } from "@fluxo/contracts";
import { rememberBodySource } from "../http/body-source.js";
import { passedJsonText } from "../http/json-body.js";
import { jsonTextChecker } from "../http/off-thread-json.js";
import { redactHeaders } from "@fluxo/connectors";
import { ProblemError } from "../http/problem.js";
import { parseInSlices } from "../http/sliced-parse.js";
import { findUnstorableText, unstorableProblem, unstorableText, type UnstorableText } from "../http/storable-text.js";
import type { UnstorableAt } from "../http/unstorable-text.mjs";

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
  const { value: body, jsonText, unstorable } = await parsedBody(req.get("content-type") ?? "", rawBody, runsHere);
  const input = { body, headers: headersOf(req), query_params: queryOf(req) };
  // Stored from the text the checks passed, not serialised again (a second full pass over a big body).
  if (jsonText !== undefined) rememberBodySource(input, jsonText);
  // Kept whole or refused whole (422): PostgreSQL can't store a NUL or half a character.
  const found = unstorableInBody(body, unstorable) ?? findUnstorableText({ ...input, body: null }, "input");
  if (found) throw unstorableProblem(found);
  return input;
}

/** Where the body holds text PostgreSQL can't store: as the JSON worker thread found it, or searched here. */
function unstorableInBody(body: unknown, known: UnstorableAt | null | undefined): UnstorableText | null {
  if (known === undefined) return findUnstorableText(body, "input.body");
  return known && unstorableText({ ...known, path: `input.${known.path}` });
}

/**
 * JSON → its value; form → an object (repeated names → lists); anything else → UTF-8 text; none → null.
 * A big JSON body is checked and parsed off the event loop (off-thread-json.ts), and its value built
 * here a slice at a time (sliced-parse.ts): one JSON.parse of 9.5 MB of small objects held the loop ~200 ms.
 */
export async function parseBody(contentType: string, raw: Buffer | undefined): Promise<unknown> {
  return (await parsedBody(contentType, raw, true)).value;
}

interface ParsedBody {
  /** Null when not `needed` and stored from its text. */
  value: unknown;
  jsonText?: string;
  /**
   * Where the body holds text PostgreSQL can't store, its path starting at "body": null when nowhere
   * (a JSON body without such escapes, or a big one the JSON worker thread searched — on the loop a
   * 9 MB body took a whole parse to say where); absent when the value is still to be searched.
   */
  unstorable?: UnstorableAt | null;
}

async function parsedBody(contentType: string, raw: Buffer | undefined, needed: boolean): Promise<ParsedBody> {
  if (!raw || raw.length === 0) return { value: null, unstorable: null };
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) {
    const { text, mayHoldUnstorable, slices, unstorable } = passedJsonText(await jsonTextChecker.check(raw));
    if (slices === null) throw badJson();
    if (slices === undefined) return { value: parsedInPlace(text), jsonText: text, ...(mayHoldUnstorable ? {} : { unstorable: null }) };
    return { value: needed && !unstorable ? await parseInSlices(text, slices) : null, jsonText: text, unstorable: unstorable ?? null };
  }
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new ProblemError(415, "Unsupported Media Type", problem("gateway.media_type"));
  }
  return { value: type === "application/x-www-form-urlencoded" ? grouped(new URLSearchParams(text), new Set()) : text };
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
