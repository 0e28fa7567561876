import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderStepMessage, type Connection, type ConnectionTestResult, type Problem } from "@fluxo/contracts";
import { startTestApp, type TestApp } from "./harness.js";

/** #18 item 9: a connection's last test is the one of its saved values, kept however it was run, and forgotten when they change. */
describe("a connection's last test", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const read = async (id: string) => (await app.api<Connection>("GET", `/api/connections/${id}`)).body;
  const testForm = (id: string, values: Record<string, unknown>) => app.api<ConnectionTestResult>("POST", "/api/connections/test", { connector: "btg-id", id, name: "x", values });

  it("keeps a form's test of the saved values, not of values still being edited", async () => {
    const connection = await app.createConnection();
    expect(connection.lastTest).toBeNull();

    const edited = await testForm(connection.id, { clientSecret: "wrong-secret" });
    expect(edited.body.ok).toBe(false);
    expect((await read(connection.id)).lastTest).toBeNull();

    const unchanged = await testForm(connection.id, { clientId: "demo-client", environmentUrl: app.sandbox.url });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.ok).toBe(true);
    expect((await read(connection.id)).lastTest).toEqual(unchanged.body);
    // #18 item 8: the success is kept with its code, so the app tells it in English too.
    expect(unchanged.body.messageCode).toBe("btg_id.test_ok");
    expect(renderStepMessage(unchanged.body.messageCode!, unchanged.body.messageParams, "en")).toMatch(/^Connection working: BTG-ID issued a token valid for 24 h \(it expires at [\d-]{10} [\d:]{5} UTC\)\.$/);
    expect(edited.body.error?.messageCode).toBe("btg_id.token_refused");
  });

  it("forgets the last test when the URL or a credential changes, not on a rename", async () => {
    const connection = await app.createConnection();
    const tested = await app.api<ConnectionTestResult>("POST", `/api/connections/${connection.id}/test`);
    expect(tested.body.ok).toBe(true);

    const renamed = await app.api<Connection>("PUT", `/api/connections/${connection.id}`, { name: "Outro nome", values: { clientId: "demo-client" } });
    expect(renamed.body.lastTest).toEqual(tested.body);

    const newSecret = await app.api<Connection>("PUT", `/api/connections/${connection.id}`, { values: { clientSecret: "wrong-secret" } });
    expect(newSecret.status).toBe(200);
    expect(newSecret.body.lastTest).toBeNull();
    const failed = await app.api<ConnectionTestResult>("POST", `/api/connections/${connection.id}/test`);
    expect(failed.body).toMatchObject({ ok: false, error: { code: "invalid_client" } });
    expect((await read(connection.id)).lastTest).toEqual(failed.body);

    const newUrl = await app.api<Connection>("PUT", `/api/connections/${connection.id}`, { values: { environmentUrl: `${app.sandbox.url}/` } });
    expect(newUrl.body.lastTest).toBeNull();
  });

  it("refuses an environment URL ending in a mistyped token path instead of calling <path>/oauth2/token, and takes the token endpoint itself", async () => {
    for (const path of ["/oauth2/tokn", "/oauth2"]) {
      const { status, body } = await app.api<Problem>("POST", "/api/connections", {
        connector: "btg-id",
        name: "Com caminho",
        values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: `${app.sandbox.url}${path}` },
      });
      expect(status, path).toBe(422);
      expect(body.errors).toEqual([{ path: "values.environmentUrl", message: expect.stringContaining(`Tire "${path}" do fim`) }]);
      expect(body.errors?.[0]?.message).toContain("sem caminho");
      const tested = await app.api<Problem>("POST", "/api/connections/test", { connector: "btg-id", name: "x", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: `${app.sandbox.url}${path}` } });
      expect(tested.status).toBe(422);
    }
    for (const url of [`${app.sandbox.url}/oauth2/token`, `${app.sandbox.url}/`]) {
      const connection = await app.createConnection({ environmentUrl: url });
      expect((await app.api<ConnectionTestResult>("POST", `/api/connections/${connection.id}/test`)).body.ok, url).toBe(true);
    }
  });
});
