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
 * Applies the committed migrations with `prisma migrate deploy` (the wasm schema
 * engine through the pg adapter, see prisma.config.ts). Its output is returned,
 * not printed, so a failure can be reported whole.
 */
export async function applyMigrations(fields: DatabaseFields): Promise<void> {
  // The CLI takes ~10 s to start its wasm engine; skip it when every migration is already applied.
  if (await allMigrationsApplied(fields)) return;
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
async function allMigrationsApplied(fields: DatabaseFields): Promise<boolean> {
  const local = await committedMigrations();
  const client = new pg.Client(fields);
  await client.connect();
  try {
    const exists = await client.query<{ table: string | null }>("SELECT to_regclass('public._prisma_migrations')::text AS table");
    if (!exists.rows[0]?.table) return false;
    const applied = await client.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const checksums = new Map(applied.rows.map((row) => [row.migration_name, row.checksum]));
    return local.every((m) => checksums.get(m.name) === m.checksum);
  } finally {
    await client.end();
  }
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
