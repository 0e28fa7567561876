import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { parseDatabaseUrl } from "../src/db/database-url.js";

describe("config", () => {
  it("defaults to the embedded database with the local sandbox", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ embedded: true, sandbox: true, PORT: 3000, BTG_SANDBOX_PORT: 3100 });
  });
  it("uses DATABASE_URL without the sandbox unless asked", () => {
    expect(loadConfig({ DATABASE_URL: "postgresql://u:p@db:5432/fluxo" })).toMatchObject({ embedded: false, sandbox: false });
    expect(loadConfig({ DATABASE_URL: "postgresql://u:p@db:5432/fluxo", FLUXO_SANDBOX: "true" }).sandbox).toBe(true);
  });
  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadConfig({ FLUXO_SANDBOX: "yes" })).toThrow(/FLUXO_SANDBOX/);
  });
  it("parses database URLs into discrete fields and explains bad ones", () => {
    expect(parseDatabaseUrl("postgresql://us%40er:p%3Ass@h:6543/db")).toEqual({ host: "h", port: 6543, user: "us@er", password: "p:ss", database: "db" });
    expect(() => parseDatabaseUrl("mysql://h/db")).toThrow(/postgresql:\/\//);
    expect(() => parseDatabaseUrl("postgresql://h:5432")).toThrow(/no database/);
  });
});
