// Vitest global setup for the node project: the integration tests need a PostgreSQL (and the
// queue tests a Redis). When the machine has them (CI starts both on their usual ports) they are
// used as they are; on a bare machine the run brings its own — the embedded PostgreSQL server in a
// temp folder, and Debian's redis-server (installed with apt-get when missing) on a private port —
// and stops them at the end.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "../src/db/embedded-postgres.js";
import { toDatabaseUrl } from "../src/db/migrate.js";
import { answers, redisServerBinary, startRedisServer } from "./redis-server.js";

type Stop = () => Promise<void>;

export default async function setup(): Promise<Stop> {
  const stops: Stop[] = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error(error));
  };
  try {
    if (!process.env.FLUXO_TEST_POSTGRES_URL && !(await answers(5432))) stops.push(await embeddedPostgres());
    if (!process.env.FLUXO_TEST_REDIS_URL && !(await answers(6379))) stops.push(await privateRedis());
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function embeddedPostgres(): Promise<Stop> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fluxo-test-postgres-"));
  process.stdout.write(`Nothing answers on 127.0.0.1:5432: the tests use an embedded PostgreSQL in ${dir}\n`);
  const server = await startEmbeddedPostgres(dir);
  // The harness creates one database per test app through this administrative connection.
  process.env.FLUXO_TEST_POSTGRES_URL = toDatabaseUrl({ ...server.fields, database: "postgres" });
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

async function privateRedis(): Promise<Stop> {
  const binary = redisServerBinary();
  const port = await freePort();
  process.stdout.write(`Nothing answers on 127.0.0.1:6379: the queue tests use ${binary} on port ${port}\n`);
  const server = await startRedisServer(binary, port);
  process.env.FLUXO_TEST_REDIS_URL = server.url;
  return () => server.stop();
}
