import { hash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database.js";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.js";

const migrationsDir = path.resolve(import.meta.dirname, "../../../prisma/migrations");
const dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fluxo-embedded-"));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Lists the files under `dir` with their sizes: "nothing changed" is this list staying the same. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile()).map(async (e) => `${path.relative(dir, path.join(e.parentPath, e.name))}:${hash("sha256", await readFile(path.join(e.parentPath, e.name)), "hex")}`)).then((l) => l.sort());
}

/**
 * A data folder as the PGlite versions left it: `<dataDir>/pg` migrated by Prisma (all but the
 * newest migration, so the upgrade is followed by a migration), an owner in it, and the key file.
 */
async function pgliteDataFolder(dataDir: string): Promise<void> {
  const names = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const db = await PGlite.create(path.join(dataDir, "pg"));
  await db.exec(`CREATE TABLE "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
  for (const name of names.slice(0, -1)) {
    const sql = await readFile(path.join(migrationsDir, name, "migration.sql"));
    await db.exec(sql.toString());
    await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`, [crypto.randomUUID(), hash("sha256", sql, "hex"), name]);
  }
  await db.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, 'dona@fluxo.test', 'Dona Fluxo — ç', 'x')`, [crypto.randomUUID()]);
  await db.close();
  await writeFile(path.join(dataDir, "encryption.key"), randomBytes(32).toString("base64"), { mode: 0o600 });
}

describe("embedded PostgreSQL", () => {
  it("keeps its data, password and port across starts, and starts again after its app was killed", async () => {
    const dataDir = await tempDir();
    const first = await startEmbeddedPostgres(dataDir);
    const info = JSON.parse(await readFile(path.join(dataDir, "postgres.json"), "utf8")) as { password: string; port: number };
    expect(info.password.length).toBeGreaterThanOrEqual(24);
    expect(first.fields).toMatchObject({ host: "127.0.0.1", port: info.port, password: info.password });
    // As if the app had died (kill -9): the server is left running and the next start takes over.
    const db = await openDatabase({ dataDir, poolSize: 2 });
    await db.pool.query("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
    await db.prisma.$disconnect();
    await db.pool.end();
    const again = await startEmbeddedPostgres(dataDir);
    try {
      expect(again.fields.port).toBe(info.port);
      expect(again.pid).not.toBe(first.pid);
      const reopened = await openDatabase({ dataDir, poolSize: 2 });
      expect((await reopened.pool.query("SELECT x FROM kept")).rows).toEqual([{ x: 42 }]);
      await reopened.close();
    } finally {
      await again.stop();
    }
  }, 120_000);

  it("carries a PGlite data folder over on the first start, keeping the old one as a backup", async () => {
    const dataDir = await tempDir();
    await pgliteDataFolder(dataDir);
    const key = await readFile(path.join(dataDir, "encryption.key"), "utf8");
    const before = await snapshot(path.join(dataDir, "pg"));

    const db = await openDatabase({ dataDir, poolSize: 2 });
    try {
      expect(db.kind).toBe("embedded");
      expect((await db.pool.query(`SELECT name FROM "User"`)).rows).toEqual([{ name: "Dona Fluxo — ç" }]);
      // The newest migration ran after the copy.
      expect((await db.pool.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).rows[0].n).toBe((await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).length);
    } finally {
      await db.close();
    }
    const entries = await readdir(dataDir);
    const backup = entries.find((name) => /^pg-pglite-\d{8}-\d{6}$/.test(name));
    expect(backup).toBeDefined();
    expect(entries).not.toContain("pg");
    expect(await snapshot(path.join(dataDir, backup!))).toEqual(before);
    expect(await readFile(path.join(dataDir, "encryption.key"), "utf8")).toBe(key);
  }, 180_000);

  it("leaves a PGlite folder it cannot read as it was, and says so", async () => {
    const dataDir = await tempDir();
    await pgliteDataFolder(dataDir);
    // A damaged cluster: its control file is gone.
    await rm(path.join(dataDir, "pg", "global", "pg_control"));
    const before = await snapshot(path.join(dataDir, "pg"));
    await expect(openDatabase({ dataDir, poolSize: 2 })).rejects.toThrow(/copying the old database \(PGlite.*Nothing was changed/s);
    expect(await snapshot(path.join(dataDir, "pg"))).toEqual(before);
    expect((await readdir(dataDir)).sort()).toEqual(["encryption.key", "pg"]);
  }, 180_000);
});
