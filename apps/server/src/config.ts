import path from "node:path";
import { allowlistEntryProblem, parseOutboundAllowlist, type OutboundPolicy } from "@fluxo/connectors";
import { z } from "zod";

const booleanFromEnv = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Every setting the server reads, from the environment; docker-compose.yml is checked against this. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL to use; unset means the embedded one in FLUXO_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  /** Connections in the pool (DATABASE_URL or the embedded server alike). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  FLUXO_DATA_DIR: z.string().min(1).default("./data"),
  /** Start the local BTG-ID sandbox beside the app (demos and tests). */
  FLUXO_SANDBOX: booleanFromEnv.optional(),
  BTG_SANDBOX_HOST: z.string().min(1).default("127.0.0.1"),
  BTG_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  /** The sandbox's banking APIs answer only Authorization Code tokens, as BTG's do. */
  BTG_SANDBOX_STRICT_GRANTS: booleanFromEnv.default(false),
  /** The built web app to serve on the same origin; unset means apps/web/dist when it exists. */
  FLUXO_WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seals connection secrets (32 bytes, base64); unset with the embedded database means a key file in FLUXO_DATA_DIR. */
  FLUXO_ENCRYPTION_KEY: z.string().min(1).optional(),
  /** Origins (comma- or space-separated) allowed to call the API from a browser with an API key; unset means no CORS at all. */
  FLUXO_CORS_ORIGINS: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      for (const entry of splitList(text)) if (!/^https?:\/\/[^/\s]+$/.test(entry)) ctx.addIssue({ code: "custom", message: `"${entry}" is not an origin (scheme://host[:port], no path)` });
    }),
  /** Largest JSON request body, in bytes. */
  FLUXO_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest gateway request body (any content type), in bytes. */
  FLUXO_GATEWAY_BODY_LIMIT: z.coerce.number().int().min(1024).max(104_857_600).default(10_485_760),
  /** How long …/sync waits for the execution before answering 504; at most 5 minutes. */
  FLUXO_GATEWAY_SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000, "use at most 300000 (5 minutes)").default(29_000),
  /**
   * How long a checked session or API key is believed without asking the database again. A sign-out,
   * role change, removal or revocation counts at once in the process that made it, in other API
   * processes within this time; 0 asks on every request.
   */
  FLUXO_AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000, "use at most 60000 (1 minute)").default(1_000),
  /** Gateway calls per API key per minute (counted in each API process's memory). */
  FLUXO_GATEWAY_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** Largest answer a step reads from a service, in bytes; a larger one fails the step unread. */
  FLUXO_HTTP_RESPONSE_LIMIT: z.coerce.number().int().min(1024).max(1_073_741_824).default(10_485_760),
  /** Items one Loop step may run its branch for; a longer list fails the step naming this limit. */
  FLUXO_LOOP_MAX_ITEMS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /** Step runs in one execution, every pass of a Loop's branch counted; past it the execution fails. */
  FLUXO_MAX_STEP_RUNS: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  /** Lets connections call http:// on loopback (the local sandbox); default on with the embedded database or outside production. */
  FLUXO_ALLOW_INSECURE_LOCALHOST: booleanFromEnv.optional(),
  /** Hosts and CIDRs outbound calls may reach although private (comma- or space-separated). */
  FLUXO_OUTBOUND_ALLOWLIST: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
        const problem = allowlistEntryProblem(entry);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }
    }),
  /** single: the API runs executions itself; queue: the API enqueues them on BullMQ for workers. */
  FLUXO_MODE: z.enum(["single", "queue"]).default("single"),
  /** In queue mode: api (HTTP + SSE, enqueues) or worker (runs executions, no HTTP). */
  FLUXO_ROLE: z.enum(["api", "worker"]).default("api"),
  /** Redis for the queue, live events between processes and the shared token cache (queue mode). */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key and channel Fluxo uses, so several installations (or test runs) can share a Redis. */
  FLUXO_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, _ and -").default("fluxo"),
  /** Executions one worker runs at once. */
  FLUXO_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  /** A worker silent this long is taken as dead and its execution is handed to another. */
  FLUXO_QUEUE_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** Queue mode: an Espera longer than this frees its worker (the execution waits as a delayed job and resumes on any worker). */
  FLUXO_WAIT_HANDOFF_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
  /** How often one API process puts back on the queue the executions PostgreSQL has as queued (Redis lost them). */
  FLUXO_QUEUE_REQUEUE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** How often finished executions past their workspace's retention are pruned (one process at a time). */
  FLUXO_PRUNE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  /** Where people reach Fluxo (https://fluxo.example.com): the OAuth redirect URI is this + /api/oauth/callback; unset means the request's own origin. */
  FLUXO_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/, "use scheme://host[:port][/path], e.g. https://fluxo.example.com")
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /**
   * Token refreshes per Authorization Code connection in any hour. BTG limits refreshes per hour
   * but the number depends on the client's contract: 10 is a guess; set it from yours.
   */
  FLUXO_BTG_REFRESH_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  /** How often "Manter conectado" looks for connections whose refresh token is about to lapse. */
  FLUXO_BTG_KEEP_CONNECTED_CHECK_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
}).superRefine((config, ctx) => {
  if (config.FLUXO_MODE === "queue" && !config.REDIS_URL) ctx.addIssue({ code: "custom", path: ["REDIS_URL"], message: "is required when FLUXO_MODE=queue" });
  if (config.FLUXO_ROLE === "worker" && config.FLUXO_MODE !== "queue") ctx.addIssue({ code: "custom", path: ["FLUXO_ROLE"], message: "worker needs FLUXO_MODE=queue" });
});

export type Config = z.infer<typeof ConfigSchema> & { embedded: boolean; sandbox: boolean; dataDir: string; outboundPolicy: OutboundPolicy; corsOrigins: string[] };

function splitList(text: string | undefined): string[] {
  return (text ?? "").split(/[\s,]+/).filter(Boolean);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  const embedded = !config.DATABASE_URL;
  return {
    ...config,
    embedded,
    sandbox: config.FLUXO_SANDBOX ?? embedded,
    dataDir: path.resolve(config.FLUXO_DATA_DIR),
    corsOrigins: splitList(config.FLUXO_CORS_ORIGINS),
    outboundPolicy: {
      allowInsecureLoopback: config.FLUXO_ALLOW_INSECURE_LOCALHOST ?? (embedded || config.NODE_ENV !== "production"),
      allowlist: parseOutboundAllowlist(config.FLUXO_OUTBOUND_ALLOWLIST),
    },
  };
}
