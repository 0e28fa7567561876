export interface RedisFields {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  maxRetriesPerRequest: null;
  retryStrategy: (attempt: number) => number;
}

/** Connection options from REDIS_URL (`redis://[:password@]host:port[/db]`), as BullMQ and ioredis both take them. */
export function redisOptions(url: string): RedisFields {
  const parsed = new URL(url);
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") throw new Error(`REDIS_URL must start with redis:// (got ${parsed.protocol}//)`);
  const db = parsed.pathname.replace(/^\//, "");
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    // BullMQ's blocking connections require it; harmless for the others.
    maxRetriesPerRequest: null,
    // Try again at least every second while Redis is away (BullMQ's own default backs off to 20 s), so
    // the queue works again as soon as it returns.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  };
}
