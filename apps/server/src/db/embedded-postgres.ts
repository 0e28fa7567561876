import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { DatabaseFields } from "./database-url.js";

export interface EmbeddedPostgres {
  fields: DatabaseFields;
  stop(): Promise<void>;
}

/**
 * PGlite persisted in `<dataDir>/pg`, served over the PostgreSQL wire protocol on a
 * free loopback port so Prisma's CLI and the pg adapter talk to it unchanged.
 * It serves one connection at a time: clients must use a pool of 1.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = path.join(dataDir, "pg");
  await mkdir(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db, port: 0, host: "127.0.0.1" });
  await server.start();
  const port = Number(server.getServerConn().split(":").pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`embedded PostgreSQL reported no port (${server.getServerConn()})`);
  return {
    fields: { host: "127.0.0.1", port, user: "postgres", password: "", database: "postgres" },
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
