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
  it("allows http to loopback with the embedded database or outside production only", () => {
    expect(loadConfig({}).outboundPolicy).toEqual({ allowInsecureLoopback: true, allowlist: [] });
    expect(loadConfig({ DATABASE_URL: "postgresql://u@db/f", NODE_ENV: "production" }).outboundPolicy.allowInsecureLoopback).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgresql://u@db/f", NODE_ENV: "production", FLUXO_ALLOW_INSECURE_LOCALHOST: "true" }).outboundPolicy.allowInsecureLoopback).toBe(true);
    expect(loadConfig({ FLUXO_OUTBOUND_ALLOWLIST: "10.0.0.0/8, btg.internal" }).outboundPolicy.allowlist).toEqual(["10.0.0.0/8", "btg.internal"]);
    expect(() => loadConfig({ FLUXO_OUTBOUND_ALLOWLIST: "10.0.0.0/99" })).toThrow(/FLUXO_OUTBOUND_ALLOWLIST/);
  });

  it("starts the sandbox lenient unless BTG_SANDBOX_STRICT_GRANTS is true", () => {
    expect(loadConfig({}).BTG_SANDBOX_STRICT_GRANTS).toBe(false);
    expect(loadConfig({ BTG_SANDBOX_STRICT_GRANTS: "true" }).BTG_SANDBOX_STRICT_GRANTS).toBe(true);
    expect(() => loadConfig({ BTG_SANDBOX_STRICT_GRANTS: "strict" })).toThrow(/BTG_SANDBOX_STRICT_GRANTS/);
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
