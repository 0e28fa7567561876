import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import { createHttpClient, type ConnectionValues } from "@fluxo/connectors";
import type { ExecutionEvent, FlowDefinition, FlowStep, RetryPolicy } from "@fluxo/contracts";
import { MemoryResultCache, retryAfterMs, retryDelay, runExecution, type EngineDeps, type ExecutionChange, type StepRunRecord } from "../src/index.js";

const DETAILS = [{ type: "account_information", resource: "accounts/1" }];
const step = (id: string, parameters: Record<string, unknown> = {}, retry?: Partial<RetryPolicy>): FlowStep => ({
  id,
  connector: "btg-id",
  operation: "get-credentials",
  connectionId: "conn",
  description: "",
  parameters: { grantType: "client_credentials", authorizationDetails: DETAILS, timeoutMs: 1000, ...parameters },
  position: { x: 0, y: 0 },
  ...(retry ? { retry: { maxAttempts: 3, backoffMs: 500, maxDelayMs: 30_000, ...retry } } : {}),
});
const chain = (...steps: FlowStep[]): FlowDefinition => ({
  trigger: { position: { x: 0, y: 0 } },
  steps,
  edges: steps.map((s, i) => ({ source: i === 0 ? "trigger" : steps[i - 1]!.id, target: s.id })),
});
const input = { body: null, headers: {}, query_params: {} };

