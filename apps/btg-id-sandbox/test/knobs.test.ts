import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SandboxConfigError, startSandbox } from "../src/index.js";
import type { Sandbox, ScriptedFailure } from "../src/index.js";
import { answerOf, demoBasic, postToken, until } from "./helpers.js";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

describe("scripted failures", () => {
  it("plays scripted 503s in order, then answers normally", async () => {
    sandbox.scriptFailures([{ status: 503 }, { status: 503 }]);

    for (let i = 0; i < 2; i++) {
      const failed = await postToken(sandbox, { headers: demoBasic });
      expect(failed.status).toBe(503);
      expect(failed.json).toEqual({ error: "temporarily_unavailable" });
      expect(failed.headers.get("content-type")).toBe("application/json");
    }
    const ok = await postToken(sandbox, { headers: demoBasic });
    expect(ok.status).toBe(200);
    expect(ok.json?.access_token).toBeTypeOf("string");
    expect(sandbox.stats()).toEqual({ tokenRequests: 3, tokensIssued: 1, tokensIssuedByGrant: { client_credentials: 1 }, apiRequests: 0, errors: { temporarily_unavailable: 2 } });
  });

  it("plays failures before validating the request (the outage does not care who asks)", async () => {
    sandbox.scriptFailures([{ status: 502 }]);
    expect((await postToken(sandbox)).status).toBe(502);
    expect((await postToken(sandbox)).status).toBe(401);
  });

  it("sends a scripted body and headers as given", async () => {
    sandbox.scriptFailures([
      { status: 429, body: { error: "slow_down", error_description: "quota" }, headers: { "Retry-After": "2" } },
      { status: 400, body: { error: "invalid_request", error_description: "custom" } },
      { status: 200, body: { token_type: "Bearer" } },
    ]);
    const limited = await postToken(sandbox, { headers: demoBasic });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.json).toEqual({ error: "slow_down", error_description: "quota" });

    const custom = await postToken(sandbox, { headers: demoBasic });
    expect(custom).toMatchObject({ status: 400, json: { error: "invalid_request", error_description: "custom" } });

    // A malformed "success" (no access_token), for client-side validation tests.
    const malformed = await postToken(sandbox, { headers: demoBasic });
    expect(malformed).toMatchObject({ status: 200, json: { token_type: "Bearer" } });
    expect(malformed.json).not.toHaveProperty("access_token");

    expect(sandbox.stats().errors).toEqual({ slow_down: 1, invalid_request: 1, http_200: 1 });
  });

  it("defaults a scripted 401 to invalid_client with the Basic challenge", async () => {
    sandbox.scriptFailures([{ status: 401 }]);
    const answer = await postToken(sandbox, { headers: demoBasic });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ error: "invalid_client" });
    expect(answer.headers.get("www-authenticate")).toBe('Basic realm="btg-id"');
  });

  it("answers an HTML page for kind non-json", async () => {
    sandbox.scriptFailures([{ kind: "non-json", status: 502 }]);
    const answer = await postToken(sandbox, { headers: demoBasic });
    expect(answer.status).toBe(502);
    expect(answer.headers.get("content-type")).toMatch(/^text\/html/);
    expect(answer.text).toMatch(/^<!DOCTYPE html>/);
    expect(answer.text).toContain("502 Bad Gateway");
    expect(answer.json).toBeUndefined();
    expect(sandbox.stats().errors).toEqual({ non_json: 1 });
  });

  it("resets the connection for kind reset, then answers the next request", async () => {
    sandbox.scriptFailures([{ kind: "reset" }]);
    await expect(postToken(sandbox, { headers: demoBasic })).rejects.toThrow(TypeError); // undici: "fetch failed"
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(200);
    expect(sandbox.stats()).toEqual({ tokenRequests: 2, tokensIssued: 1, tokensIssuedByGrant: { client_credentials: 1 }, apiRequests: 0, errors: { reset: 1 } });
  });

  it("answers normally after the extra time of kind delay", async () => {
    sandbox.scriptFailures([{ kind: "delay", ms: 300 }]);
    const [delayed, slow] = await timed(() => postToken(sandbox, { headers: demoBasic }));
    expect(delayed.status).toBe(200);
    expect(slow).toBeGreaterThanOrEqual(290);
    const [, fast] = await timed(() => postToken(sandbox, { headers: demoBasic }));
    expect(fast).toBeLessThan(250);
    expect(sandbox.stats()).toEqual({ tokenRequests: 2, tokensIssued: 2, tokensIssuedByGrant: { client_credentials: 2 }, apiRequests: 0, errors: {} });
  });

  it("never answers for kind hang; the client's abort ends it and the next request succeeds", async () => {
    sandbox.scriptFailures([{ kind: "hang" }]);
    const [outcome, elapsed] = await timed(() =>
      postToken(sandbox, { headers: demoBasic, signal: AbortSignal.timeout(300) }).then(
        () => "answered",
        (err: unknown) => (err instanceof Error ? err.name : "other"),
      ),
    );
    expect(outcome).toBe("TimeoutError");
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(200);
    expect(sandbox.stats()).toEqual({ tokenRequests: 2, tokensIssued: 1, tokensIssuedByGrant: { client_credentials: 1 }, apiRequests: 0, errors: { hang: 1 } });
  });

  it("consumes scripted failures in arrival order under concurrency", async () => {
    sandbox.scriptFailures([{ status: 503 }, { status: 500 }]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => postToken(sandbox, { headers: demoBasic })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 500, 503]);
  });

  it("replaces (does not append to) the script", async () => {
    sandbox.scriptFailures([{ status: 500 }, { status: 500 }]);
    sandbox.scriptFailures([{ status: 503 }]);
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(503);
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(200);
  });

  it("refuses an invalid script and keeps the previous one", () => {
    sandbox.scriptFailures([{ status: 503 }]);
    const bad: unknown[] = [
      [{ kind: "explode" }],
      [{ status: 99 }],
      [{ status: 503, headers: { "Content-Length": "1" } }],
      [{ status: 503, headers: { "X-Bad": "a\r\nb" } }],
      [{ kind: "delay" }],
      [{ status: 503, body: 10n }],
      "not an array",
    ];
    for (const script of bad) {
      expect(() => sandbox.scriptFailures(script as ScriptedFailure[])).toThrow(SandboxConfigError);
    }
    expect(() => sandbox.scriptFailures([{ kind: "explode" } as unknown as ScriptedFailure])).toThrow(/failures\[0\]/);
    return postToken(sandbox, { headers: demoBasic }).then((a) => expect(a.status).toBe(503));
  });
});

