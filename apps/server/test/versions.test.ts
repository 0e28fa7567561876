import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { Execution, Flow, FlowVersion, FlowVersionSummary, Problem } from "@fluxo/contracts";
import { AUTHORIZATION_DETAILS, OWNER, startTestApp, type TestApp } from "./harness.js";

describe("published flow versions", () => {
  let app: TestApp;
  let connectionId: string;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    connectionId = (await app.createConnection()).id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const withResource = (flow: Flow, resource: string) => ({
    ...flow.definition,
    steps: flow.definition.steps.map((s) => ({ ...s, parameters: { ...s.parameters, authorizationDetails: [{ ...AUTHORIZATION_DETAILS[0], resource }] } })),
  });

  it("freezes the draft as numbered versions with who, when and the note; the draft keeps moving", async () => {
    const flow = await app.createFlow(connectionId);
    expect(flow).toMatchObject({ publishedVersion: null, hasUnpublishedChanges: true, slug: "obter-credenciais" });

    const v1 = await app.api<FlowVersion>("POST", `/api/flows/${flow.id}/publish`, { note: "primeira" });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ number: 1, note: "primeira", draftVersion: 1, publishedBy: { name: OWNER.name } });
    expect((await app.api<Flow>("GET", `/api/flows/${flow.id}`)).body).toMatchObject({ publishedVersion: 1, hasUnpublishedChanges: false });

    const saved = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { definition: withResource(flow, "accounts/456") });
    expect(saved.body).toMatchObject({ version: 2, publishedVersion: 1, hasUnpublishedChanges: true });
    const v2 = await app.api<FlowVersion>("POST", `/api/flows/${flow.id}/publish`, {});
    expect(v2.body).toMatchObject({ number: 2, note: "", draftVersion: 2 });

    const list = await app.api<FlowVersionSummary[]>("GET", `/api/flows/${flow.id}/versions`);
    expect(list.body.map((v) => v.number)).toEqual([2, 1]);
    // Version 1 still holds what was published then, whatever the draft became.
    const one = await app.api<FlowVersion>("GET", `/api/flows/${flow.id}/versions/1`);
    expect(one.body.definition).toEqual(flow.definition);
    expect((await app.api<Problem>("GET", `/api/flows/${flow.id}/versions/9`)).status).toBe(404);
  });

  it("answers 409 for a draft equal to the latest version and 422 for a draft that no longer validates", async () => {
    const flow = await app.createFlow(connectionId);
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    const again = await app.api<Problem>("POST", `/api/flows/${flow.id}/publish`, {});
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain("igual à versão 1");

    const gone = await app.createConnection({ name: "will go" });
    const other = await app.createFlow(gone.id);
    await app.api("DELETE", `/api/connections/${gone.id}?force=true`);
    const invalid = await app.api<Problem>("POST", `/api/flows/${other.id}/publish`, {});
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors?.[0]?.stepId).toBe("credentials");
    expect((await app.api<FlowVersionSummary[]>("GET", `/api/flows/${other.id}/versions`)).body).toEqual([]);
  });

  it("restores a version into the draft, which can then be published as a new version", async () => {
    const flow = await app.createFlow(connectionId);
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    await app.api("PUT", `/api/flows/${flow.id}`, { definition: withResource(flow, "accounts/789") });
    const restored = await app.api<Flow>("POST", `/api/flows/${flow.id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.definition).toEqual(flow.definition);
    expect(restored.body).toMatchObject({ version: 3, publishedVersion: 1, hasUnpublishedChanges: false });
  });

  it("keeps a published version immutable, even to a direct UPDATE in the database (it changes no row)", async () => {
    const flow = await app.createFlow(connectionId);
    await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "original" });
    const pool = app.server.database.pool as pg.Pool;
    const update = await pool.query(`UPDATE "FlowVersion" SET note = 'changed' WHERE "flowId" = $1`, [flow.id]);
    expect(update.rowCount).toBe(0);
    expect((await app.api<FlowVersion>("GET", `/api/flows/${flow.id}/versions/1`)).body.note).toBe("original");
  });

  it("records what each execution ran: the draft from the editor and the API, with its trigger source", async () => {
    const flow = await app.createFlow(connectionId);
    const key = await app.api<{ key: string }>("POST", "/api/api-keys", { name: "versions" });
    const fromEditor = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {});
    const fromApi = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {}, { authorization: `Bearer ${key.body.key}` });
    const editorRun = await app.waitForExecution(fromEditor.body.executionId);
    const apiRun = await app.waitForExecution(fromApi.body.executionId);
    // A draft run says which draft: the one saved then (a person reads "rascunho de 06/12 17:36").
    expect(editorRun).toMatchObject<Partial<Execution>>({ draft: true, triggerSource: "editor", flowVersion: 1, draftSavedAt: flow.savedAt });
    expect(apiRun).toMatchObject<Partial<Execution>>({ draft: true, triggerSource: "api", draftSavedAt: flow.savedAt });
    const history = await app.api<{ items: Execution[] }>("GET", `/api/flows/${flow.id}/executions`);
    expect(history.body.items.map((e) => e.draftSavedAt)).toEqual([flow.savedAt, flow.savedAt]);
  });

  it("reads a published run's definition from the version it ran (not copied into the execution), a draft run's from its own copy", async () => {
    const flow = await app.createFlow(connectionId);
    const pool = app.server.database.pool as pg.Pool;
    const key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "by reference" })).body.key;
    const callGateway = async () => {
      const called = await fetch(`${app.url}/gateway/flows/${flow.slug}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });
      return app.waitForExecution(((await called.json()) as { executionId: string }).executionId);
    };
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    const first = await callGateway();
    const second = withResource(flow, "accounts/456");
    await app.api("PUT", `/api/flows/${flow.id}`, { definition: second });
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    const latest = await callGateway();
    const draft = withResource(flow, "accounts/789");
    await app.api("PUT", `/api/flows/${flow.id}`, { definition: draft });
    const draftRun = await app.waitForExecution((await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {})).body.executionId);
    // The draft moves on again, and version 3 is published: none of the runs above changes.
    await app.api("PUT", `/api/flows/${flow.id}`, { definition: withResource(flow, "accounts/000") });
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});

    const stored = await pool.query<{ id: string; copied: boolean }>(`SELECT id, definition IS NOT NULL AS copied FROM "Execution" WHERE "flowId" = $1`, [flow.id]);
    expect(Object.fromEntries(stored.rows.map((r) => [r.id, r.copied]))).toEqual({ [first.id]: false, [latest.id]: false, [draftRun.id]: true });
    expect(first).toMatchObject({ draft: false, flowVersion: 1 });
    expect((await app.api<Execution>("GET", `/api/executions/${first.id}`)).body.definition).toEqual(flow.definition);
    expect(latest).toMatchObject({ draft: false, flowVersion: 2 });
    expect((await app.api<Execution>("GET", `/api/executions/${latest.id}`)).body.definition).toEqual(second);
    // Its save counter (3) is also a version's number now: a draft run is never read from a version.
    expect(draftRun).toMatchObject({ draft: true, flowVersion: 3 });
    expect((await app.api<Execution>("GET", `/api/executions/${draftRun.id}`)).body.definition).toEqual(draft);
    // A draft run without its copy can't be stored.
    await expect(pool.query(`UPDATE "Execution" SET definition = NULL WHERE id = $1`, [draftRun.id])).rejects.toThrow(/Execution_draft_definition_check/);
  });

  it("gives each flow a unique, editable slug: 422 when malformed, 409 when taken", async () => {
    const a = await app.api<Flow>("POST", "/api/flows", { name: "Ação Única" });
    const b = await app.api<Flow>("POST", "/api/flows", { name: "Ação Única" });
    expect([a.body.slug, b.body.slug]).toEqual(["acao-unica", "acao-unica-2"]);
    const malformed = await app.api<Problem>("PUT", `/api/flows/${b.body.id}`, { slug: "Com Espaço" });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors?.[0]?.path).toBe("slug");
    const taken = await app.api<Problem>("PUT", `/api/flows/${b.body.id}`, { slug: "acao-unica" });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toContain('"Ação Única"');
    const renamed = await app.api<Flow>("PUT", `/api/flows/${b.body.id}`, { slug: "outra-acao" });
    expect(renamed.body.slug).toBe("outra-acao");
  });
});