describe("retries and token reuse against the sandbox", () => {
  let sandbox: Sandbox;
  let connection: ConnectionValues;
  beforeAll(async () => {
    sandbox = await startSandbox();
    connection = { id: "conn", name: "sandbox", values: { clientId: "demo-client", environmentUrl: sandbox.url }, secrets: { clientSecret: "demo-secret" } };
  });
  afterAll(async () => {
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  function harness(cache?: MemoryResultCache) {
    const changes: ExecutionChange[] = [];
    const events: ExecutionEvent[] = [];
    const waits: number[] = [];
    const deps: EngineDeps = {
      store: { apply: async (change) => void changes.push(change) },
      events: { publish: (event) => void events.push(event) },
      http: createHttpClient(),
      clock: { now: () => new Date() },
      loadConnection: async () => connection,
      // No real waiting in tests: record what the engine would have waited.
      sleep: async (ms) => void waits.push(ms),
      random: () => 0.5,
      ...(cache ? { cache } : {}),
    };
    const finished = () => changes.flatMap((c) => (c.kind === "step.finished" ? [c.run] : [])) as StepRunRecord[];
    let n = 0;
    const run = (definition: FlowDefinition) => runExecution({ executionId: `exec-${++n}`, definition, input }, deps);
    return { changes, events, waits, finished, run };
  }

  it("retries 503, 429 (honouring Retry-After) and a reset connection, recording every attempt and announcing each retry", async () => {
    sandbox.scriptFailures([{ status: 503 }, { status: 429, headers: { "retry-after": "1" } }]);
    const h = harness();
    const outcome = await h.run(chain(step("credentials", {}, { maxAttempts: 3 })));
    expect(outcome.status).toBe("succeeded");
    expect(h.events.map((e) => `${e.type}:${e.attempt ?? ""}`)).toEqual([
      "execution.started:",
      "step.started:1",
      "step.retrying:1",
      "step.started:2",
      "step.retrying:2",
      "step.started:3",
      "step.succeeded:3",
      "execution.finished:",
    ]);
    expect(h.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const retrying = h.events.filter((e) => e.type === "step.retrying");
    expect(retrying[0]).toMatchObject({ stepId: "credentials", error: { kind: "http_error", status: 503 }, retryInMs: 375 });
    expect(retrying[1]).toMatchObject({ error: { kind: "http_error", status: 429 }, retryInMs: 1000 });
    expect(h.waits).toEqual([375, 1000]);
    const [run] = h.finished();
    expect(run!.attempt).toBe(3);
    expect(run!.attempts.map((a) => [a.attempt, a.error?.status ?? null, a.http?.status, a.retryInMs])).toEqual([
      [1, 503, 503, 375],
      [2, 429, 429, 1000],
      [3, null, 200, undefined],
    ]);
    expect(sandbox.stats().tokenRequests).toBe(3);

    sandbox.scriptFailures([{ kind: "reset" }, { kind: "hang" }]);
    const again = harness();
    expect((await again.run(chain(step("credentials")))).status).toBe("succeeded");
    expect(again.finished()[0]!.attempts.map((a) => a.error?.kind ?? "ok")).toEqual(["network", "timeout", "ok"]);
  });

  it("never retries what the request itself got wrong (400, 401) and stops when attempts run out", async () => {
    for (const failure of [{ status: 401 }, { status: 400, body: { error: "invalid_authorization_details" } }]) {
      sandbox.reset();
      sandbox.scriptFailures([failure]);
      const h = harness();
      expect((await h.run(chain(step("credentials")))).status).toBe("failed");
      expect(h.finished()[0]!.attempts).toHaveLength(1);
      expect(h.events.some((e) => e.type === "step.retrying")).toBe(false);
      expect(sandbox.stats().tokenRequests).toBe(1);
    }

    sandbox.reset();
    sandbox.scriptFailures([{ status: 503 }, { status: 502 }, { status: 500 }]);
    const h = harness();
    const outcome = await h.run(chain(step("credentials", {}, { maxAttempts: 3 })));
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatchObject({ status: 500 });
    expect(h.finished()[0]!.attempts.map((a) => a.error?.status)).toEqual([503, 502, 500]);
    expect(h.finished()[0]!.attempts.at(-1)!.retryInMs).toBeUndefined();

    sandbox.reset();
    sandbox.scriptFailures([{ status: 503 }]);
    const once = harness();
    expect((await once.run(chain(step("credentials", {}, { maxAttempts: 1 })))).status).toBe("failed");
    expect(sandbox.stats().tokenRequests).toBe(1);
  });

  it("backs off exponentially with jitter, capped, and gives up when Retry-After exceeds the maximum wait", () => {
    const policy = { maxAttempts: 5, backoffMs: 1000, maxDelayMs: 3000 };
    const error = { kind: "network" as const, message: "x" };
    expect([1, 2, 3, 4].map((n) => retryDelay(error, null, n, policy, () => 0))).toEqual([500, 1000, 1500, 1500]);
    expect([1, 2, 3, 4].map((n) => retryDelay(error, null, n, policy, () => 0.999999))).toEqual([1000, 2000, 3000, 3000]);
    expect(retryDelay(error, null, 5, policy)).toBeNull();
    const http = (retryAfter: string) => ({ method: "POST", url: "u", requestHeaders: {}, status: 429, responseHeaders: { "retry-after": retryAfter }, durationMs: 1 });
    const tooMany = { kind: "http_error" as const, status: 429, message: "x" };
    expect(retryDelay(tooMany, http("2"), 1, policy, () => 0)).toBe(2000);
    expect(retryDelay(tooMany, http("60"), 1, policy)).toBeNull();
    expect(retryDelay({ kind: "http_error", status: 404, message: "x" }, null, 1, policy)).toBeNull();
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(5000);
  });

  it("reuses a still-valid token for the same connection, grant and authorization details; one request for concurrent executions", async () => {
    const cache = new MemoryResultCache();
    const h = harness(cache);
    const results = await Promise.all(Array.from({ length: 10 }, () => h.run(chain(step("credentials")))));
    expect(results.every((r) => r.status === "succeeded")).toBe(true);
    expect(sandbox.stats().tokensIssued).toBe(1);
    const tokens = new Set(results.map((r) => (r.results["credentials"]!.body as { access_token: string }).access_token));
    expect(tokens.size).toBe(1);
    const hits = results.map((r) => r.results["credentials"]!.cache!.hit);
    expect(hits.filter((hit) => !hit)).toHaveLength(1);
    const info = results[0]!.results["credentials"]!.cache!;
    expect(Date.parse(info.expiresAt) - Date.parse(info.storedAt)).toBeGreaterThan(86_000_000);
    expect(Date.parse(info.reusableUntil)).toBeLessThan(Date.parse(info.expiresAt));
    expect(h.events.filter((e) => e.type === "step.succeeded").filter((e) => e.cacheHit === true)).toHaveLength(9);

    await h.run(chain(step("credentials", { authorizationDetails: [{ type: "payments" }] })));
    await h.run(chain(step("credentials", { reuseToken: false })));
    expect(sandbox.stats().tokensIssued).toBe(3);
    // A failed request caches nothing.
    sandbox.scriptFailures([{ status: 400, body: { error: "invalid_authorization_details" } }]);
    expect((await h.run(chain(step("credentials", { authorizationDetails: [{ type: "other" }] })))).status).toBe("failed");
    expect(cache.size).toBe(2);
  });

  it("a 401 from a later step drops the tokens the execution reused", async () => {
    const cache = new MemoryResultCache();
    const h = harness(cache);
    await h.run(chain(step("credentials")));
    expect(sandbox.stats().tokensIssued).toBe(1);
    sandbox.scriptFailures([{ status: 401 }]);
    const outcome = await h.run(chain(step("credentials"), step("use_it", { authorizationDetails: [{ type: "payments" }] })));
    expect(outcome.status).toBe("failed");
    expect(outcome.results["credentials"]!.cache!.hit).toBe(true);
    await h.run(chain(step("credentials")));
    expect(sandbox.stats().tokensIssued).toBe(2);
  });
});
