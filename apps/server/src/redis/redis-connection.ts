import { Redis } from "ioredis";
import { redisOptions } from "./redis-options.js";

export function connectRedis(url: string, name: string): Redis {
  return new Redis({ ...redisOptions(url), connectionName: name });
}
