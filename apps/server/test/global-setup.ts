// Vitest global setup for the node project: the integration tests need a PostgreSQL (and the
// queue tests a Redis). When the machine has them (CI starts both on their usual ports) they are
// used as they are; on a bare machine the run brings its own — the embedded PostgreSQL server in a
// temp folder, and Debian's redis-server (installed with apt-get when missing) on a private port —
// and stops them at the end.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "../src/db/embedded-postgres.js";
import { toDatabaseUrl } from "../src/db/migrate.js";

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
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"], { stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("error", () => undefined);
  for (const deadline = Date.now() + 20_000; !(await answers(port)); ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.env.FLUXO_TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
  return async () => {
    child.kill("SIGTERM");
    await exited;
  };
}

/** Debian's redis-server, installed like the e2e suite's Chromium when it is missing. */
function redisServerBinary(): string {
  const found = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((file) => existsSync(file));
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error("the queue tests need Redis: nothing answers on 127.0.0.1:6379 and redis-server is not installed (sudo apt-get install -y redis-server), or set FLUXO_TEST_REDIS_URL");
  process.stdout.write("Installing Debian's redis-server (apt-get) for the queue tests\n");
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "redis-server"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (exit ${result.status}); install redis-server, or set FLUXO_TEST_REDIS_URL`);
  }
  // The package starts a system service on 6379 where it can; the tests keep to their own server.
  return "/usr/bin/redis-server";
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

