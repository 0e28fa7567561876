import { randomBytes } from "node:crypto";
import pg from "pg";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../src/db/database-url.js";
import { applyMigrations, MIGRATION_LOCK_KEY } from "../src/db/migrate.js";
import { createTestDatabase, type TestDatabase } from "./harness.js";
import { startAppProcess, startWorkerProcess, type WorkerProcess } from "./worker-process.js";

const REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Issue 22: processes started together on an empty database take turns migrating it instead of racing for Prisma's lock. */
describe("migrations on an empty database", () => {
  const databases: TestDatabase[] = [];
  const processes: WorkerProcess[] = [];
  const prefix = `fluxo-test-${process.pid}-${randomBytes(3).toString("hex")}`;

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    for (const db of databases) await db.drop();
  }, 60_000);

  const emptyDatabase = async () => {
    const db = await createTestDatabase("postgres");
    databases.push(db);
    return db;
  };
  const appliedMigrations = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")).rows.map((r) => r.migration_name);
    } finally {
      await client.end();
    }
  };

  it("one API and three workers started at once all come up, and each migration is applied once", async () => {
    const db = await emptyDatabase();
    const env = { ...db.env, FLUXO_MODE: "queue", REDIS_URL, FLUXO_REDIS_PREFIX: prefix, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false" };
    const started = await Promise.allSettled([
      startAppProcess({ ...env, PORT: "0", HOST: "127.0.0.1" }, "Fluxo está no ar"),
      startWorkerProcess(env),
      startWorkerProcess(env),
      startWorkerProcess(env),
    ]);
    for (const result of started) if (result.status === "fulfilled") processes.push(result.value);
    expect(started.map((r) => (r.status === "fulfilled" ? "up" : String(r.reason)))).toEqual(["up", "up", "up", "up"]);
    const applied = await appliedMigrations(db.env["DATABASE_URL"]!);
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);
  }, 240_000);

  it("a process that finds the migration lock held says it is waiting, and migrates once the holder lets go", async () => {
    const db = await emptyDatabase();
    const fields = parseDatabaseUrl(db.env["DATABASE_URL"]!);
    const holder = new pg.Client(fields);
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    let announce!: (line: string) => void;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    let finished = false;
    const waiter = applyMigrations(fields, announce).then(() => (finished = true));
    try {
      expect(await announced).toMatch(/^Aguardando outro processo do Fluxo terminar as migrações do banco de dados fluxo_test_\w+ em 127\.0\.0\.1:\d+…$/);
      expect(await holder.query("SELECT to_regclass('public._prisma_migrations') AS t")).toMatchObject({ rows: [{ t: null }] });
      expect(finished).toBe(false);
    } finally {
      // Ending the holder's session releases its lock, as a process that exits does.
      await holder.end();
    }
    await waiter;
    expect((await appliedMigrations(db.env["DATABASE_URL"]!)).length).toBeGreaterThan(0);
  }, 120_000);
});
