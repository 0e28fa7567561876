import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { renderStepMessage, type Connection, type Execution, type Flow } from "@fluxo/contracts";
import { createHttpClient, parseOutboundAllowlist } from "@fluxo/connectors";
import { ConnectionService } from "../src/connections/connection-service.js";
import { ConnectionGrantService } from "../src/oauth/connection-grants.js";
import { SecretBox, type SealedSecret } from "../src/secrets/secret-box.js";
import { sessionCookieOf, startTestApp, OWNER, testResolver, type TestApp } from "./harness.js";
import { BALANCE_PATH, callBack, connect, consentAtSandbox, createConsentConnection, SCOPES, startAuthorization } from "./oauth-consent.js";

// "Conectar com o BTG" against the real sandbox over HTTP, with real PostgreSQL: the consent, the
// refused callbacks (each storing nothing), and the refreshes (single-flight, rotated, budgeted).
describe("Authorization Code connections (PostgreSQL, real sandbox over HTTP)", () => {
  let app: TestApp;
  let box: SecretBox;
  beforeAll(async () => {
    app = await startTestApp("postgres", undefined, { env: { FLUXO_BTG_REFRESH_PER_HOUR: "4" } });
    box = new SecretBox(Buffer.from(app.encryptionKey, "base64"));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => app.server.database.pool.query<T>(text, params).then((r) => r.rows);
  const grantOf = async (connectionId: string) => (await sql<{ status: string; tokens: { access_token?: SealedSecret; refresh_token?: SealedSecret }; updatedAt: Date }>(`SELECT status, tokens, "updatedAt" FROM "OAuthGrant" WHERE "connectionId" = $1`, [connectionId]))[0] ?? null;
  const tokensOf = async (connectionId: string) => {
    const grant = await grantOf(connectionId);
    return { access: grant?.tokens.access_token ? box.open(grant.tokens.access_token) : null, refresh: grant?.tokens.refresh_token ? box.open(grant.tokens.refresh_token) : null };
  };
  const refreshesOf = async (connectionId: string) => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "OAuthRefresh" WHERE "connectionId" = $1`, [connectionId]))[0]!.n);
  /** The access token as if it were about to expire: the next step must refresh it. */
  const expireAccessToken = (connectionId: string) => sql(`UPDATE "OAuthGrant" SET "accessExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE "connectionId" = $1`, [connectionId]);
  /** BTG stops accepting an access token (RFC 7009 revocation at the sandbox) while Fluxo still holds it. */
  const revokeAccessToken = async (token: string) => {
    const revoked = await fetch(`${app.sandbox.url}/oauth2/revoke`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa("demo-client:demo-secret")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token, token_type_hint: "access_token" }).toString(),
    });
    expect(revoked.status).toBe(200);
  };
  const getConnection = async (id: string) => (await app.api<Connection>("GET", `/api/connections/${id}`)).body;

  async function balanceFlow(connectionId: string, operation: "call-api" | "get-credentials" = "call-api"): Promise<Flow> {
    const parameters = operation === "call-api" ? { method: "GET", path: BALANCE_PATH } : {};
    const { status, body } = await app.api<Flow>("POST", "/api/flows", {
      name: `Saldo ${Math.random()}`,
      description: "",
      definition: { steps: [{ id: "balance", connector: "btg-id", operation, connectionId, parameters, position: { x: 300, y: 120 } }], edges: [{ source: "trigger", target: "balance" }] },
    });
    expect(status, JSON.stringify(body)).toBe(201);
    return body;
  }
  async function run(flowId: string): Promise<Execution> {
    const started = await app.api<{ executionId: string }>("POST", `/api/flows/${flowId}/executions`, { input: { body: {} } });
    expect(started.status).toBe(202);
    return app.waitForExecution(started.body.executionId);
  }

  it("sends the person to BTG's /oauth2/authorize with state, PKCE S256 and prompt=login, to the redirect URI it shows", async () => {
    const connection = await createConsentConnection(app);
    expect(connection.authorization).toMatchObject({ status: "not_connected" });
    const config = await app.api<{ redirectUri: string }>("GET", "/api/oauth/config");
    expect(config.body.redirectUri).toBe(`${app.url}/api/oauth/callback`);

    const url = await startAuthorization(app, connection.id);
    expect(`${url.origin}${url.pathname}`).toBe(`${app.sandbox.url}/oauth2/authorize`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({ response_type: "code", client_id: "demo-client", redirect_uri: config.body.redirectUri, scope: SCOPES, code_challenge_method: "S256", prompt: "login" });
    expect(params["state"]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params["code_challenge"]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the state's hash is kept, and the verifier sealed.
    const stored = JSON.stringify(await sql(`SELECT * FROM "OAuthAuthorizationRequest" WHERE "connectionId" = $1`, [connection.id]));
    expect(stored).not.toContain(params["state"]);
  });

  it("refuses to start for a Client Credentials connection or an API key, saying what to do", async () => {
    const plain = await app.createConnection({ name: "CC" });
    const refused = await app.api<{ errors: { path: string; message: string }[] }>("POST", `/api/connections/${plain.id}/oauth/authorize`);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ path: "values.authentication" });
  });

  it("connects: the callback stores the tokens sealed and the connection shows who consented, the scopes and when the refresh token lapses", async () => {
    const connection = await createConsentConnection(app);
    const back = await connect(app, connection.id);
    expect(back.pathname).toBe("/conexoes");
    expect(Object.fromEntries(back.searchParams)).toEqual({ conexao: connection.id, oauth: "conectado" });

    const shown = await getConnection(connection.id);
    expect(shown.authorization).toMatchObject({ status: "connected", scope: expect.stringContaining("accounts.readonly"), problem: null });
    expect(shown.authorization!.subject).toBeTruthy();
    const lapses = new Date(shown.authorization!.refreshExpiresAt!).getTime() - Date.now();
    expect(lapses).toBeGreaterThan(9.9 * 24 * 3600_000);
    expect(lapses).toBeLessThanOrEqual(10 * 24 * 3600_000);

    const { access, refresh } = await tokensOf(connection.id);
    expect(access!.split(".")).toHaveLength(3);
    expect(refresh).toBeTruthy();
    // Sealed at rest, never in an answer.
    const row = JSON.stringify(await grantOf(connection.id));
    for (const token of [access!, refresh!]) {
      expect(row).not.toContain(token);
      expect(JSON.stringify(shown)).not.toContain(token);
      expect(JSON.stringify((await app.api("GET", "/api/connections")).body)).not.toContain(token);
    }
  });

  it("a Chamar API step reads the balance with the account's token, and Obter Credenciais hands out that same token, with no grant fields", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const balance = await run((await balanceFlow(connection.id)).id);
    expect(balance.status, JSON.stringify(balance.steps[0]?.error)).toBe("succeeded");
    expect(balance.steps[0]!.output).toMatchObject({ code: 200, body: { accountId: "001", currency: "BRL" } });

    const credentials = await run((await balanceFlow(connection.id, "get-credentials")).id);
    expect(credentials.status).toBe("succeeded");
    const handed = (await app.api<{ access_token: string }>("GET", `/api/executions/${credentials.id}/steps/balance/token`)).body.access_token;
    expect(handed).toBe((await tokensOf(connection.id)).access);
    expect(JSON.stringify(credentials)).not.toContain((await tokensOf(connection.id)).refresh!);
    expect(await refreshesOf(connection.id)).toBe(0); // a valid token is reused, never refreshed
  });

  describe("Testar conexão tests the connection's own grant, never client credentials", () => {
    type TestResult = { ok: boolean; message: string; error?: { code?: string } };
    const testConnection = async (id: string) => (await app.api<TestResult>("POST", `/api/connections/${id}/test`)).body;
    /** BTG's answer to a client without the client_credentials grant: any token request that isn't expected fails the test. */
    const refuseClientCredentials = () => app.sandbox.scriptFailures([{ status: 400, body: { error: "unauthorized_client", error_description: "client_credentials not allowed" } }]);
    afterEach(() => app.sandbox.scriptFailures([]));

    it("not connected yet: says to click Conectar com o BTG and asks BTG nothing", async () => {
      const connection = await createConsentConnection(app);
      const before = app.sandbox.stats().tokenRequests;
      const result = await testConnection(connection.id);
      expect(result).toMatchObject({ ok: false, error: { code: "not_connected" }, message: expect.stringContaining("Conectar com o BTG") });
      expect(app.sandbox.stats().tokenRequests).toBe(before);
    });

    it("connected: uses the account's token (a client without client credentials passes), refreshing it when due within the budget", async () => {
      const connection = await createConsentConnection(app);
      await connect(app, connection.id);
      refuseClientCredentials();
      const before = app.sandbox.stats();
      const result = await testConnection(connection.id);
      expect(result, result.message).toMatchObject({ ok: true, message: expect.stringMatching(/conectada à conta do cliente; o token de acesso vale por 2\d h.*Escopos concedidos: .*accounts\.readonly/) });
      expect(app.sandbox.stats().tokenRequests).toBe(before.tokenRequests);
      expect(await refreshesOf(connection.id)).toBe(0);

      app.sandbox.scriptFailures([]);
      await expireAccessToken(connection.id);
      expect((await testConnection(connection.id)).ok).toBe(true);
      expect(await refreshesOf(connection.id)).toBe(1);
      const after = app.sandbox.stats().tokensIssuedByGrant;
      expect(after["client_credentials"] ?? 0).toBe(before.tokensIssuedByGrant["client_credentials"] ?? 0);
      expect(after["refresh_token"]).toBe((before.tokensIssuedByGrant["refresh_token"] ?? 0) + 1);
    });

    it("Reconexão necessária says so, and unsaved values for another client have no consent to test", async () => {
      const connection = await createConsentConnection(app);
      await connect(app, connection.id);
      await fetch(`${app.sandbox.url}/_sandbox/failures`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ failures: [{ kind: "refresh-invalid-grant" }] }) });
      await expireAccessToken(connection.id);
      expect(await testConnection(connection.id)).toMatchObject({ ok: false, error: { code: "reconnect_required" }, message: expect.stringContaining("Reconexão necessária") });

      const other = await createConsentConnection(app);
      await connect(app, other.id);
      refuseClientCredentials();
      const typed = await app.api<TestResult>("POST", "/api/connections/test", { connector: "btg-id", name: "x", id: other.id, values: { ...other.values, clientId: "outro-cliente" } });
      expect(typed.body).toMatchObject({ ok: false, error: { code: "not_connected" }, message: expect.stringContaining("Conectar com o BTG") });
      const same = await app.api<TestResult>("POST", "/api/connections/test", { connector: "btg-id", name: "x", id: other.id, values: { ...other.values } });
      expect(same.body).toMatchObject({ ok: true });
    });
  });

  describe("the last test follows the consent (no stale \"Falhou\" beside Conectado)", () => {
    type LastTest = Connection["lastTest"];
    const testConnection = async (id: string) => (await app.api<NonNullable<LastTest>>("POST", `/api/connections/${id}/test`)).body;
    const lastTestOf = async (id: string) => (await getConnection(id)).lastTest;

    it("not connected yet is no failure to remember: the list shows no test beside Não conectado, and saying so at once still works", async () => {
      const connection = await createConsentConnection(app);
      // "Testar" (and the test the form runs after saving) still answers why nothing was tested...
      expect(await testConnection(connection.id)).toMatchObject({ ok: false, error: { code: "not_connected" } });
      const typed = await app.api<NonNullable<LastTest>>("POST", "/api/connections/test", { connector: "btg-id", name: "x", id: connection.id, values: { ...connection.values } });
      expect(typed.body).toMatchObject({ ok: false, error: { code: "not_connected" } });
      // ...but the connection keeps no "Falhou · not_connected": it isn't broken, only not connected yet.
      const shown = await getConnection(connection.id);
      expect(shown.authorization?.status).toBe("not_connected");
      expect(shown.lastTest).toBeNull();
    });

    it("Conectar com o BTG replaces the test before with a fresh successful one, asking BTG nothing more than the code exchange", async () => {
      const connection = await createConsentConnection(app);
      // A failed test stored before (by an older build, or a test that failed for another reason).
      const stale = { ok: false, testedAt: new Date(Date.now() - 60_000).toISOString(), durationMs: 3, message: "x", error: { kind: "connection", code: "not_connected", message: "x" } };
      await sql(`UPDATE "Connection" SET "lastTest" = $2::jsonb WHERE id = $1`, [connection.id, JSON.stringify(stale)]);
      expect((await lastTestOf(connection.id))?.ok).toBe(false);

      const before = app.sandbox.stats().tokenRequests;
      expect((await connect(app, connection.id)).searchParams.get("oauth")).toBe("conectado");
      expect(app.sandbox.stats().tokenRequests).toBe(before + 1); // the code exchange; the test read the token it gave
      expect(await refreshesOf(connection.id)).toBe(0);
      const shown = await getConnection(connection.id);
      expect(shown.authorization?.status).toBe("connected");
      expect(shown.lastTest, JSON.stringify(shown.lastTest)).toMatchObject({ ok: true, messageCode: "btg_id.test_consent_ok", message: expect.stringContaining("conectada à conta do cliente") });
      expect(shown.lastTest!.error).toBeUndefined();
      expect(Date.parse(shown.lastTest!.testedAt)).toBeGreaterThan(Date.parse(stale.testedAt));
    });

    it("Reconectar com o BTG after Reconexão necessária replaces the failed test too; Desconectar forgets the test of the consent it ends", async () => {
      const connection = await createConsentConnection(app);
      await connect(app, connection.id);
      await fetch(`${app.sandbox.url}/_sandbox/failures`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ failures: [{ kind: "refresh-invalid-grant" }] }) });
      await expireAccessToken(connection.id);
      expect(await testConnection(connection.id)).toMatchObject({ ok: false, error: { code: "reconnect_required" } });
      expect(await lastTestOf(connection.id)).toMatchObject({ ok: false, error: { code: "reconnect_required" } }); // a real failure: remembered

      await connect(app, connection.id);
      expect(await lastTestOf(connection.id)).toMatchObject({ ok: true, messageCode: "btg_id.test_consent_ok" });

      expect((await app.api<{ revoked: boolean }>("DELETE", `/api/connections/${connection.id}/oauth`)).status).toBe(200);
      const shown = await getConnection(connection.id);
      expect(shown.authorization?.status).toBe("not_connected");
      expect(shown.lastTest).toBeNull();
    });
  });

  describe("refused callbacks store nothing", () => {
    let connection: Connection;
    beforeEach(async () => {
      connection = await createConsentConnection(app);
    });
    const expectNothingStored = async () => {
      expect(await grantOf(connection.id)).toBeNull();
      expect((await getConnection(connection.id)).authorization?.status).toBe("not_connected");
    };

    it("an unknown state", async () => {
      const callback = await consentAtSandbox(await startAuthorization(app, connection.id));
      callback.searchParams.set("state", "a".repeat(43));
      const back = await callBack(app, callback);
      expect(back.searchParams.get("oauth")).toBe("unknown_state");
      await expectNothingStored();
    });

    it("an expired state (older than 10 minutes)", async () => {
      const callback = await consentAtSandbox(await startAuthorization(app, connection.id));
      await sql(`UPDATE "OAuthAuthorizationRequest" SET "expiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE "connectionId" = $1`, [connection.id]);
      const back = await callBack(app, callback);
      expect(Object.fromEntries(back.searchParams)).toEqual({ conexao: connection.id, oauth: "expired_state" });
      await expectNothingStored();
    });

    it("a wrong iss (RFC 9207)", async () => {
      const callback = await consentAtSandbox(await startAuthorization(app, connection.id));
      callback.searchParams.set("iss", "https://id.btg.example.com");
      expect((await callBack(app, callback)).searchParams.get("oauth")).toBe("wrong_issuer");
      // The request is spent: the right iss afterwards finds it used.
      callback.searchParams.set("iss", app.sandbox.url);
      expect((await callBack(app, callback)).searchParams.get("oauth")).toBe("reused_state");
      await expectNothingStored();
    });

    it("another person's session, or none", async () => {
      const callback = await consentAtSandbox(await startAuthorization(app, connection.id));
      const login = await fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) });
      const otherSession = { cookie: sessionCookieOf(login) };
      expect((await callBack(app, callback, otherSession)).searchParams.get("oauth")).toBe("other_session");
      expect((await callBack(app, callback, {})).searchParams.get("oauth")).toBe("not_signed_in");
      await expectNothingStored();
      // Left for its owner, whose session still completes it.
      expect((await callBack(app, callback)).searchParams.get("oauth")).toBe("conectado");
    });

    it("access denied at BTG's consent page", async () => {
      const back = await callBack(app, await consentAtSandbox(await startAuthorization(app, connection.id), "deny"));
      expect(Object.fromEntries(back.searchParams)).toEqual({ conexao: connection.id, oauth: "access_denied", motivo: "access_denied" });
      await expectNothingStored();
    });

    it("an unexpected failure on Fluxo's side: back to the connection with a message, never a JSON error", async () => {
      const callback = await consentAtSandbox(await startAuthorization(app, connection.id));
      // The sealed PKCE verifier can't be opened (as with a damaged row): not a refusal the flow words itself.
      await sql(`UPDATE "OAuthAuthorizationRequest" SET "codeVerifier" = '{"v":1,"iv":"x","data":"y"}'::jsonb WHERE "connectionId" = $1`, [connection.id]);
      const back = await callBack(app, callback);
      expect(back.pathname).toBe("/conexoes");
      expect(Object.fromEntries(back.searchParams)).toEqual({ conexao: connection.id, oauth: "server_error" });
      await expectNothingStored();
    });

    it("a reused state, and a code replayed with a new state", async () => {
      const other = await createConsentConnection(app);
      const first = await consentAtSandbox(await startAuthorization(app, other.id));
      expect((await callBack(app, first)).searchParams.get("oauth")).toBe("conectado");
      const stored = await grantOf(other.id);
      expect((await callBack(app, first)).searchParams.get("oauth")).toBe("reused_state");
      expect(await grantOf(other.id)).toEqual(stored);

      // The first consent's code, brought back with this connection's own fresh state.
      const fresh = await consentAtSandbox(await startAuthorization(app, connection.id));
      fresh.searchParams.set("code", first.searchParams.get("code")!);
      const back = await callBack(app, fresh);
      expect(Object.fromEntries(back.searchParams)).toEqual({ conexao: connection.id, oauth: "exchange_failed", motivo: "invalid_grant" });
      await expectNothingStored();
    });
  });

  it("20 parallel steps with a token about to expire: one refresh, the rotated refresh token stored with the new access token", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const flow = await balanceFlow(connection.id);
    const before = await tokensOf(connection.id);
    await expireAccessToken(connection.id);

    const executions = await Promise.all(Array.from({ length: 20 }, () => run(flow.id)));
    expect(executions.map((e) => e.status)).toEqual(Array(20).fill("succeeded"));
    expect(await refreshesOf(connection.id)).toBe(1);
    const after = await tokensOf(connection.id);
    expect(after.access).not.toBe(before.access);
    expect(after.refresh).not.toBe(before.refresh); // rotated, and the new one kept (the old one now revokes the family)
    expect((await getConnection(connection.id)).authorization).toMatchObject({ status: "connected", refreshedAt: expect.any(String) });
    // The stored refresh token is the live one: refreshing again works.
    await expireAccessToken(connection.id);
    expect((await run(flow.id)).status).toBe("succeeded");
    expect(await refreshesOf(connection.id)).toBe(2);
  });

  it("a 401 from the API triggers one refresh and one retry", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const { access } = await tokensOf(connection.id);
    // BTG stops accepting the access token (revoked) while Fluxo still believes it valid.
    await revokeAccessToken(access!);
    const execution = await run((await balanceFlow(connection.id)).id);
    expect(execution.status, JSON.stringify(execution.steps[0]?.error)).toBe("succeeded");
    expect(await refreshesOf(connection.id)).toBe(1);
    expect(execution.steps[0]!.attempts?.[0]?.exchanges?.map((e) => [e.label ?? null, e.status])).toEqual([
      ["API", 401],
      ["Renovação do token", 200],
      ["API", 200],
    ]);
  });

  it("a step that refreshed shows the refresh's HTTP exchange in its details, redacted", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const before = await tokensOf(connection.id);
    await expireAccessToken(connection.id);
    const execution = await run((await balanceFlow(connection.id)).id);
    expect(execution.status, JSON.stringify(execution.steps[0]?.error)).toBe("succeeded");
    const exchanges = execution.steps[0]!.attempts?.[0]?.exchanges ?? [];
    expect(exchanges.map((e) => [e.label ?? null, e.method, e.status])).toEqual([
      ["Renovação do token", "POST", 200],
      ["API", "GET", 200],
    ]);
    expect(exchanges[0]).toMatchObject({ url: `${app.sandbox.url}/oauth2/token`, requestHeaders: { Authorization: "[redacted]" } });
    const details = JSON.stringify((await app.api("GET", `/api/executions/${execution.id}`)).body);
    const after = await tokensOf(connection.id);
    for (const secret of [before.refresh!, after.refresh!, btoa("demo-client:demo-secret"), "demo-secret"]) expect(details).not.toContain(secret);
  });

  it("a 401 right after a refresh spends no second refresh: the step fails saying why", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const flow = await balanceFlow(connection.id);
    await expireAccessToken(connection.id);
    expect((await run(flow.id)).status).toBe("succeeded");
    expect(await refreshesOf(connection.id)).toBe(1);
    // BTG refuses the token the refresh just issued (revoked): refreshing again would not help.
    const { access } = await tokensOf(connection.id);
    await revokeAccessToken(access!);
    const refused = await run(flow.id);
    expect(refused.status).toBe("failed");
    expect(refused.steps[0]!.error).toMatchObject({ kind: "connection", code: "token_refused", message: expect.stringContaining("acabou de renovar") });
    const attempt = refused.steps[0]!.attempts?.[0];
    expect((attempt?.exchanges ?? [attempt?.http]).map((e) => e?.status)).toEqual([401]); // the API's refusal, and no second token request
    expect(await refreshesOf(connection.id)).toBe(1);
  });

  it("invalid_grant on refresh: the connection needs reconnecting, and the step fails saying so", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const flow = await balanceFlow(connection.id);
    await fetch(`${app.sandbox.url}/_sandbox/failures`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ failures: [{ kind: "refresh-invalid-grant" }] }) });
    await expireAccessToken(connection.id);

    const execution = await run(flow.id);
    expect(execution.status).toBe("failed");
    expect(execution.steps[0]!.error).toMatchObject({ kind: "connection", code: "reconnect_required", message: expect.stringContaining("Reconexão necessária") });
    const shown = await getConnection(connection.id);
    expect(shown.authorization).toMatchObject({ status: "reconnect_required", problem: expect.stringContaining("invalid_grant") });
    // #18 item 8: stored with its code, so the app tells it in English too.
    expect(shown.authorization).toMatchObject({ problemCode: "btg_id.refresh_refused", problemParams: { code: "invalid_grant" } });
    expect(renderStepMessage(shown.authorization!.problemCode!, shown.authorization!.problemParams!, "en")).toBe('BTG refused to renew the token (invalid_grant): click "Reconnect with BTG" on the connection.');
    // Named as the button reads in this state (the step details and the connection dialog side by side).
    expect(execution.steps[0]!.error?.message).toContain('clique em "Reconectar com o BTG"');
    expect(execution.steps[0]!.error?.message).not.toContain('"Conectar com o BTG"');
    expect((await tokensOf(connection.id)).refresh).toBeNull(); // a dead refresh token is not kept
    // Nothing is asked of BTG until someone reconnects.
    expect((await run(flow.id)).steps[0]!.error?.code).toBe("reconnect_required");
    expect(await refreshesOf(connection.id)).toBe(1);
    // Reconnecting brings it back.
    await connect(app, connection.id);
    expect((await run(flow.id)).status).toBe("succeeded");
  });

  it("never refreshes more than FLUXO_BTG_REFRESH_PER_HOUR times an hour, and says when the next is allowed", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const flow = await balanceFlow(connection.id);
    for (let i = 0; i < 4; i++) {
      await expireAccessToken(connection.id);
      expect((await run(flow.id)).status).toBe("succeeded");
    }
    await expireAccessToken(connection.id);
    const refused = await run(flow.id);
    expect(refused.status).toBe("failed");
    expect(refused.steps[0]!.error).toMatchObject({ kind: "connection", code: "refresh_budget_exhausted", message: expect.stringMatching(/FLUXO_BTG_REFRESH_PER_HOUR=4.*próxima renovação é permitida às \d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}:\d{2} UTC/) });
    expect(await refreshesOf(connection.id)).toBe(4);
  });

  it("disconnect revokes at BTG (RFC 7009) and forgets the tokens", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const { refresh } = await tokensOf(connection.id);
    const answer = await app.api<{ revoked: boolean }>("DELETE", `/api/connections/${connection.id}/oauth`);
    expect(answer.body).toMatchObject({ revoked: true });
    expect(await grantOf(connection.id)).toBeNull();
    expect((await getConnection(connection.id)).authorization?.status).toBe("not_connected");
    const reuse = await fetch(`${app.sandbox.url}/oauth2/token`, {
      method: "POST",
      headers: { authorization: `Basic ${btoa("demo-client:demo-secret")}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refresh! }).toString(),
    });
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant" });
  });

  it("changing the client or environment forgets the consent (it was given to them)", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    const renamed = await app.api<Connection>("PUT", `/api/connections/${connection.id}`, { name: "Outro nome", values: {} });
    expect(renamed.body.authorization?.status).toBe("connected");
    const moved = await app.api<Connection>("PUT", `/api/connections/${connection.id}`, { values: { clientId: "outro-cliente" } });
    expect(moved.body.authorization?.status).toBe("not_connected");
    expect(await grantOf(connection.id)).toBeNull();
  });
});

describe("refreshes across processes (PostgreSQL, real sandbox over HTTP)", () => {
  let app: TestApp;
  let box: SecretBox;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    box = new SecretBox(Buffer.from(app.encryptionKey, "base64"));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });
  const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => app.server.database.pool.query<T>(text, params).then((r) => r.rows);
  const refreshesOf = async (connectionId: string) => Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM "OAuthRefresh" WHERE "connectionId" = $1`, [connectionId]))[0]!.n);

  /** What another API or worker process holds: its own grant service (no memory shared) on the same database. */
  function anotherProcess(): ConnectionGrantService {
    const policy = { allowInsecureLoopback: true, allowlist: parseOutboundAllowlist(undefined), resolver: testResolver };
    const http = createHttpClient({ policy });
    const connections = new ConnectionService(app.server.database.prisma, http, box, policy);
    return new ConnectionGrantService(app.server.database.pool, box, http, connections, { refreshesPerHour: 10 });
  }

  it("three processes asking at once for a token about to expire: one refresh, all get the new token", async () => {
    const connection = await createConsentConnection(app);
    await connect(app, connection.id);
    await sql(`UPDATE "OAuthGrant" SET "accessExpiresAt" = (now() AT TIME ZONE 'UTC') - interval '1 minute' WHERE "connectionId" = $1`, [connection.id]);
    const processes = [anotherProcess(), anotherProcess(), anotherProcess()];
    const tokens = await Promise.all(processes.flatMap((grants) => Array.from({ length: 7 }, () => grants.accessToken(connection.id))));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(await refreshesOf(connection.id)).toBe(1);
  });

  it("Manter conectado refreshes an idle connection before its refresh token lapses, once however many processes look", async () => {
    const kept = await createConsentConnection(app, { keepConnected: "true" });
    const idle = await createConsentConnection(app);
    for (const c of [kept, idle]) {
      await connect(app, c.id);
      await sql(`UPDATE "OAuthGrant" SET "refreshExpiresAt" = (now() AT TIME ZONE 'UTC') + interval '1 day' WHERE "connectionId" = $1`, [c.id]);
    }
    const passes = await Promise.all([app.server.keepConnected.pass(), anotherProcess().keepConnected(), anotherProcess().keepConnected()]);
    expect(passes.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await refreshesOf(kept.id)).toBe(1);
    expect(await refreshesOf(idle.id)).toBe(0); // without Manter conectado it is left to lapse
    const lapses = (await app.api<Connection>("GET", `/api/connections/${kept.id}`)).body.authorization!.refreshExpiresAt!;
    expect(new Date(lapses).getTime() - Date.now()).toBeGreaterThan(9 * 24 * 3600_000);
    // Renewed: the next pass has nothing to do.
    expect(await app.server.keepConnected.pass()).toBe(0);
  });
});
