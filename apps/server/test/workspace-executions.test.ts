import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, ExecutionListPage, ExecutionSummary, Flow, Problem, StepTestResult } from "@fluxo/contracts";
import { openSse, sessionCookieOf, startTestApp, type TestApp } from "./harness.js";

/** GET /api/executions and its live stream: every flow's runs in the workspace (the Execuções page). */
describe("the workspace's executions", () => {
  let app: TestApp;
  let first: Flow;
  let second: Flow;
  let key: string;
  /** Execution ids, oldest first: two editor runs of `first`, one failed API run of `second`, one gateway run of `first`. */
  const runs: string[] = [];
  let between: string;

  const list = (query = "") => app.api<ExecutionListPage>("GET", `/api/executions${query}`);
  const ids = (page: ExecutionListPage) => page.items.map((e) => e.id);

  beforeAll(async () => {
    app = await startTestApp("postgres");
    const connection = await app.createConnection();
    const broken = await app.createConnection({ clientSecret: "wrong-secret" });
    first = await app.createFlow(connection.id);
    second = await app.createFlow(broken.id);
    expect((await app.api("POST", `/api/flows/${first.id}/publish`, {})).status).toBe(201);
    key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "list" })).body.key;
    const run = async (flowId: string, headers = app.auth) => {
      const { body } = await app.api<{ executionId: string }>("POST", `/api/flows/${flowId}/executions`, {}, headers);
      await app.waitForExecution(body.executionId);
      runs.push(body.executionId);
    };
    await run(first.id);
    await run(first.id);
    between = new Date().toISOString();
    await run(second.id, { authorization: `Bearer ${key}` });
    const gateway = await fetch(`${app.url}/gateway/flows/${first.slug}`, { method: "POST", headers: { authorization: `Bearer ${key}` } });
    const { executionId } = (await gateway.json()) as { executionId: string };
    await app.waitForExecution(executionId);
    runs.push(executionId);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("lists every flow's runs, newest first", async () => {
    const { status, body } = await list();
    expect(status).toBe(200);
    expect(ids(body)).toEqual([...runs].reverse());
    expect(body.nextCursor).toBeNull();
    expect(body.items[1]).toMatchObject({ flowId: second.id, triggerSource: "api", status: "failed" });
  });

  it("filters by status, flow, source and time, and combines them", async () => {
    expect(ids((await list("?status=failed")).body)).toEqual([runs[2]]);
    expect(ids((await list(`?flowId=${first.id}`)).body)).toEqual([runs[3], runs[1], runs[0]]);
    expect(ids((await list("?source=gateway")).body)).toEqual([runs[3]]);
    expect(ids((await list(`?from=${encodeURIComponent(between)}`)).body)).toEqual([runs[3], runs[2]]);
    expect(ids((await list(`?to=${encodeURIComponent(between)}`)).body)).toEqual([runs[1], runs[0]]);
    expect(ids((await list(`?flowId=${first.id}&source=editor&status=succeeded`)).body)).toEqual([runs[1], runs[0]]);
    expect(ids((await list(`?flowId=${second.id}&status=succeeded`)).body)).toEqual([]);
  });

  it("pages by cursor without repeating or skipping a run, even when new ones arrive meanwhile", async () => {
    const page1 = (await list("?limit=3")).body;
    expect(ids(page1)).toEqual([runs[3], runs[2], runs[1]]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const { body } = await app.api<{ executionId: string }>("POST", `/api/flows/${first.id}/executions`, {});
    await app.waitForExecution(body.executionId);
    const page2 = (await list(`?limit=3&cursor=${page1.nextCursor}`)).body;
    expect(ids(page2)).toEqual([runs[0]]);
    expect(page2.nextCursor).toBeNull();
    expect(ids((await list("?limit=1")).body)).toEqual([body.executionId]);
  });

  it("answers 422 naming each bad filter", async () => {
    const cases: [string, string][] = [
      ["?status=done", "status"],
      ["?source=robot", "source"],
      ["?flowId=abc", "flowId"],
      ["?from=yesterday", "from"],
      [`?from=${encodeURIComponent(between)}&to=2000-01-01T00:00:00Z`, "to"],
      ["?limit=0", "limit"],
      ["?cursor=bm90LWEtY3Vyc29y", "cursor"],
      ["?cursor=%7B%7D", "cursor"],
    ];
    for (const [query, field] of cases) {
      const { status, body, headers } = await app.api<Problem>("GET", `/api/executions${query}`);
      expect(status, query).toBe(422);
      expect(headers.get("content-type")).toContain("application/problem+json");
      expect(body.errors?.map((e) => e.path), query).toEqual([field]);
      expect(body.errors?.[0]?.message.length).toBeGreaterThan(5);
    }
  });

  it("shows a workspace only its own runs, to any role that reads executions", async () => {
    const other = await app.server.auth.createWorkspaceWithOwner({ workspace: "Outra", email: "list-other@fluxo.test", name: "Other", password: "a long password 123" });
    const otherOwner = { cookie: `fluxo_session=${other.session.token}` };
    expect((await app.api<ExecutionListPage>("GET", "/api/executions", undefined, otherOwner)).body.items).toEqual([]);
    expect((await app.api<ExecutionListPage>("GET", `/api/executions?flowId=${first.id}`, undefined, otherOwner)).body.items).toEqual([]);
    const invite = await app.api<{ token: string }>("POST", "/api/invites", { email: "list-viewer@fluxo.test", role: "viewer" });
    const accepted = await fetch(`${app.url}/api/auth/invite/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: invite.body.token, name: "Leitor", password: "a long password 123" }) });
    const viewer = { cookie: sessionCookieOf(accepted) };
    expect(ids((await app.api<ExecutionListPage>("GET", "/api/executions?status=failed", undefined, viewer)).body)).toEqual([runs[2]]);
    expect(ids((await app.api<ExecutionListPage>("GET", "/api/executions?status=failed", undefined, { authorization: `Bearer ${key}` })).body)).toEqual([runs[2]]);
  });

  it("streams every flow's new runs and their status changes, and no other workspace's", async () => {
    const stream = await openSse(`${app.url}/api/executions/stream`, app.auth);
    const other = await app.server.auth.createWorkspaceWithOwner({ workspace: "Terceira", email: "list-third@fluxo.test", name: "Third", password: "a long password 123" });
    const otherStream = await openSse(`${app.url}/api/executions/stream`, { cookie: `fluxo_session=${other.session.token}` });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toContain("text/event-stream");
      const a = (await app.api<{ executionId: string }>("POST", `/api/flows/${first.id}/executions`, {})).body.executionId;
      const [created, finished] = (await stream.take(2)).map((m) => JSON.parse(m.data) as ExecutionSummary);
      expect(created).toMatchObject({ id: a, flowId: first.id, status: "running" });
      expect(finished).toMatchObject({ id: a, status: "succeeded" });
      const b = (await app.api<{ executionId: string }>("POST", `/api/flows/${second.id}/executions`, {})).body.executionId;
      const later = (await stream.take(2)).map((m) => JSON.parse(m.data) as ExecutionSummary);
      expect(later.map((s) => [s.id, s.flowId, s.status])).toEqual([
        [b, second.id, "running"],
        [b, second.id, "failed"],
      ]);
      // The other workspace's stream heard nothing of these: its first message is its own run.
      const own = await app.api<Flow>("POST", "/api/flows", { name: "Vazio", definition: { steps: [], edges: [] } }, { cookie: `fluxo_session=${other.session.token}` });
      const c = (await app.api<{ executionId: string }>("POST", `/api/flows/${own.body.id}/executions`, {}, { cookie: `fluxo_session=${other.session.token}` })).body.executionId;
      const [first3] = (await otherStream.take(1)).map((m) => JSON.parse(m.data) as ExecutionSummary);
      expect(first3!.id).toBe(c);
    } finally {
      stream.close();
      otherStream.close();
    }
  });
});

/**
 * The publish panel's curl example takes "the input of the last execution with success": a run of
 * the whole flow that succeeded. QA: a step test ("Testar passo") after a failed run ran on that
 * run's failing input, succeeded, and was taken for it.
 */
describe("the last successful run of a flow (kind=run)", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });
  const list = (query: string) => app.api<ExecutionListPage>("GET", `/api/executions?${query}`);

  it("skips step tests (which ran on a failed run's input) and failed or diverged runs", async () => {
    const pause = { id: "pausa", connector: "wait", operation: "delay", connectionId: null, parameters: { durationMs: "{{ .input.body.ms }}" }, position: { x: 300, y: 120 } };
    const note = { id: "nota", connector: "transform", operation: "map", connectionId: null, parameters: { fields: [{ name: "ok", value: "sim" }] }, position: { x: 600, y: 120 } };
    const created = await app.api<Flow>("POST", "/api/flows", {
      name: "Amostra do curl",
      description: "",
      definition: { steps: [pause, note], edges: [{ source: "trigger", target: "pausa" }, { source: "pausa", target: "nota" }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const flowId = created.body.id;
    const run = async (body: unknown) => {
      const started = await app.api<{ executionId: string }>("POST", `/api/flows/${flowId}/executions`, { input: { body } });
      expect(started.status, JSON.stringify(started.body)).toBe(202);
      return app.waitForExecution(started.body.executionId);
    };

    const good = await run({ ms: 1 });
    expect(good.status).toBe("succeeded");
    const bad = await run({ ms: 999_999_999 });
    expect(bad.status).toBe("failed");
    const tested = await app.api<StepTestResult>("POST", `/api/flows/${flowId}/steps/nota/test`, {});
    expect(tested.status, JSON.stringify(tested.body)).toBe(200);
    expect(tested.body.testedAgainst).toBe(bad.id);
    const test = (await app.api<Execution>("GET", `/api/executions/${tested.body.executionId}`)).body;
    expect(test).toMatchObject({ triggerSource: "test", status: "succeeded", input: { body: { ms: 999_999_999 } } });

    // The same failing body, the failure let through (onError: continue): a diverged run, no success either.
    const letThrough = { steps: [{ ...pause, onError: "continue" }, note], edges: [{ source: "trigger", target: "pausa" }, { source: "pausa", target: "nota" }] };
    expect((await app.api("PUT", `/api/flows/${flowId}`, { definition: letThrough })).status).toBe(200);
    const diverged = await run({ ms: 999_999_999 });
    expect(diverged.status).toBe("diverged");
    const retested = await app.api<StepTestResult>("POST", `/api/flows/${flowId}/steps/nota/test`, {});
    expect(retested.body.testedAgainst).toBe(diverged.id);

    // Before kind=run, the panel's query: a step test, with the failing body.
    expect((await list(`flowId=${flowId}&status=succeeded&limit=1`)).body.items.map((e) => e.id)).toEqual([retested.body.executionId]);
    // kind=run: the last run of the whole flow that succeeded, and its input is the one that works.
    const latest = await list(`flowId=${flowId}&status=succeeded&kind=run&limit=1`);
    expect(latest.status, JSON.stringify(latest.body)).toBe(200);
    expect(latest.body.items.map((e) => e.id)).toEqual([good.id]);
    expect((await app.api<Execution>("GET", `/api/executions/${good.id}`)).body.input.body).toEqual({ ms: 1 });
    // Every kind of run but a step test, whatever its status; kind=test is the step tests alone.
    expect((await list(`flowId=${flowId}&kind=run`)).body.items.map((e) => e.id)).toEqual([diverged.id, bad.id, good.id]);
    expect((await list(`flowId=${flowId}&kind=test`)).body.items.map((e) => e.id)).toEqual([retested.body.executionId, test.id]);
    const refused = await app.api<Problem>("GET", `/api/executions?kind=tests`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.path)).toEqual(["kind"]);
  });
});

