import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningServer } from "../src/server.js";
import { OWNER, startTestApp, type TestApp } from "./harness.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";
const PER_ACCOUNT = 5;
const PER_ADDRESS = 30;

const login = (url: string, email: string, password: string) =>
  fetch(`${url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });

/** Counts the passwords the real AuthService checks, without changing what it does. */
function countChecks(server: RunningServer) {
  return vi.spyOn(server.auth, "login");
}

describe("login limit, single mode", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("checks at most the limit's number of passwords out of 200 parallel wrong guesses, and says when to retry", async () => {
    const checks = countChecks(app.server);
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => login(app.url, "guessed@fluxo.test", `wrong ${i}`)));
    expect(checks.mock.calls.length).toBeLessThanOrEqual(PER_ACCOUNT);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - PER_ACCOUNT);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    checks.mockRestore();
  });

  it("doesn't sign in with the right password sent among 100 parallel guesses once the limit is taken", async () => {
    const checks = countChecks(app.server);
    const passwords = Array.from({ length: 100 }, (_, i) => (i === 77 ? OWNER.password : `wrong ${i}`));
    const statuses = await Promise.all(passwords.map(async (password) => (await login(app.url, OWNER.email, password)).status));
    expect(checks.mock.calls.length).toBeLessThanOrEqual(PER_ACCOUNT);
    // Only a password that was checked can sign in: at most the limit's number of answers are not 429.
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(PER_ACCOUNT);
    if (statuses[77] === 200) expect(checks.mock.calls.some(([, password]) => password === OWNER.password)).toBe(true);
    checks.mockRestore();
  });

  it("limits one address across many accounts", async () => {
    const checks = countChecks(app.server);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login(app.url, `spray${i}@fluxo.test`, "Summer2026!")));
    expect(checks.mock.calls.length).toBeLessThanOrEqual(PER_ADDRESS);
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(100 - PER_ADDRESS);
    checks.mockRestore();
  });
});

describe("login limit, queue mode: two API processes share it through Redis", () => {
  let queue: QueueRig;
  let apis: RunningServer[];
  beforeAll(async () => {
    queue = await startQueueRig({ apis: 2, sandbox: false });
    apis = queue.apis;
  }, 120_000);
  afterAll(async () => {
    await queue?.close();
  });

  it("checks at most the limit's number of passwords however the guesses are spread over the processes", async () => {
    const checks = apis.map(countChecks);
    const passwords = Array.from({ length: 100 }, (_, i) => (i === 77 ? OWNER.password : `wrong ${i}`));
    const statuses = await Promise.all(passwords.map(async (password, i) => (await login(apis[i % 2]!.url, OWNER.email, password)).status));
    const checked = checks.reduce((sum, c) => sum + c.mock.calls.length, 0);
    expect(checked).toBeLessThanOrEqual(PER_ACCOUNT);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(100 - PER_ACCOUNT);
    // Both processes refused some: neither counted alone.
    expect(statuses.filter((s, i) => s === 429 && i % 2 === 0).length).toBeGreaterThan(0);
    expect(statuses.filter((s, i) => s === 429 && i % 2 === 1).length).toBeGreaterThan(0);
    for (const c of checks) c.mockRestore();
  });

  it("gives a right password's attempt back: the owner signs in again and again on either process", async () => {
    for (let i = 0; i < PER_ACCOUNT + 2; i++) expect((await login(apis[i % 2]!.url, "someone-else@fluxo.test", "x")).status).not.toBe(200);
    // The test above may have left the owner's account at its limit: start it over.
    await queue.redis.del(`${queue.prefix}:login:account:${OWNER.email}`);
    for (let i = 0; i < PER_ACCOUNT + 2; i++) expect((await login(apis[i % 2]!.url, OWNER.email, OWNER.password)).status).toBe(200);
  });
});
