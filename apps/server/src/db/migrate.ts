import { spawn } from "node:child_process";
import { hash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { DatabaseFields } from "./database-url.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const migrationsDir = path.join(repoRoot, "prisma/migrations");

export function toDatabaseUrl(fields: DatabaseFields): string {
  const auth = fields.password ? `${encodeURIComponent(fields.user)}:${encodeURIComponent(fields.password)}` : encodeURIComponent(fields.user);
  return `postgresql://${auth}@${fields.host}:${fields.port}/${encodeURIComponent(fields.database)}`;
}

/**
 * Fluxo's own advisory lock around `prisma migrate deploy`. Prisma's lock gives up after 10 s
 * (P1002), shorter than its wasm engine takes to start and migrate, so processes started together
 * on an empty database (an API and its workers) would lose the race; this one is waited for as
 * long as the process holding it lives (a session lock ends with its connection).
 */
export const MIGRATION_LOCK_KEY = 0x464c5558; // "FLUX"

/**
 * Applies the committed migrations with `prisma migrate deploy` (the wasm schema
 * engine through the pg adapter, see prisma.config.ts), one process at a time: the others wait
 * for the lock, saying so through `onWait`, and then find the schema already there. Prisma's
 * output is returned, not printed, so a failure can be reported whole.
 */
export async function applyMigrations(fields: DatabaseFields, onWait: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  // The CLI takes ~10 s to start its wasm engine; skip it when every migration is already applied.
  const client = new pg.Client(fields);
  await client.connect();
  try {
    if (await allMigrationsApplied(client)) return;
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATION_LOCK_KEY]);
    if (!rows[0]!.locked) {
      onWait(`Aguardando outro processo do Fluxo terminar as migrações do banco de dados ${fields.database} em ${fields.host}:${fields.port}…`);
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    // Whoever held the lock has usually just applied everything.
    if (await allMigrationsApplied(client)) return;
    await migrateDeploy(fields);
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}

async function migrateDeploy(fields: DatabaseFields): Promise<void> {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const env = { ...process.env, DATABASE_URL: toDatabaseUrl(fields), PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "migrate", "deploy"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`database migrations failed (prisma migrate deploy exited ${code}):\n${output.join("").trim()}`);
}

/** True when `_prisma_migrations` records every committed migration, with the same checksum. */
async function allMigrationsApplied(client: pg.Client): Promise<boolean> {
  const local = await committedMigrations();
  const exists = await client.query<{ table: string | null }>("SELECT to_regclass('public._prisma_migrations')::text AS table");
  if (!exists.rows[0]?.table) return false;
  const applied = await client.query<{ migration_name: string; checksum: string }>(
    "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const checksums = new Map(applied.rows.map((row) => [row.migration_name, row.checksum]));
  return local.every((m) => checksums.get(m.name) === m.checksum);
}

async function committedMigrations(): Promise<{ name: string; checksum: string }[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, "migration.sql"));
      return { name, checksum: hash("sha256", sql, "hex") };
    }),
  );
}
