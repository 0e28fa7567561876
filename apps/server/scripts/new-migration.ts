// `npm run migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL that takes the last migration's schema to prisma/schema.prisma. Offline:
// each migration keeps a snapshot of the schema it produced, and the diff runs against
// a throwaway embedded PostgreSQL (`prisma migrate dev` can't work here, see TOOLCHAIN.md).
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../src/db/embedded-postgres.js";
import { toDatabaseUrl } from "../src/db/migrate.js";

const root = path.resolve(import.meta.dirname, "../../..");
const migrationsDir = path.join(root, "prisma/migrations");
const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
  console.error("usage: npm run migration:new -- <name>   (lowercase letters, digits and _; e.g. add_flow_slug)");
  process.exit(1);
}

const previous = readdirSync(migrationsDir).filter((d) => existsSync(path.join(migrationsDir, d, "migration.sql"))).sort().at(-1);
const snapshot = previous ? path.join(migrationsDir, previous, "schema.prisma") : null;
if (snapshot && !existsSync(snapshot)) {
  console.error(`${previous} has no schema.prisma snapshot to diff from`);
  process.exit(1);
}

const scratch = mkdtempSync(path.join(os.tmpdir(), "fluxo-migration-"));
const db = await startEmbeddedPostgres(scratch);
try {
  const from = snapshot ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  // Asynchronously: the embedded database is served by this very process's event loop.
  const diff = await run(path.join(root, "node_modules/.bin/prisma"), ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], toDatabaseUrl(db.fields));
  if (diff.status !== 0) {
    console.error(diff.stderr || diff.stdout);
    process.exitCode = 1;
  } else if (/This is an empty migration/.test(diff.stdout)) {
    console.log("prisma/schema.prisma has not changed since the last migration; nothing written.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "migration.sql"), diff.stdout);
    copyFileSync(path.join(root, "prisma/schema.prisma"), path.join(dir, "schema.prisma"));
    console.log(`wrote ${path.relative(root, dir)}/migration.sql — review it, then commit it with the schema change.`);
  }
} finally {
  await db.stop();
  rmSync(scratch, { recursive: true, force: true });
}

function run(command: string, args: string[], databaseUrl: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
