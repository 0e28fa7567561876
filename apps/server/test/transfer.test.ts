import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Flow, FlowExport, Problem } from "@fluxo/contracts";
import { startTestApp, type TestApp } from "./harness.js";

describe("flow export and import", () => {
  let app: TestApp;
  let other: Record<string, string>;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const owner = await app.server.auth.createWorkspaceWithOwner({ workspace: "Outra", email: "other@fluxo.test", name: "Other", password: "a long password 123" });
    other = { cookie: `fluxo_session=${owner.session.token}` };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("round-trips into another workspace by connection name, with no secret in the file", async () => {
    const connection = await app.createConnection({ name: "BTG produção" });
    const flow = await app.createFlow(connection.id);
    const exported = await app.api<FlowExport>("GET", `/api/flows/${flow.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain("obter-credenciais");
    expect(exported.body.connections).toEqual([{ ref: "connection-1", name: "BTG produção", connector: "btg-id" }]);
    const text = JSON.stringify(exported.body);
    expect(text).not.toContain("demo-secret");
    expect(text).not.toContain(connection.id);

    // Nothing is imported while the other workspace lacks the connection.
    const refused = await app.api<Problem>("POST", "/api/flows/import", { file: exported.body }, other);
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.[0]?.message).toContain('chamada "BTG produção"');
    expect((await app.api<Flow[]>("GET", "/api/flows", undefined, other)).body).toEqual([]);

    const created = await app.api<{ id: string }>("POST", "/api/connections", { connector: "btg-id", name: "BTG produção", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: app.sandbox.url } }, other);
    const imported = await app.api<Flow>("POST", "/api/flows/import", { file: exported.body }, other);
    expect(imported.status).toBe(201);
    const withIds = (f: Flow, id: string) => ({ ...f.definition, steps: f.definition.steps.map((s) => ({ ...s, connectionId: id })) });
    expect(imported.body.definition).toEqual(withIds(flow, created.body.id));
    expect(imported.body.name).toBe(flow.name);
  });

  it("refuses a file that isn't a flow export, per field", async () => {
    const res = await app.api<Problem>("POST", "/api/flows/import", { file: { format: "other", name: "" } });
    expect(res.status).toBe(422);
    expect(res.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(["file.format", "file.name", "file.definition"]));
  });
});
