import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "../logger.js";
import { redisOptions } from "./redis-options.js";

/** A connection that keeps reconnecting while Redis is away, saying so once when it goes and once when it is back. */
export function connectRedis(url: string, name: string, logger: Logger, options: RedisOptions = {}): Redis {
  const redis = new Redis({ ...redisOptions(url), ...options, connectionName: name });
  let away = false;
  redis.on("error", (error: unknown) => {
    if (away) return;
    away = true;
    logger.warn({ err: error, connection: name }, "Redis unreachable; reconnecting");
  });
  redis.on("ready", () => {
    if (!away) return;
    away = false;
    logger.info({ connection: name }, "Redis reachable again");
  });
  return redis;
}
