import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { loadEncryptionKey, parseKey } from "../src/secrets/encryption-key.js";
import { SecretBox, WrongKeyError } from "../src/secrets/secret-box.js";
import { startServer } from "../src/server.js";
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from "./harness.js";

describe("SecretBox", () => {
  const box = new SecretBox(randomBytes(32));

  it("opens what it sealed, with a fresh nonce each time", () => {
    const a = box.seal("demo-secret");
    const b = box.seal("demo-secret");
    expect(box.open(a)).toBe("demo-secret");
    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect(JSON.stringify(a)).not.toContain("demo-secret");
  });

  it("refuses a value sealed with another key, naming both key ids", () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.open(box.seal("x"))).toThrow(WrongKeyError);
  });

  it("detects tampering", () => {
    const sealed = box.seal("demo-secret");
    const ct = Buffer.from(sealed.ct, "base64");
    ct[0] = ct[0]! ^ 1;
    expect(() => box.open({ ...sealed, ct: ct.toString("base64") })).toThrow();
  });
});

describe("encryption key", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "fluxo-key-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is generated once for the embedded database, readable by its owner only", async () => {
    const first = await loadEncryptionKey({ embedded: true, dataDir: dir });
    expect(first.source).toBe("generated");
    expect((await stat(first.file!)).mode & 0o777).toBe(0o600);
    const again = await loadEncryptionKey({ embedded: true, dataDir: dir });
    expect(again.source).toBe("file");
    expect(again.key.equals(first.key)).toBe(true);
  });

  it("is required with DATABASE_URL, and a malformed one is explained", async () => {
    await expect(loadEncryptionKey({ embedded: false, dataDir: dir })).rejects.toThrow(/FLUXO_ENCRYPTION_KEY is required/);
    expect(() => parseKey("short")).toThrow(/32 random bytes/);
    expect(parseKey(randomBytes(32).toString("hex")).length).toBe(32);
  });
});

describe("secrets at rest", () => {
  let app: TestApp;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    app = await startTestApp("postgres", db);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("keeps no client secret in clear in the database, yet uses it", async () => {
    const connection = await app.createConnection({ clientSecret: "demo-secret" });
    const client = new pg.Client(db.env.DATABASE_URL);
    await client.connect();
    try {
      const { rows } = await client.query("SELECT secrets::text AS secrets, config::text AS config FROM \"Connection\" WHERE id = $1", [connection.id]);
      expect(rows[0].secrets).not.toContain("demo-secret");
      expect(rows[0].secrets).toContain('"v": 1');
      expect(rows[0].config).not.toContain("demo-secret");
    } finally {
      await client.end();
    }
    const test = await app.api<{ ok: boolean }>("POST", `/api/connections/${connection.id}/test`);
    expect(test.body.ok).toBe(true);
  });

  it("npm run rotate-key re-seals every secret with a new key that then opens them", async () => {
    const connection = await app.createConnection({ name: "rotated" });
    const newKey = randomBytes(32).toString("base64");
    const root = path.resolve(import.meta.dirname, "../../..");
    const { stdout } = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), ["apps/server/scripts/rotate-key.ts"], {
      cwd: root,
      env: { ...process.env, ...db.env, FLUXO_ENCRYPTION_KEY: app.encryptionKey, FLUXO_NEW_ENCRYPTION_KEY: newKey },
    });
    expect(stdout).toMatch(/re-sealed the secrets of \d+ connection/);
    expect(stdout).not.toContain("demo-secret");
    await app.restart({ encryptionKey: newKey });
    const test = await app.api<{ ok: boolean }>("POST", `/api/connections/${connection.id}/test`);
    expect(test.body.ok).toBe(true);
  });

  it("refuses to start with a key that doesn't open the stored secrets", async () => {
    await app.createConnection();
    const config = loadConfig({ ...db.env, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), PORT: "0", HOST: "127.0.0.1", FLUXO_SANDBOX: "false" } as NodeJS.ProcessEnv);
    await expect(startServer(config, createLogger("silent"))).rejects.toThrow(/sealed with key .* but FLUXO_ENCRYPTION_KEY is key/);
  });
});

