import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox } from "../src/index.js";
import type { Sandbox } from "../src/index.js";
import { SCOPE, answerOf, callApi, demoBasic, getToken, postToken } from "./helpers.js";

let sandbox: Sandbox;
let token: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  token = await getToken(sandbox, { scope: `${SCOPE.accountsReadonly} ${SCOPE.payments}` });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const BALANCE = "/12345678/banking/accounts/001/balance";
const balance = (signal?: AbortSignal) => callApi(sandbox, BALANCE, { token, ...(signal ? { signal } : {}) });

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

describe("scripted failures on the API", () => {
  it("are taken by API requests at arrival, in order, then the API answers normally", async () => {
    sandbox.scriptFailures([
      { status: 503 },
      { status: 429, headers: { "Retry-After": "1" } },
      { status: 401 },
      { status: 500, body: { error: "server_error", error_description: "scripted" } },
      { kind: "non-json", status: 502 },
    ]);
    const unavailable = await balance();
    expect(unavailable).toMatchObject({ status: 503, json: { error: "temporarily_unavailable" } });
    expect(unavailable.headers.get("content-type")).toBe("application/json");

    const limited = await balance();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");

    // A scripted 401 without a body looks like the API's own: invalid_token and a Bearer challenge.
    const unauthorized = await balance();
    expect(unauthorized).toMatchObject({ status: 401, json: { error: "invalid_token" } });
    expect(unauthorized.headers.get("www-authenticate")).toBe('Bearer error="invalid_token", error_description="scripted failure"');

    expect(await balance()).toMatchObject({ status: 500, json: { error: "server_error", error_description: "scripted" } });
    const html = await balance();
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.json).toBeUndefined();

    expect((await balance()).status).toBe(200);
    expect(sandbox.stats()).toEqual({
      tokenRequests: 0,
      tokensIssued: 0, tokensIssuedByGrant: {},
      apiRequests: 6,
      errors: { temporarily_unavailable: 2, invalid_token: 1, server_error: 1, non_json: 1 },
    });
  });

  it("are shared with the token endpoint: whichever request arrives next takes the next entry", async () => {
    sandbox.scriptFailures([{ status: 503 }, { status: 502 }, { status: 401 }]);
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(503);
    expect((await balance()).status).toBe(502);
    const tokenAnswer = await postToken(sandbox, { headers: demoBasic });
    expect(tokenAnswer).toMatchObject({ status: 401, json: { error: "invalid_client" } });
    expect(tokenAnswer.headers.get("www-authenticate")).toBe('Basic realm="btg-id"');
    expect((await balance()).status).toBe(200);
    expect(sandbox.stats()).toMatchObject({ tokenRequests: 2, apiRequests: 2 });
  });

  it("come before the token check: an outage does not care who asks", async () => {
    sandbox.scriptFailures([{ status: 503 }]);
    expect((await callApi(sandbox, BALANCE)).status).toBe(503);
    expect((await callApi(sandbox, BALANCE)).status).toBe(401);
  });

  it("reset the connection, delay, or hang an API request", async () => {
    sandbox.scriptFailures([{ kind: "reset" }, { kind: "delay", ms: 300 }, { kind: "hang" }]);
    await expect(balance()).rejects.toThrow(TypeError);

    const [delayed, slow] = await timed(() => balance());
    expect(delayed.status).toBe(200);
    expect(slow).toBeGreaterThanOrEqual(290);

    const outcome = await balance(AbortSignal.timeout(300)).then(
      () => "answered",
      (err: unknown) => (err instanceof Error ? err.name : "other"),
    );
    expect(outcome).toBe("TimeoutError");
    expect((await balance()).status).toBe(200);
    expect(sandbox.stats()).toMatchObject({ apiRequests: 4, errors: { reset: 1, hang: 1 } });
  });

  it("apply to payments too: a payment refused by a scripted failure is not made", async () => {
    sandbox.scriptFailures([{ status: 503 }]);
    const body = { amount: 10, pixKey: "a@b.co" };
    const headers = { "x-idempotency-key": "retry-me" };
    expect((await callApi(sandbox, "/12345678/banking/payments", { token, body, headers })).status).toBe(503);
    expect((await callApi(sandbox, "/12345678/banking/payments", { token, body, headers })).status).toBe(201);
    expect((await callApi(sandbox, "/12345678/banking/payments", { token })).json?.totalItems).toBe(1);
  });
});

describe("latency on the API", () => {
  it("delays every API answer, errors included", async () => {
    sandbox.setLatency(300);
    const [ok, slow] = await timed(() => balance());
    expect(ok.status).toBe(200);
    expect(slow).toBeGreaterThanOrEqual(290);
    const [refused, slowToo] = await timed(() => callApi(sandbox, BALANCE));
    expect(refused.status).toBe(401);
    expect(slowToo).toBeGreaterThanOrEqual(290);

    sandbox.setLatency(0);
    const [, fast] = await timed(() => balance());
    expect(fast).toBeLessThan(250);
  });

  it("does not answer a client that left during the latency (it still counts as a request)", async () => {
    sandbox.setLatency(300);
    await expect(balance(AbortSignal.timeout(50))).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sandbox.stats()).toEqual({ tokenRequests: 0, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 1, errors: {} });
  });

  it("lets close() finish promptly with an API request waiting", async () => {
    const slowSandbox = await startSandbox({ latencyMs: 60_000 });
    const pending = callApi(slowSandbox, BALANCE).then(
      () => "answered",
      () => "failed",
    );
    while (slowSandbox.stats().apiRequests === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const [, elapsed] = await timed(() => slowSandbox.close());
    expect(elapsed).toBeLessThan(1000);
    expect(await pending).toBe("failed");
  });
});

describe("stats", () => {
  it("count every /api request and its error answers, apart from token requests", async () => {
    await balance();
    await callApi(sandbox, BALANCE);
    await callApi(sandbox, "/12345678/banking/nowhere", { token });
    await callApi(sandbox, "/12345678/banking/accounts/001/statements?startDate=x", { token });
    await postToken(sandbox, { headers: demoBasic });
    expect(sandbox.stats()).toEqual({
      tokenRequests: 1,
      tokensIssued: 1, tokensIssuedByGrant: { client_credentials: 1 },
      apiRequests: 4,
      errors: { invalid_token: 1, not_found: 1, invalid_request: 1 },
    });
    const overHttp = await answerOf(await fetch(`${sandbox.url}/_sandbox/stats`));
    expect(overHttp.json).toEqual(sandbox.stats());

    sandbox.reset();
    expect(sandbox.stats()).toEqual({ tokenRequests: 0, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: {} });
  });

  it("POST /_sandbox/reset forgets the payments too", async () => {
    await callApi(sandbox, "/12345678/banking/payments", { token, body: { amount: 1, pixKey: "a@b.co" } });
    const reset = await answerOf(await fetch(`${sandbox.url}/_sandbox/reset`, { method: "POST" }));
    expect(reset.json).toEqual({ tokenRequests: 0, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: {} });
    expect((await callApi(sandbox, "/12345678/banking/payments", { token })).json?.totalItems).toBe(0);
  });
});
