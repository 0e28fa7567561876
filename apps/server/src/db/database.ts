import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client.js";
import { parseDatabaseUrl, type DatabaseFields } from "./database-url.js";
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
  // PGlite (tens of MB of WebAssembly) is only loaded when it is the database.
  const embedded = options.url ? null : await (await import("./embedded-postgres.js")).startEmbeddedPostgres(options.dataDir);
  const fields = embedded ? embedded.fields : parseDatabaseUrl(options.url!);
  try {
    await applyMigrations(fields);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  // One pool for Prisma and the SQL hot paths: the embedded database serves a single connection.
  // Its one backend session outlives that connection, with the statements the last one prepared
  // (named statements would then fail with "already exists"): keep the connection, and should it
  // be replaced all the same, start the new one from a clean session.
  const resetSession = async (client: pg.ClientBase) => {
    await client.query("DISCARD ALL");
  };
  const pool = new pg.Pool({ ...fields, ...(embedded ? { max: 1, idleTimeoutMillis: 0, onConnect: resetSession } : { max: options.poolSize }) });
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
