import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionSummary, Flow, Page } from "@fluxo/contracts";
import { openSse, startTestApp, type OpenSse, type TestApp } from "./harness.js";

/** A flow's history stream (single mode): executions appear as they are created, then change status, whoever started them. */
describe("a flow's executions, live (SSE)", () => {
  let app: TestApp;
  let flow: Flow;
  let other: Flow;
  let key: string;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const connection = await app.createConnection();
    flow = await app.createFlow(connection.id);
    other = await app.createFlow(connection.id);
    expect((await app.api("POST", `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
    key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "history" })).body.key;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const summaries = async (stream: OpenSse, count: number) => {
    const messages = await stream.take(count);
    expect(messages.every((m) => m.event === "execution")).toBe(true);
    return messages.map((m) => JSON.parse(m.data) as ExecutionSummary);
  };
  const stored = async (id: string) => (await app.api<Page<ExecutionSummary>>("GET", `/api/flows/${flow.id}/executions`)).body.items.find((e) => e.id === id);

  it("shows runs from the editor, the API and the gateway as they are created (running), then finished", async () => {
    const stream = await openSse(`${app.url}/api/flows/${flow.id}/executions/stream`, app.auth);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toContain("text/event-stream");

      const runs: [string, () => Promise<Response>][] = [
        ["editor", () => fetch(`${app.url}/api/flows/${flow.id}/executions`, { method: "POST", headers: app.auth })],
        ["api", () => fetch(`${app.url}/api/flows/${flow.id}/executions`, { method: "POST", headers: { authorization: `Bearer ${key}` } })],
        ["gateway", () => fetch(`${app.url}/gateway/flows/${flow.slug}`, { method: "POST", headers: { authorization: `Bearer ${key}` } })],
      ];
      for (const [source, run] of runs) {
        const res = await run();
        expect(res.status).toBe(202);
        const { executionId } = (await res.json()) as { executionId: string };
        // Single mode: an execution is stored already running (queue mode: queued first, see queue.test.ts).
        const [created, finished] = await summaries(stream, 2);
        const draft = source !== "gateway";
        expect(created).toMatchObject({ id: executionId, flowId: flow.id, triggerSource: source, draft, flowVersion: draft ? flow.version : 1, status: "running", finishedAt: null });
        expect(created!.startedAt).toBe(created!.createdAt);
        expect(finished).toMatchObject({ id: executionId, status: "succeeded", finishedAt: expect.any(String), durationMs: expect.any(Number) });
        // What the stream said last is what the list says.
        expect(finished).toEqual(await stored(executionId));
      }
    } finally {
      stream.close();
    }
  });

  it("tells a failed run, and nothing of another flow's runs", async () => {
    const stream = await openSse(`${app.url}/api/flows/${flow.id}/executions/stream`, app.auth);
    try {
      await app.api("POST", `/api/flows/${other.id}/executions`, {});
      const failing = await app.createConnection({ clientSecret: "wrong-secret" });
      const { body: broken } = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { definition: { ...flow.definition, steps: flow.definition.steps.map((s) => ({ ...s, connectionId: failing.id })) } });
      const { body } = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {});
      const statuses = await summaries(stream, 2);
      expect(statuses.map((s) => [s.id, s.status])).toEqual([
        [body.executionId, "running"],
        [body.executionId, "failed"],
      ]);
      expect(statuses[0]!.flowVersion).toBe(broken.version);
    } finally {
      stream.close();
      await app.api("PUT", `/api/flows/${flow.id}`, { definition: flow.definition });
    }
  });

  it("answers 404 for another workspace's flow or an unknown one, before any stream opens", async () => {
    const owner = await app.server.auth.createWorkspaceWithOwner({ workspace: "Outra", email: "history-other@fluxo.test", name: "Other", password: "a long password 123" });
    const otherOwner = { cookie: `fluxo_session=${owner.session.token}` };
    for (const [id, headers] of [
      [flow.id, otherOwner],
      ["00000000-0000-0000-0000-000000000000", app.auth],
    ] as const) {
      const res = await fetch(`${app.url}/api/flows/${id}/executions/stream`, { headers });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});