describe("latency", () => {
  it("waits the configured latency before answering, and stops when set back to 0", async () => {
    sandbox.setLatency(300);
    const [slowAnswer, slow] = await timed(() => postToken(sandbox, { headers: demoBasic }));
    expect(slowAnswer.status).toBe(200);
    expect(slow).toBeGreaterThanOrEqual(290);

    sandbox.setLatency(0);
    const [, fast] = await timed(() => postToken(sandbox, { headers: demoBasic }));
    expect(fast).toBeLessThan(250);
  });

  it("neither answers nor counts a request whose client gave up during the latency", async () => {
    sandbox.setLatency(300);
    const outcome = await postToken(sandbox, { headers: demoBasic, signal: AbortSignal.timeout(50) }).then(
      () => "answered",
      (err: unknown) => (err instanceof Error ? err.name : "other"),
    );
    expect(outcome).toBe("TimeoutError");
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(sandbox.stats()).toEqual({ tokenRequests: 1, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: {} });
  });

  it("applies latencyMs given at start", async () => {
    const slowSandbox = await startSandbox({ latencyMs: 250 });
    try {
      const [answer, elapsed] = await timed(() => postToken(slowSandbox, { headers: demoBasic }));
      expect(answer.status).toBe(200);
      expect(elapsed).toBeGreaterThanOrEqual(240);
    } finally {
      await slowSandbox.close();
    }
  });

  it("applies to error answers too (it models the network and the server)", async () => {
    sandbox.setLatency(200);
    const [answer, elapsed] = await timed(() => postToken(sandbox));
    expect(answer.status).toBe(401);
    expect(elapsed).toBeGreaterThanOrEqual(190);
  });

  it("refuses a negative, fractional or huge latency", () => {
    for (const ms of [-1, 1.5, Number.NaN, 10_000_000]) {
      expect(() => sandbox.setLatency(ms)).toThrow(SandboxConfigError);
    }
  });
});

