import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import type { ResolvedAddress, Resolver } from "@fluxo/connectors";
import type { Connection, Execution, ExecutionEvent, Flow } from "@fluxo/contracts";
import { loadConfig } from "../src/config.js";
import { createLogger, type Logger } from "../src/logger.js";
import { startServer, type RunningServer } from "../src/server.js";

export type DatabaseKind = "postgres" | "embedded";

/**
 * The machine's PostgreSQL (trust auth), or the embedded server test/global-setup.ts starts when
 * nothing answers on 5432; each test app creates and drops its own database in it.
 */
const ADMIN_URL = process.env.FLUXO_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "embedded") {
    // The app starts its own embedded PostgreSQL server in this folder, as `npm start` does.
    const dir = await mkdtemp(path.join(os.tmpdir(), "fluxo-test-"));
    return { env: { FLUXO_DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `fluxo_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export const OWNER = { email: "owner@fluxo.test", name: "Dona Fluxo", password: "correct horse battery" };

/** Creates the first owner on a fresh server; the answer's session cookie, as a request header. */
export async function setupOwner(url: string, owner = OWNER): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/auth/setup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(owner) });
  if (res.status !== 201) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  return { cookie: sessionCookieOf(res) };
}

export function sessionCookieOf(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("fluxo_session="));
  if (!cookie) throw new Error("no session cookie in the answer");
  return cookie.split(";")[0]!;
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Requests to `baseUrl` with `headers` (a session cookie, an API key), JSON in and out. */
export function requestAs(baseUrl: string, headers: Record<string, string>) {
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
  };
}

export interface TestApp {
  url: string;
  /** The owner's session cookie as a request header; `api` sends it. */
  auth: Record<string, string>;
  server: RunningServer;
  sandbox: Sandbox;
  /** A request as the owner (or with `headers` in place of the owner's cookie). */
  api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer<T>>;
  createConnection(overrides?: Partial<{ clientSecret: string; environmentUrl: string; name: string }>): Promise<Connection>;
  createFlow(connectionId: string, parameters?: Record<string, unknown>, extraSteps?: unknown[]): Promise<Flow>;
  waitForExecution(id: string): Promise<Execution>;
  /** The key this app's secrets are sealed with. */
  encryptionKey: string;
  /** Stops and starts the server on the same database, optionally with another encryption key. */
  restart(options?: { encryptionKey?: string }): Promise<void>;
  close(): Promise<void>;
}

export const AUTHORIZATION_DETAILS = [{ type: "account_information", resource: "accounts/123", locations: ["https://api.btgpactual.com/accounts"], privileges: ["read"] }];

/** Host names the test servers resolve; nothing is asked of real DNS, and any other name is ENOTFOUND. */
export const TEST_NAMES: Record<string, string[]> = {
  localhost: ["127.0.0.1", "::1"],
  "intranet.fluxo.test": ["10.1.2.3"],
  "metadata.fluxo.test": ["169.254.169.254"],
  "router.fluxo.test": ["192.168.0.1"],
  "v6-private.fluxo.test": ["fd00::5"],
  "loopback.fluxo.test": ["127.0.0.1"],
  "partly-private.fluxo.test": ["93.184.216.34", "172.16.0.1"],
  // Public, for refusals only: no test ever connects outside loopback.
  "public.fluxo.test": ["93.184.216.34"],
};

export const testResolver: Resolver = async (host) => {
  const addresses = TEST_NAMES[host.toLowerCase().replace(/\.$/, "")];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return addresses.map((address): ResolvedAddress => ({ address, family: address.includes(":") ? 6 : 4 }));
};

export async function startTestApp(kind: DatabaseKind, db?: TestDatabase, options: { logger?: Logger; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = db ?? (await createTestDatabase(kind));
  const sandbox = await startSandbox();
  let encryptionKey = randomBytes(32).toString("base64");
  const config = () => loadConfig({ ...database.env, FLUXO_ENCRYPTION_KEY: encryptionKey, PORT: "0", HOST: "127.0.0.1", FLUXO_SANDBOX: "false", NODE_ENV: "test", ...options.env } as NodeJS.ProcessEnv);
  const logger = options.logger ?? createLogger("silent");
  let server = await startServer(config(), logger, { resolver: testResolver });
  const auth = await setupOwner(server.url);

  const app: TestApp = {
    auth,
    get url() {
      return server.url;
    },
    get server() {
      return server;
    },
    sandbox,
    api: (method, path, body, headers = auth) => requestAs(server.url, headers)(method, path, body),
    async createConnection(overrides = {}) {
      const { status, body } = await app.api<Connection>("POST", "/api/connections", {
        connector: "btg-id",
        name: overrides.name ?? "BTG sandbox",
        description: "local",
        values: { clientId: "demo-client", clientSecret: overrides.clientSecret ?? "demo-secret", environmentUrl: overrides.environmentUrl ?? sandbox.url },
      });
      if (status !== 201) throw new Error(`creating the connection answered ${status}: ${JSON.stringify(body)}`);
      return body;
    },
    async createFlow(connectionId, parameters = { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS }, extraSteps = []) {
      const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId, description: "", parameters, position: { x: 300, y: 120 } }, ...extraSteps];
      const edges = steps.map((step, i) => ({ source: i === 0 ? "trigger" : (steps[i - 1] as { id: string }).id, target: (step as { id: string }).id }));
      const { status, body } = await app.api<Flow>("POST", "/api/flows", { name: "Obter credenciais", description: "", definition: { steps, edges } });
      if (status !== 201) throw new Error(`creating the flow answered ${status}: ${JSON.stringify(body)}`);
      return body;
    },
    async waitForExecution(id) {
      // Follow the real event stream to its end, then read the stored execution.
      const events = await readEventStream(`${server.url}/api/executions/${id}/events`, undefined, auth);
      if (events.at(-1)?.type !== "execution.finished") throw new Error(`stream ended without execution.finished: ${JSON.stringify(events)}`);
      return (await app.api<Execution>("GET", `/api/executions/${id}`)).body;
    },
    get encryptionKey() {
      return encryptionKey;
    },
    async restart(options = {}) {
      await server.close();
      if (options.encryptionKey) encryptionKey = options.encryptionKey;
      server = await startServer(config(), logger, { resolver: testResolver });
    },
    async close() {
      await server.close();
      await sandbox.close();
      if (!db) await database.drop();
    },
  };
  return app;
}

export interface SseMessage {
  id: string | null;
  event: string | null;
  data: string;
}

/** Reads an SSE stream until the server closes it (or `stopAfter` messages), parsing it by the spec's rules. */
export async function readSse(url: string, init: { lastEventId?: string; stopAfter?: number; headers: Record<string, string> }): Promise<SseMessage[]> {
  const controller = new AbortController();
  const headers = { ...init.headers, accept: "text/event-stream", ...(init.lastEventId ? { "Last-Event-ID": init.lastEventId } : {}) };
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`SSE answered ${response.status}`);
  const messages: SseMessage[] = [];
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const message: SseMessage = { id: null, event: null, data: "" };
        let hasData = false;
        for (const line of block.split("\n")) {
          if (line.startsWith(":") || line === "") continue;
          const [field, ...rest] = line.split(":");
          const valueText = rest.join(":").replace(/^ /, "");
          if (field === "id") message.id = valueText;
          else if (field === "event") message.event = valueText;
          else if (field === "data") {
            message.data += (hasData ? "\n" : "") + valueText;
            hasData = true;
          }
        }
        if (hasData) messages.push(message);
        if (init.stopAfter !== undefined && messages.length >= init.stopAfter) return messages;
      }
    }
  } finally {
    controller.abort();
  }
  return messages;
}

export async function readEventStream(url: string, lastEventId: string | undefined, headers: Record<string, string>): Promise<ExecutionEvent[]> {
  const messages = await readSse(url, { headers, ...(lastEventId ? { lastEventId } : {}) });
  return messages.map((m) => JSON.parse(m.data) as ExecutionEvent);
}

export interface OpenSse {
  status: number;
  headers: Headers;
  /** The next `count` messages (waiting for them up to `timeoutMs`); fails with those seen so far. */
  take(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  close(): void;
}

/** Opens an SSE stream that stays open (e.g. a flow's history); resolves once the server answered. */
export async function openSse(url: string, headers: Record<string, string>): Promise<OpenSse> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { ...headers, accept: "text/event-stream" }, signal: controller.signal });
  const messages: SseMessage[] = [];
  let taken = 0;
  let notify = () => {};
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let boundary: number;
          while ((boundary = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            const message: SseMessage = { id: null, event: null, data: "" };
            const data: string[] = [];
            for (const line of block.split("\n")) {
              const colon = line.indexOf(":");
              if (colon <= 0) continue;
              const field = line.slice(0, colon);
              const value = line.slice(colon + 1).replace(/^ /, "");
              if (field === "id") message.id = value;
              else if (field === "event") message.event = value;
              else if (field === "data") data.push(value);
            }
            if (data.length === 0) continue;
            message.data = data.join("\n");
            messages.push(message);
            notify();
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  }
  return {
    status: response.status,
    headers: response.headers,
    async take(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length - taken < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} more SSE messages, got: ${JSON.stringify(messages.slice(taken))}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          notify = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const out = messages.slice(taken, taken + count);
      taken += count;
      return out;
    },
    close: () => controller.abort(),
  };
}
