import { z } from "zod";
import { redirectUriProblem } from "./authorization-code/redirect-uris.js";
import type { SandboxClient, SandboxOptions } from "./types.js";

/** The public demo client. Its secret is a documented demo value and may be printed. */
export const DEMO_CLIENT: SandboxClient = Object.freeze({ clientId: "demo-client", clientSecret: "demo-secret" });

/**
 * The demo account holder who logs in at /oauth2/authorize. Its password is a documented
 * demo value and may be printed.
 */
export const DEMO_ACCOUNT = Object.freeze({
  email: "cliente@empresa.com.br",
  password: "senha-demo",
  /** The `sub` of the tokens issued after this person's consent. */
  subject: "btg-conta-0001",
  name: "Cliente Demonstração",
});

export const DEFAULT_TOKEN_TTL_SECONDS = 86_400;
/** BTG's refresh tokens live 10 days. */
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 864_000;
/** Authorization codes are short-lived (RFC 6749 §4.1.2 recommends at most 10 minutes). */
export const DEFAULT_CODE_TTL_SECONDS = 60;
export const DEFAULT_STANDALONE_PORT = 3100;
export const DEFAULT_HOST = "127.0.0.1";
export const MAX_LATENCY_MS = 600_000;
export const MAX_TOKEN_TTL_SECONDS = 31_536_000;
export const MAX_CODE_TTL_SECONDS = 600;

/** Options with every default applied, as the server uses them. */
export interface SandboxConfig {
  /** client id → client secret */
  clients: ReadonlyMap<string, string>;
  latencyMs: number;
  tokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  codeTtlSeconds: number;
  /** Exact redirect URIs registered for every client, besides the loopback callbacks. */
  redirectUris: readonly string[];
  /** Banking APIs answer only Authorization Code tokens. */
  strictGrants: boolean;
  port: number;
  host: string;
  log: (line: string) => void;
}

/** A configuration mistake, with a message that names what to fix. */
export class SandboxConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SandboxConfigError";
  }
}

// Client ids and secrets: printable, no control characters (RFC 6749 Appendix A: VSCHAR).
const PRINTABLE = /^[\x20-\x7E]+$/;

export const latencyMsSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_LATENCY_MS, `must be at most ${MAX_LATENCY_MS} ms`);

