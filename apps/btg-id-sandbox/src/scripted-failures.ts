import { STATUS_CODES } from "node:http";
import { z } from "zod";
import { MAX_LATENCY_MS, SandboxConfigError } from "./config.js";
import { NO_STORE_HEADERS } from "./oauth-error.js";
import type { ScriptedFailure } from "./types.js";

/** Who consumes a scripted entry: the token endpoint or the resource API under /api. */
export type Audience = "token" | "api";

/**
 * Entries aimed at one step of the Authorization Code grant. They wait in the queue for
 * that step and are skipped by the requests that take the other entries.
 */
export type TargetedKind = "refresh-invalid-grant" | "consent-access-denied";

/** What takes scripted entries: a request at arrival (token endpoint or API), or a targeted step. */
export type FailureTaker = Audience | TargetedKind;

/** One rendered answer of a scripted `respond` entry. */
export interface ScriptedReply {
  headers: Record<string, string>;
  body: string;
  statsKey: string;
}

/**
 * A scripted failure checked and turned into what the sandbox will do. A `respond` entry
 * is rendered for both audiences; they differ only where a default depends on who answers
 * (a 401 without a body: `invalid_client` + Basic challenge from the token endpoint,
 * `invalid_token` + Bearer challenge from the API).
 */
export type PreparedFailure =
  | { kind: "respond"; status: number; replies: Record<Audience, ScriptedReply> }
  | { kind: "reset" }
  | { kind: "hang" }
  | { kind: "delay"; ms: number }
  | { kind: TargetedKind };

const statusSchema = z.number().int().min(200).max(599);
// Headers that would break HTTP framing if a script set them.
const FRAMING_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade"]);
const headerNameSchema = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, "must be a valid header name")
  .refine((name) => !FRAMING_HEADERS.has(name.toLowerCase()), "cannot be scripted (it controls HTTP framing)");
const headerValueSchema = z.string().regex(/^[\t\x20-\x7E\x80-\xFF]*$/, "must not contain control characters");

const failureSchema = z.union([
  z.strictObject({ kind: z.literal("non-json"), status: statusSchema }),
  z.strictObject({ kind: z.literal("reset") }),
  z.strictObject({ kind: z.literal("hang") }),
  z.strictObject({ kind: z.literal("delay"), ms: z.number().int().min(0).max(MAX_LATENCY_MS) }),
  z.strictObject({ kind: z.literal("refresh-invalid-grant") }),
  z.strictObject({ kind: z.literal("consent-access-denied") }),
  z.strictObject({
    status: statusSchema,
    body: z.unknown().optional(),
    headers: z.record(headerNameSchema, headerValueSchema).optional(),
  }),
]);

export const failureListSchema = z.array(failureSchema);

// The declared public type and the schema must describe the same thing.
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesType: Equals<z.infer<typeof failureSchema>, ScriptedFailure> = true;
void schemaMatchesType;

function defaultBody(status: number, audience: Audience): unknown {
  if (status >= 500 || status === 429) return { error: "temporarily_unavailable" };
  if (status === 401) return { error: audience === "token" ? "invalid_client" : "invalid_token" };
  if (status >= 400) return { error: "invalid_request" };
  return {};
}

function statsKeyOf(status: number, body: unknown): string {
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  return typeof error === "string" && error !== "" ? error : `http_${status}`;
}

function htmlPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>btg-id-sandbox</center></body></html>\n`;
}

const CHALLENGES: Record<Audience, string> = {
  token: 'Basic realm="btg-id"',
  api: 'Bearer error="invalid_token", error_description="scripted failure"',
};

function renderReply(
  failure: { status: number; body?: unknown; headers?: Record<string, string> },
  audience: Audience,
  index: number,
): ScriptedReply {
  const body = failure.body === undefined ? defaultBody(failure.status, audience) : failure.body;
  let text: string | undefined;
  try {
    text = JSON.stringify(body);
  } catch {
    text = undefined;
  }
  if (text === undefined) throw new SandboxConfigError(`failures[${index}].body must be JSON-serialisable`);
  const headers: Record<string, string> = { "Content-Type": "application/json", ...NO_STORE_HEADERS };
  if (failure.status === 401) headers["WWW-Authenticate"] = CHALLENGES[audience];
  return { headers: { ...headers, ...failure.headers }, body: text, statsKey: statsKeyOf(failure.status, body) };
}

function prepare(failure: z.infer<typeof failureSchema>, index: number): PreparedFailure {
  if (!("kind" in failure)) {
    return {
      kind: "respond",
      status: failure.status,
      replies: { token: renderReply(failure, "token", index), api: renderReply(failure, "api", index) },
    };
  }
  if (failure.kind === "non-json") {
    const reply: ScriptedReply = {
      headers: { "Content-Type": "text/html; charset=utf-8" },
      body: htmlPage(failure.status),
      statsKey: "non_json",
    };
    return { kind: "respond", status: failure.status, replies: { token: reply, api: reply } };
  }
  return failure;
}

/** Validates a failure script (from code or from HTTP) and prepares it; throws SandboxConfigError. */
export function prepareFailures(input: unknown): PreparedFailure[] {
  const parsed = failureListSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("") : "";
    throw new SandboxConfigError(
      `failures${path} is not a valid scripted failure: ${issue?.message ?? "invalid"}. ` +
        `Use {status, body?, headers?}, {kind:"non-json", status}, {kind:"reset"}, {kind:"hang"}, {kind:"delay", ms}, ` +
        `{kind:"refresh-invalid-grant"} or {kind:"consent-access-denied"}`,
    );
  }
  return parsed.data.map(prepare);
}

/** Whether a prepared entry is for `taker`: untargeted entries go to arriving requests, targeted ones to their step. */
export function isFor(failure: PreparedFailure, taker: FailureTaker): boolean {
  const targeted = failure.kind === "refresh-invalid-grant" || failure.kind === "consent-access-denied";
  return targeted ? failure.kind === taker : taker === "token" || taker === "api";
}
