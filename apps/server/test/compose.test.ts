import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigSchema, loadConfig } from "../src/config.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";

// Docker can't run on these machines, so docker-compose.yml is checked by reading it.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8")) as {
  services: Record<string, { environment?: Record<string, string>; ports?: string[]; depends_on?: Record<string, { condition: string }>; build?: string; image?: string; healthcheck?: unknown; deploy?: { replicas?: number } }>;
};

describe("docker-compose.yml", () => {
  const app = compose.services.app!;
  const postgres = compose.services.postgres!;
  const env = app.environment ?? {};

  it("has the app and PostgreSQL, the app waiting for a healthy database", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["app", "postgres", "redis", "worker"]);
    expect(app.build).toBe(".");
    expect(postgres.image).toMatch(/^postgres:/);
    expect(postgres.healthcheck).toBeDefined();
    expect(app.depends_on?.postgres?.condition).toBe("service_healthy");
  });

  it("sets only settings the server knows, with values its config schema accepts", () => {
    const known = Object.keys(ConfigSchema.shape);
    for (const key of Object.keys(env)) expect(known, `unknown setting ${key}`).toContain(key);
    const config = loadConfig(env as NodeJS.ProcessEnv);
    expect(config.embedded).toBe(false);
    expect(config.HOST).toBe("0.0.0.0");
  });

  it("points DATABASE_URL at the postgres service with its credentials", () => {
    const db = parseDatabaseUrl(env.DATABASE_URL!);
    const pgEnv = postgres.environment ?? {};
    expect(db).toEqual({ host: "postgres", port: 5432, user: pgEnv.POSTGRES_USER, password: pgEnv.POSTGRES_PASSWORD, database: pgEnv.POSTGRES_DB });
  });

  it("sets Conectar com o BTG's settings (redirect URI, refresh budget, Manter conectado), each listed in the README's settings table", () => {
    const config = loadConfig(env as NodeJS.ProcessEnv);
    expect(config.FLUXO_PUBLIC_URL).toBe(`http://localhost:${config.PORT}`);
    expect(config.FLUXO_BTG_REFRESH_PER_HOUR).toBeGreaterThan(0);
    expect(config.FLUXO_BTG_KEEP_CONNECTED_CHECK_MS).toBeGreaterThan(0);
    // Workers refresh tokens too: one budget for every process.
    expect(compose.services.worker!.environment?.FLUXO_BTG_REFRESH_PER_HOUR).toBe(env.FLUXO_BTG_REFRESH_PER_HOUR);
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    for (const key of ["FLUXO_PUBLIC_URL", "FLUXO_BTG_REFRESH_PER_HOUR", "FLUXO_BTG_KEEP_CONNECTED_CHECK_MS"]) expect(readme, key).toMatch(new RegExp(`^\\| \`${key}\` \\|`, "m"));
  });

  it("publishes the ports the app and the sandbox listen on", () => {
    const config = loadConfig(env as NodeJS.ProcessEnv);
    const published = (app.ports ?? []).map((p) => Number(p.split(":").at(-1)));
    expect(published).toContain(config.PORT);
    if (config.sandbox) expect(published).toContain(config.BTG_SANDBOX_PORT);
  });

  it("the Dockerfile starts the same entry point as npm start", () => {
    const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8");
    expect(dockerfile).toContain("apps/server/src/main.ts");
    expect(readFileSync(path.join(root, "scripts/start.mjs"), "utf8")).toContain("apps/server/src/main.ts");
  });
});

describe("docker-compose.yml queue mode", () => {
  const { app, worker, redis } = compose.services;

  it("runs the API in queue mode and scalable workers of the same image in the worker role, on the same database, Redis and key", () => {
    expect(redis!.image).toMatch(/^redis:/);
    expect(worker!.build).toBe(".");
    expect(worker!.deploy?.replicas).toBeGreaterThanOrEqual(1);
    for (const service of [app!, worker!]) {
      expect(service.depends_on?.redis?.condition).toBe("service_healthy");
      for (const key of Object.keys(service.environment ?? {})) expect(Object.keys(ConfigSchema.shape)).toContain(key);
    }
    const apiEnv = app!.environment ?? {};
    const workerEnv = worker!.environment ?? {};
    expect(loadConfig({ ...apiEnv, FLUXO_ENCRYPTION_KEY: "x" } as NodeJS.ProcessEnv)).toMatchObject({ FLUXO_MODE: "queue", FLUXO_ROLE: "api" });
    expect(loadConfig({ ...workerEnv, FLUXO_ENCRYPTION_KEY: "x" } as NodeJS.ProcessEnv)).toMatchObject({ FLUXO_MODE: "queue", FLUXO_ROLE: "worker" });
    for (const key of ["DATABASE_URL", "REDIS_URL", "FLUXO_ENCRYPTION_KEY"]) expect(workerEnv[key], key).toBe(apiEnv[key]);
    expect(worker!.ports).toBeUndefined();
  });
});