/** A redirect URI a client may register: absolute http(s), no fragment (RFC 6749 §3.1.2). */
const redirectUriSchema = z.string().superRefine((text, ctx) => {
  const problem = redirectUriProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const clientSchema = z.object({
  clientId: z.string().regex(PRINTABLE, "must be a non-empty string of printable ASCII"),
  clientSecret: z.string().regex(PRINTABLE, "must be a non-empty string of printable ASCII"),
});

const optionsSchema = z.object({
  clients: z
    .array(clientSchema)
    .min(1, "must hold at least one client")
    .refine((list) => new Set(list.map((c) => c.clientId)).size === list.length, "must not repeat a clientId")
    .optional(),
  latencyMs: latencyMsSchema.optional(),
  tokenTtlSeconds: z.number().int().min(1).max(MAX_TOKEN_TTL_SECONDS).optional(),
  refreshTokenTtlSeconds: z.number().int().min(1).max(MAX_TOKEN_TTL_SECONDS).optional(),
  codeTtlSeconds: z.number().int().min(1).max(MAX_CODE_TTL_SECONDS).optional(),
  redirectUris: z.array(redirectUriSchema).optional(),
  strictGrants: z.boolean().optional(),
  port: z.number().int().min(0).max(65_535).optional(),
  host: z.string().min(1).optional(),
  log: z.custom<(line: string) => void>((v) => typeof v === "function", "must be a function").optional(),
});

function describeIssues(prefix: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path || "options"} ${issue.message}`;
  });
  return `${prefix}: ${lines.join("; ")}`;
}

/** Validates in-process options and applies the defaults of startSandbox (port 0). */
export function resolveOptions(options: SandboxOptions = {}): SandboxConfig {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new SandboxConfigError(describeIssues("Invalid BTG-ID sandbox options", parsed.error));
  const o = parsed.data;
  const clients = o.clients ?? [DEMO_CLIENT];
  return {
    clients: new Map(clients.map((c) => [c.clientId, c.clientSecret])),
    latencyMs: o.latencyMs ?? 0,
    tokenTtlSeconds: o.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: o.refreshTokenTtlSeconds ?? DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    codeTtlSeconds: o.codeTtlSeconds ?? DEFAULT_CODE_TTL_SECONDS,
    redirectUris: o.redirectUris ?? [],
    strictGrants: o.strictGrants ?? false,
    port: o.port ?? 0,
    host: o.host ?? DEFAULT_HOST,
    log: o.log ?? (() => {}),
  };
}

// ── Environment of the standalone process ────────────────────────────────────

/**
 * Parses `id:secret,id2:secret2`. Messages name entries by position, never by content,
 * because the content holds secrets.
 */
export function parseClientList(text: string): SandboxClient[] | string {
  const entries = text.split(",").map((e) => e.trim());
  const clients: SandboxClient[] = [];
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(":");
    const clientId = colon < 0 ? "" : entry.slice(0, colon);
    const clientSecret = colon < 0 ? "" : entry.slice(colon + 1);
    if (!PRINTABLE.test(clientId) || !PRINTABLE.test(clientSecret)) {
      return `entry ${i + 1} must look like id:secret (both non-empty, printable ASCII, no commas)`;
    }
    if (clients.some((c) => c.clientId === clientId)) return `entry ${i + 1} repeats client id "${clientId}"`;
    clients.push({ clientId, clientSecret });
  }
  return clients;
}

const SECRET_VARS = new Set(["BTG_SANDBOX_CLIENTS"]);

// Empty variables count as unset (docker-compose and shells often pass `VAR=`).
const unsetIfEmpty = (v: unknown) => (v === "" ? undefined : v);

function integerVar(min: number, max: number) {
  return z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^\d+$/, `must be an integer from ${min} to ${max}`)
      .transform(Number)
      .pipe(z.number().min(min, `must be an integer from ${min} to ${max}`).max(max, `must be an integer from ${min} to ${max}`))
      .optional(),
  );
}

const envSchema = z.object({
  BTG_SANDBOX_PORT: integerVar(0, 65_535),
  BTG_SANDBOX_HOST: z.preprocess(unsetIfEmpty, z.string().regex(/^\S+$/, "must be a host name or IP address").optional()),
  BTG_SANDBOX_CLIENTS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((text, ctx) => {
        const result = parseClientList(text);
        if (typeof result === "string") {
          ctx.addIssue({ code: "custom", message: result });
          return z.NEVER;
        }
        return result;
      })
      .optional(),
  ),
  BTG_SANDBOX_LATENCY_MS: integerVar(0, MAX_LATENCY_MS),
  BTG_SANDBOX_TOKEN_TTL: integerVar(1, MAX_TOKEN_TTL_SECONDS),
  BTG_SANDBOX_REFRESH_TOKEN_TTL: integerVar(1, MAX_TOKEN_TTL_SECONDS),
  BTG_SANDBOX_CODE_TTL: integerVar(1, MAX_CODE_TTL_SECONDS),
  BTG_SANDBOX_REDIRECT_URIS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((text, ctx) => {
        const uris = text.split(/[\s,]+/).filter((u) => u !== "");
        for (const uri of uris) {
          const problem = redirectUriProblem(uri);
          if (problem) ctx.addIssue({ code: "custom", message: `entry ${JSON.stringify(uri)} ${problem}` });
        }
        return uris;
      })
      .optional(),
  ),
  BTG_SANDBOX_STRICT_GRANTS: z.preprocess(
    unsetIfEmpty,
    z
      .enum(["true", "false", "1", "0"], { error: "must be true or false" })
      .transform((v) => v === "true" || v === "1")
      .optional(),
  ),
});

/**
 * Reads the standalone process's environment. Throws SandboxConfigError naming each bad
 * variable (and its value, except for BTG_SANDBOX_CLIENTS, which holds secrets).
 */
export function parseEnv(env: Readonly<Record<string, string | undefined>>): SandboxOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      if (seen.has(name)) continue;
      seen.add(name);
      const shown = SECRET_VARS.has(name) ? "" : ` (got ${JSON.stringify(env[name])})`;
      lines.push(`${name} ${issue.message}${shown}`);
    }
    throw new SandboxConfigError(`Invalid environment for the BTG-ID sandbox: ${lines.join("; ")}`);
  }
  const e = parsed.data;
  const options: SandboxOptions = {
    port: e.BTG_SANDBOX_PORT ?? DEFAULT_STANDALONE_PORT,
    host: e.BTG_SANDBOX_HOST ?? DEFAULT_HOST,
  };
  if (e.BTG_SANDBOX_CLIENTS) options.clients = e.BTG_SANDBOX_CLIENTS;
  if (e.BTG_SANDBOX_LATENCY_MS !== undefined) options.latencyMs = e.BTG_SANDBOX_LATENCY_MS;
  if (e.BTG_SANDBOX_TOKEN_TTL !== undefined) options.tokenTtlSeconds = e.BTG_SANDBOX_TOKEN_TTL;
  if (e.BTG_SANDBOX_REFRESH_TOKEN_TTL !== undefined) options.refreshTokenTtlSeconds = e.BTG_SANDBOX_REFRESH_TOKEN_TTL;
  if (e.BTG_SANDBOX_CODE_TTL !== undefined) options.codeTtlSeconds = e.BTG_SANDBOX_CODE_TTL;
  if (e.BTG_SANDBOX_REDIRECT_URIS !== undefined) options.redirectUris = e.BTG_SANDBOX_REDIRECT_URIS;
  if (e.BTG_SANDBOX_STRICT_GRANTS !== undefined) options.strictGrants = e.BTG_SANDBOX_STRICT_GRANTS;
  return options;
}