describe("reset", () => {
  it("zeroes latency, scripted failures and counters", async () => {
    await postToken(sandbox, { headers: demoBasic });
    await postToken(sandbox);
    expect(sandbox.stats()).toEqual({ tokenRequests: 2, tokensIssued: 1, tokensIssuedByGrant: { client_credentials: 1 }, apiRequests: 0, errors: { invalid_client: 1 } });

    sandbox.setLatency(2000);
    sandbox.scriptFailures([{ status: 503 }]);
    sandbox.reset();

    expect(sandbox.stats()).toEqual({ tokenRequests: 0, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: {} });
    const [answer, elapsed] = await timed(() => postToken(sandbox, { headers: demoBasic }));
    expect(answer.status).toBe(200);
    expect(elapsed).toBeLessThan(1000);
  });

  it("returns a copy of the counters, not a live view", async () => {
    const snapshot = sandbox.stats();
    await postToken(sandbox);
    expect(snapshot).toEqual({ tokenRequests: 0, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: {} });
  });
});

describe("the control API over HTTP (/_sandbox)", () => {
  async function control(path: string, init: { method?: string; body?: unknown } = {}) {
    const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
      method: init.method ?? "POST",
      ...(init.body === undefined
        ? {}
        : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(init.body) }),
    });
    return answerOf(response);
  }

  it("sets latency", async () => {
    expect(await control("latency", { body: { ms: 250 } })).toMatchObject({ status: 200, json: { latencyMs: 250 } });
    const [, elapsed] = await timed(() => postToken(sandbox, { headers: demoBasic }));
    expect(elapsed).toBeGreaterThanOrEqual(240);
  });

  it("scripts failures", async () => {
    const answer = await control("failures", { body: { failures: [{ status: 503 }, { kind: "non-json", status: 500 }] } });
    expect(answer).toMatchObject({ status: 200, json: { scripted: 2 } });
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(503);
    expect((await postToken(sandbox, { headers: demoBasic })).json).toBeUndefined();
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(200);
  });

  it("reports stats and resets", async () => {
    await postToken(sandbox, { headers: demoBasic });
    await postToken(sandbox, { headers: { Authorization: "Bearer x" } });
    const stats = await control("stats", { method: "GET" });
    expect(stats.json).toEqual({ tokenRequests: 2, tokensIssued: 1, tokensIssuedByGrant: { client_credentials: 1 }, apiRequests: 0, errors: { invalid_client: 1 } });
    expect(stats.json).toEqual(sandbox.stats());

    await control("latency", { body: { ms: 5000 } });
    expect(await control("reset")).toMatchObject({ status: 200, json: { tokenRequests: 0, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: {} } });
    expect(sandbox.stats()).toEqual({ tokenRequests: 0, tokensIssued: 0, tokensIssuedByGrant: {}, apiRequests: 0, errors: {} });
    const [, elapsed] = await timed(() => postToken(sandbox, { headers: demoBasic }));
    expect(elapsed).toBeLessThan(1000);
  });

  it("refuses invalid knob values with 400 and wrong methods with 405", async () => {
    expect(await control("latency", { body: { ms: -5 } })).toMatchObject({ status: 400, json: { error: "invalid_request" } });
    expect(await control("latency")).toMatchObject({ status: 400 });
    const badScript = await control("failures", { body: { failures: [{ kind: "explode" }] } });
    expect(badScript).toMatchObject({ status: 400, json: { error: "invalid_request" } });
    expect(String(badScript.json?.error_description)).toContain("failures[0]");
    const malformed = await fetch(`${sandbox.url}/_sandbox/latency`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toBe("invalid_request");
    const wrongMethod = await control("stats");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    expect((await control("reset", { method: "GET" })).status).toBe(405);
    // Nothing of it changed the sandbox.
    expect((await postToken(sandbox, { headers: demoBasic })).status).toBe(200);
  });

  it("answers 413 to a control body over 64 KB", async () => {
    const answer = await control("failures", { body: { failures: [], pad: "x".repeat(70 * 1024) } });
    expect(answer).toMatchObject({ status: 413, json: { error: "invalid_request" } });
  });
});
