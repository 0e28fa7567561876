import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { parseDatabaseUrl, type DatabaseFields } from "./database-url.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.js";
import { upgradeFromPglite } from "./pglite-upgrade.js";
import { applyMigrations } from "./migrate.js";

export type { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  /** The pool Prisma runs on, for the hot paths written in SQL (an execution's progress). */
  pool: pg.Pool;
  kind: "embedded" | "postgres";
  fields: DatabaseFields;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL URL; unset means the embedded database in `dataDir`. */
  url?: string;
  dataDir: string;
  poolSize: number;
}

/** Opens the database the config names, migrated to the latest schema. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const embedded = options.url ? null : await openEmbedded(options.dataDir);
  const fields = embedded ? embedded.fields : parseDatabaseUrl(options.url!);
  try {
    await applyMigrations(fields);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  // One pool for Prisma and the SQL hot paths, the same for the embedded server and DATABASE_URL.
  const pool = new pg.Pool({ ...fields, max: options.poolSize });
  // An idle client whose connection the server ends (a restart, DROP DATABASE … WITH (FORCE) while
  // closing) errors on the pool; without a listener that error would crash the process. The pool
  // has already dropped that client and opens another when one is needed.
  pool.on("error", () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    kind: embedded ? "embedded" : "postgres",
    fields,
    async close() {
      await prisma.$disconnect();
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** The embedded server of `dataDir`, after carrying over a data folder the PGlite versions wrote. */
async function openEmbedded(dataDir: string): Promise<EmbeddedPostgres> {
  const progress = (line: string) => process.stdout.write(`${line}\n`);
  await upgradeFromPglite(dataDir, progress);
  return startEmbeddedPostgres(dataDir, { onProgress: progress });
}
