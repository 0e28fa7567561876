import { cp, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { clusterInfoFile, postgresDir, startEmbeddedPostgres } from "./embedded-postgres.js";

/** Where the versions before the embedded server kept their PGlite database. */
export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, "pg");
}

/**
 * Carries a data folder written by the PGlite versions over to the embedded PostgreSQL server,
 * once: PGlite's own pg_dump writes it out as SQL, a new server is created beside it and the SQL
 * restored into it, the tables' row counts are compared, and only then does the new server take
 * the name `postgres` and the old folder become `pg-pglite-<date>` (kept as a backup). PGlite reads
 * a copy, and until that last step the old folder is not touched, so a failure leaves it as it was.
 */
export async function upgradeFromPglite(dataDir: string, progress: (line: string) => void): Promise<void> {
  const oldDir = pgliteDir(dataDir);
  if (!(await exists(path.join(oldDir, "PG_VERSION")))) return;
  if (await exists(path.join(postgresDir(dataDir), "PG_VERSION"))) return; // already carried over (or both present: leave the old one be)

  const staging = path.join(dataDir, "postgres-upgrading");
  // PGlite writes to a folder it opens (its lock file, a checkpoint): it reads a copy instead.
  const source = path.join(dataDir, "pg-upgrading-copy");
  const stagingInfo = clusterInfoFile(staging); // <dataDir>/postgres-upgrading.json
  progress(`Banco de uma versão anterior (PGlite) encontrado em ${oldDir}: copiando-o para o PostgreSQL embutido…`);
  try {
    progress("  1/4 exportando os dados do PGlite (pg_dump)…");
    const { PGlite } = await import("@electric-sql/pglite");
    const { pgDump } = await import("@electric-sql/pglite-tools/pg_dump");
    await rm(source, { recursive: true, force: true });
    await cp(oldDir, source, { recursive: true });
    const old = await PGlite.create(source);
    let sql: string;
    let counts: Map<string, number>;
    try {
      counts = await tableCounts((text) => old.query<{ n: number }>(text).then((r) => r.rows));
      // Plain INSERTs (no COPY … FROM stdin, which only psql can feed), no owners: the new server's user differs.
      const dump = await pgDump({ pg: old, args: ["--inserts", "--no-owner", "--no-privileges", "--no-comments"] });
      sql = await dump.text();
    } finally {
      await old.close();
    }
    // psql meta-commands (recent pg_dump writes \restrict … / \unrestrict …) are not SQL.
    sql = sql
      .split("\n")
      .filter((line) => !line.startsWith("\\"))
      .join("\n");

    progress(`  2/4 criando o PostgreSQL embutido (${sql.length.toLocaleString("pt-BR")} caracteres de SQL a restaurar)…`);
    await rm(staging, { recursive: true, force: true });
    await rm(stagingInfo, { force: true });
    const server = await startEmbeddedPostgres(dataDir, { pgdata: staging });
    try {
      progress("  3/4 restaurando os dados…");
      const client = new pg.Client(server.fields);
      await client.connect();
      try {
        await client.query("BEGIN");
        await client.query(sql);
        await client.query("COMMIT");
        progress("  4/4 conferindo as tabelas…");
        const copied = await tableCounts((text) => client.query<{ n: number }>(text).then((r) => r.rows));
        for (const [table, n] of counts) {
          if (copied.get(table) !== n) throw new Error(`table ${table} has ${n} rows in PGlite but ${copied.get(table) ?? "no table"} after the copy`);
        }
      } finally {
        await client.end().catch(() => undefined);
      }
    } finally {
      await server.stop();
    }
  } catch (error) {
    await rm(source, { recursive: true, force: true }).catch(() => undefined);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await rm(stagingInfo, { force: true }).catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `copying the old database (PGlite, ${oldDir}) to the embedded PostgreSQL failed: ${reason}\n` +
        `Nothing was changed in ${oldDir}. Keep a copy of that folder, then try again; to keep working meanwhile, run the previous Fluxo version on it, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }

  await rm(source, { recursive: true, force: true });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  const backup = path.join(dataDir, `pg-pglite-${stamp}`);
  await rename(stagingInfo, clusterInfoFile(postgresDir(dataDir)));
  await rename(staging, postgresDir(dataDir));
  await rename(oldDir, backup);
  progress(`Cópia concluída. O banco antigo ficou em ${backup} (pode ser apagado quando não precisar mais dele).`);
}

/** Rows per table of schema public, by name. */
async function tableCounts(query: (sql: string) => Promise<{ n: number }[] | Record<string, unknown>[]>): Promise<Map<string, number>> {
  const tables = (await query("SELECT tablename AS n FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) as { n: unknown }[];
  const counts = new Map<string, number>();
  for (const { n: table } of tables) {
    const name = String(table);
    const rows = (await query(`SELECT count(*)::int AS n FROM public."${name.replace(/"/g, '""')}"`)) as { n: unknown }[];
    counts.set(name, Number(rows[0]?.n));
  }
  return counts;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

