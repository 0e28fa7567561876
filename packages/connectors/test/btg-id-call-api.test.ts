import { createHash } from "node:crypto";
import { DEMO_CLIENT, startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import type { StepResult } from "@fluxo/contracts";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHttpClient, getOperation, type CachedResult, type ResultCache } from "../src/index.js";
import { apiBaseUrl } from "../src/btg-id/connection.js";
import { btgConnection, noEvaluate, recorder, stepErrorOf } from "./support.js";

const http = createHttpClient();
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => sandbox.reset());

const operation = getOperation("btg-id", "call-api")!;
const BALANCE = "/12345678/banking/accounts/001/balance";
const SCOPE = "empresas.btgpactual.com/accounts.readonly";

/** Keeps results in a Map, as the engine's cache does (single-flight aside). */
function mapCache(): ResultCache {
  const stored = new Map<string, CachedResult>();
  const key = (parts: readonly unknown[]) => createHash("sha256").update(JSON.stringify(parts)).digest("hex");
  return {
    async getOrLoad(parts, load) {
      const found = stored.get(key(parts));
      if (found) return { ...found, hit: true };
      const loaded = { ...(await load()), hit: false, storedAt: new Date() };
      stored.set(key(parts), loaded);
      return loaded;
    },
    async invalidate(parts) {
      stored.delete(key(parts));
    },
  };
}

async function call(raw: Record<string, unknown>, cache?: ResultCache) {
  const rec = recorder();
  const result = (await operation.run({
    parameters: operation.parameters.parse(raw),
    connection: btgConnection({ clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret, environmentUrl: sandbox.url }),
    http,
    signal: new AbortController().signal,
    recordHttp: rec.recordHttp,
    evaluate: noEvaluate,
    ...(cache ? { cache } : {}),
  })) as StepResult;
  return { result, exchanges: rec.summaries };
}

describe("BTG-ID Chamar API against the sandbox's API", () => {
  it("gets a token by scope and reads the balance under <environment>/api, recording both exchanges", async () => {
    const { result, exchanges } = await call({ path: BALANCE, scope: SCOPE });
    expect(result).toMatchObject({ code: 200, body: { companyId: "12345678", accountId: "001", available: 152340.75 } });
    expect(exchanges.map((e) => [e.label, e.method, e.status])).toEqual([
      ["Token", "POST", 200],
      ["API", "GET", 200],
    ]);
    expect(exchanges[1]!.url).toBe(`${sandbox.url}/api${BALANCE}`);
    expect(exchanges[1]!.requestHeaders["authorization"]).toBe("[redacted]");
  });

  it("reads statements page by page with the sandbox's pageNumber", async () => {
    const statements = await call({ path: "/12345678/banking/accounts/001/statements", scope: SCOPE, query: [{ name: "startDate", value: "2025-01-01" }, { name: "endDate", value: "2025-01-03" }, { name: "pageSize", value: "4" }] });
    expect(statements.result.body).toMatchObject({ totalItems: 9, totalPages: 3 });
  });

  it("with authorization_details only, a resource that doesn't cover the account is refused 403 naming it", async () => {
    const info = await stepErrorOf(call({ path: "/12345678/banking/accounts/002/balance", authorizationDetails: [{ type: "account", resource: "12345678/banking/accounts/001", privileges: ["read"] }] }));
    expect(info).toMatchObject({ kind: "http_error", status: 403, code: "insufficient_scope" });
    expect(info.message).toContain("12345678/banking/accounts/002");
  });

  it("a reused token the API refuses (401) is replaced once by a fresh one", async () => {
    const cache = mapCache();
    await call({ path: BALANCE, scope: SCOPE }, cache); // obtains and keeps the token
    sandbox.scriptFailures([{ status: 401 }]); // the next request (the API call) refuses it
    const { result, exchanges } = await call({ path: BALANCE, scope: SCOPE }, cache);
    expect(result.code).toBe(200);
    expect(exchanges.map((e) => [e.label, e.status])).toEqual([
      ["API", 401],
      ["Token (novo)", 200],
      ["API", 200],
    ]);
    // A fresh token refused too is the answer: no loop.
    sandbox.scriptFailures([{ status: 401 }]);
    const fresh = await stepErrorOf(call({ path: BALANCE, scope: SCOPE }));
    expect(fresh.status).toBe(401);
  });

  it("takes only a path: an absolute URL, a protocol-relative one or dot segments are refused", () => {
    // Encoded dots (%2e) and backslashes are dot segments too to a URL parser: new URL("http://h/a/%2e%2e/b") is http://h/b.
    for (const path of ["https://evil.example/x", "//evil.example/x", "/a/../b", "balance", "/a/%2e%2e/b", "/a/.%2E", "/a\\..\\b", "/a/..?x=1"]) {
      const parsed = operation.parameters.safeParse({ path });
      expect(parsed.success, path).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(["path"]);
    }
    // Dots that aren't a whole segment, and an encoded value's "%2F..%2F", stay.
    for (const path of ["/a/..b/c", "/a/12%2034%2F..%2Fx%3Fy%3D1/b", "/a/b?x=../y"]) {
      expect(operation.parameters.safeParse({ path, grantType: "client_credentials", scope: "x" }).error?.issues.filter((issue) => issue.path[0] === "path") ?? [], path).toEqual([]);
    }
  });
});

describe("URL da API", () => {
  it("defaults to BTG's API host for BTG's identity hosts and to <environment>/api otherwise", () => {
    expect(apiBaseUrl({ environmentUrl: "https://id.btgpactual.com" })).toBe("https://api.empresas.btgpactual.com");
    expect(apiBaseUrl({ environmentUrl: "https://id.sandbox.btgpactual.com/oauth2/token" })).toBe("https://api.sandbox.empresas.btgpactual.com");
    expect(apiBaseUrl({ environmentUrl: "http://127.0.0.1:3100/" })).toBe("http://127.0.0.1:3100/api");
    expect(apiBaseUrl({ environmentUrl: "https://id.sandbox.btgpactual.com", apiUrl: "https://proxy.example/btg/" })).toBe("https://proxy.example/btg");
  });
});
