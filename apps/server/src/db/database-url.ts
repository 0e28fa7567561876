/** Discrete pg connection fields, as PrismaPg needs them (see prisma.config.ts). */
export interface DatabaseFields {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function parseDatabaseUrl(url: string): DatabaseFields {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${parsed.protocol}//)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) throw new Error("DATABASE_URL names no database; add it after the host, e.g. …:5432/fluxo");
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || "postgres",
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** For the Prisma CLI: DATABASE_URL, as the server sets it for the database it chose. */
export function databaseFieldsFromEnv(env: NodeJS.ProcessEnv): DatabaseFields {
  const url = env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set; the server sets it before running migrations");
  return parseDatabaseUrl(url);
}
