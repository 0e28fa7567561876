import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, ConnectionTestResult, ConnectorMeta, Execution, Flow, FlowListItem, Page, ExecutionSummary, Problem } from "@fluxo/contracts";
import { AUTHORIZATION_DETAILS, OWNER, sessionCookieOf, startTestApp, type DatabaseKind, type TestApp } from "./harness.js";

describe.each<DatabaseKind>(["postgres", "embedded"])("API on %s", (kind) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(kind);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("answers health and the connector catalog with the pt-BR labels", async () => {
    const health = await app.api<{ status: string; database: string }>("GET", "/api/health");
    expect(health.body).toMatchObject({ status: "ok", database: kind });
    const catalog = await app.api<ConnectorMeta[]>("GET", "/api/connectors");
    const btg = catalog.body.find((c) => c.key === "btg-id")!;
    expect(btg.connectionFields.map((f) => f.label)).toEqual(["Autenticação", "ID do Cliente", "Chave Secreta do Cliente", "URL do ambiente", "URL da API", "Escopos", "Manter conectado"]);
    expect(btg.operations.map((o) => o.name)).toEqual(["Obter Credenciais", "Chamar API"]);
    const http = catalog.body.find((c) => c.key === "http")!;
    expect(http).toMatchObject({ name: "HTTP", connectionOptional: true, operations: [{ key: "request", name: "Requisição HTTP" }] });
    expect(btg.operations[0]!.name).toBe("Obter Credenciais");
    expect(btg.operations[0]!.fields.map((f) => f.label)).toContain("Grant Type");
    // This server runs no local sandbox, so it doesn't suggest one.
    const environment = (btg.connectionFields as unknown as { key: string; suggestions?: { value: string }[] }[]).find((f) => f.key === "environmentUrl")!;
    expect(environment.suggestions!.map((s) => s.value)).toEqual(["https://id.sandbox.btgpactual.com", "https://id.btgpactual.com"]);
  });

  it("words the problems every route shares in the request's language: pt-BR by default, English with Accept-Language: en", async () => {
    const english = { ...app.auth, "accept-language": "en" };
    const invalid = await app.api<Problem>("POST", "/api/flows", { name: "", description: 7 }, english);
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail).toBe("The request body has invalid fields; fix them and send it again");
    expect(invalid.body.errors).toEqual(expect.arrayContaining([{ path: "name", message: "Fill in this field." }]));
    expect(invalid.body.errors!.find((e) => e.path === "description")!.message).toMatch(/^Invalid input: expected string/);
    const portuguese = await app.api<Problem>("POST", "/api/flows", { name: "", description: 7 });
    expect(portuguese.body.detail).toBe("O corpo da requisição tem campos inválidos; corrija-os e envie de novo");
    expect(portuguese.body.errors).toEqual(expect.arrayContaining([{ path: "name", message: "Preencha este campo." }]));
    expect(portuguese.body.errors!.find((e) => e.path === "description")!.message).toMatch(/^Entrada inválida: esperava/);

    const noRoute = await app.api<Problem>("GET", "/api/nothing-here", undefined, english);
    expect(noRoute.body.detail).toMatch(/^There is no route GET \S*\/nothing-here$/);
    const notJson = await fetch(`${app.url}/api/flows`, { method: "POST", headers: { ...english, "content-type": "application/json" }, body: "{ nope" });
    expect(((await notJson.json()) as Problem).detail).toBe("The body is not valid JSON; check quotes, commas and braces");
    const signedOut = await app.api<Problem>("GET", "/api/flows", undefined, { "accept-language": "en" });
    expect(signedOut.body.detail).toMatch(/^Sign in with your e-mail and password/);
  });

  // #18 item 8: a route's own problems (not found, not published, a schedule without a flow version…) follow Accept-Language too.
  it("words a route's own problems in the request's language: what wasn't found, what to do", async () => {
    const english = { ...app.auth, "accept-language": "en" };
    const missing = await app.api<Problem>("GET", "/api/flows/no-such-flow", undefined, english);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe("The flow no-such-flow doesn't exist");
    expect((await app.api<Problem>("GET", "/api/flows/no-such-flow")).body.detail).toBe("O fluxo no-such-flow não existe");

    const flow = await app.createFlow((await app.createConnection({ name: "route problems" })).id);
    const unpublished = await app.api<Problem>("PUT", `/api/flows/${flow.id}/schedule`, { cron: "*/5 * * * *", timezone: "UTC", enabled: true }, english);
    expect(unpublished.status).toBe(409);
    expect(unpublished.body.detail).toMatch(/^The flow ".*" hasn't been published yet: the Scheduler runs the published version; publish it and schedule again$/);
    const noVersion = await app.api<Problem>("GET", `/api/flows/${flow.id}/versions/7`, undefined, english);
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.detail).toBe(`Version 7 of the flow ${flow.id} doesn't exist`);
    const portuguese = await app.api<Problem>("GET", `/api/flows/${flow.id}/versions/7`);
    expect(portuguese.body.detail).toBe(`A versão 7 do fluxo ${flow.id} não existe`);

    // A field's own words too, and nothing but path and message reaches the answer.
    const badKey = await app.api<Problem>("POST", `/api/flows/${flow.id}/executions`, { input: {} }, { ...english, "idempotency-key": "has spaces" });
    expect(badKey.status).toBe(422);
    expect(badKey.body.errors).toEqual([{ path: "headers.Idempotency-Key", message: "1 to 255 visible ASCII characters." }]);
    const badKeyPt = await app.api<Problem>("POST", `/api/flows/${flow.id}/executions`, { input: {} }, { ...app.auth, "idempotency-key": "has spaces" });
    expect(badKeyPt.body.errors).toEqual([{ path: "headers.Idempotency-Key", message: "De 1 a 255 caracteres ASCII visíveis." }]);
  });

  // #18 item 8: what stops a flow from running (the engine's checks) reads in the request's language, in the flow's
  // problems, in the 422 of run, publish and step test, and in the save that refuses a meaningless definition.
  it("tells a flow's problems in the request's language: the draft's list, and the 422s of run, publish, step test and save", async () => {
    const english = { ...app.auth, "accept-language": "en" };
    const unfinished = await app.createFlow(null as unknown as string, { grantType: "client_credentials", authorizationDetails: [{ type: "" }] });
    const draft = await app.api<Flow>("GET", `/api/flows/${unfinished.id}`, undefined, english);
    expect(draft.body.problems).toEqual([
      // Each with its code and params, so the editor tells it again when its language changes.
      { path: "definition.steps.0.connectionId", message: "choose a BTG-ID connection for the step in Properties", stepId: "credentials", field: "connectionId", messageCode: "definition.choose_connection", messageParams: { connector: "BTG-ID" } },
      { path: "definition.steps.0.parameters.authorizationDetails.0.type", message: "fill in this field", stepId: "credentials", field: "authorizationDetails.0.type", messageCode: "definition.required" },
    ]);
    expect(unfinished.problems.map((p) => p.message)).toEqual(["escolha uma conexão BTG-ID para o passo em Propriedades", "preencha este campo"]);

    const run = await app.api<Problem>("POST", `/api/flows/${unfinished.id}/executions`, { input: {} }, english);
    expect(run.status).toBe(422);
    expect(run.body.detail).toBe(
      "Can't run: the draft has 2 problems — step \"credentials\" (connectionId): choose a BTG-ID connection for the step in Properties; " +
        "step \"credentials\" (authorizationDetails.0.type): fill in this field. Fix it in the editor (the draft saves even unfinished) and try again.",
    );
    expect(run.body.errors).toEqual(draft.body.problems.map(({ messageCode: _code, messageParams: _params, ...told }) => told));
    const runPt = await app.api<Problem>("POST", `/api/flows/${unfinished.id}/executions`, { input: {} });
    expect(runPt.body.detail).toBe(
      "Não é possível executar: o rascunho tem 2 problemas — passo \"credentials\" (connectionId): escolha uma conexão BTG-ID para o passo em Propriedades; " +
        "passo \"credentials\" (authorizationDetails.0.type): preencha este campo. Corrija no editor (o rascunho é salvo mesmo incompleto) e tente de novo.",
    );
    const publish = await app.api<Problem>("POST", `/api/flows/${unfinished.id}/publish`, {}, english);
    expect(publish.status).toBe(422);
    expect(publish.body.detail).toMatch(/^Can't publish: the draft has 2 problems — step "credentials" \(connectionId\): choose a BTG-ID connection/);
    const stepTest = await app.api<Problem>("POST", `/api/flows/${unfinished.id}/steps/credentials/test`, {}, english);
    expect(stepTest.status).toBe(422);
    expect(stepTest.body.detail).toMatch(/^Can't test the step "credentials": the draft has 2 problems — /);

    const cycle = { steps: [0, 1].map((i) => ({ ...unfinished.definition.steps[0]!, id: `s${i}` })), edges: [{ source: "trigger", target: "s0" }, { source: "s0", target: "s1" }, { source: "s1", target: "s0" }] };
    const refused = await app.api<Problem>("PUT", `/api/flows/${unfinished.id}`, { definition: cycle, version: unfinished.version }, english);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toBe('Nothing was saved: step "s0": the step "s0" is in a cycle of links; remove a link so the flow has a start and an end; step "s1": the step "s1" is in a cycle of links; remove a link so the flow has a start and an end.');
    // A value only the connector's schema checks (Tempo limite out of range) is told in English too, in the draft and when a run is refused.
    const outOfRange = await app.createFlow((await app.createConnection({ name: "timeout in English" })).id, { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS, timeoutMs: 5 });
    const timeoutProblem = (await app.api<Flow>("GET", `/api/flows/${outOfRange.id}`, undefined, english)).body.problems;
    expect(timeoutProblem).toEqual([{ path: "definition.steps.0.parameters.timeoutMs", message: "Give the Timeout (ms) as a whole number of milliseconds between 1000 and 120000.", stepId: "credentials", field: "timeoutMs", messageCode: "btg_id.field.timeout", messageParams: { min: "1000", max: "120000" } }]);
    expect(outOfRange.problems[0]!.message).toBe("Informe o Tempo limite (ms) como um número inteiro de milissegundos entre 1000 e 120000.");

    // A connection's fields too.
    const connection = await app.api<Problem>("POST", "/api/connections", { connector: "btg-id", name: "x", values: { clientId: "", clientSecret: " s ", environmentUrl: "https://id.btgpactual.com/oauth2/tokn", nope: 1 } }, english);
    expect(connection.status).toBe(422);
    expect(connection.body.detail).toBe("The connection has invalid fields; fix them and save again");
    expect(connection.body.errors).toEqual(expect.arrayContaining([
      { path: "values.nope", message: 'the BTG-ID connector has no field "nope"' },
      { path: "values.clientId", message: "fill in this field" },
      { path: "values.clientSecret", message: "Take the spaces off the start or the end of the Client Secret." },
      { path: "values.environmentUrl", message: 'The Environment URL is only BTG-ID\'s address, with no path (e.g. https://id.sandbox.btgpactual.com): Fluxo calls <Environment URL>/oauth2/token. Take "/oauth2/tokn" off the end.' },
    ]));

    const refusedPt = await app.api<Problem>("PUT", `/api/flows/${unfinished.id}`, { definition: cycle, version: unfinished.version });
    expect(refusedPt.body.errors![0]).toEqual({ path: "definition.steps.0", message: 'o passo "s0" está num ciclo de ligações; remova uma ligação para que o fluxo tenha começo e fim', stepId: "s0" });
  });

  it("answers the connector catalog in English when the request asks for it (Accept-Language), the same keys and values", async () => {
    const english = await app.api<ConnectorMeta[]>("GET", "/api/connectors", undefined, { ...app.auth, "accept-language": "en-US,en;q=0.9,pt;q=0.5" });
    expect(english.headers.get("vary")).toMatch(/Accept-Language/i);
    const btg = english.body.find((c) => c.key === "btg-id")!;
    expect(btg.connectionFields.map((f) => f.label)).toEqual(["Authentication", "Client ID", "Client Secret", "Environment URL", "API URL", "Scopes", "Stay connected"]);
    expect(btg.operations.map((o) => [o.key, o.name])).toEqual([["get-credentials", "Get Credentials"], ["call-api", "Call API"]]);
    expect(english.body.find((c) => c.key === "wait")!.name).toBe("Wait");
    // Portuguese first, or a language we don't speak: pt-BR.
    for (const language of ["pt-BR,en;q=0.8", "fr-FR"]) {
      const answer = await app.api<ConnectorMeta[]>("GET", "/api/connectors", undefined, { ...app.auth, "accept-language": language });
      expect(answer.body.find((c) => c.key === "btg-id")!.connectionFields.find((f) => f.key === "clientId")!.label).toBe("ID do Cliente");
    }
  });

  describe("connections", () => {
    it("never returns a secret, and keeps it when an update omits it", async () => {
      const created = await app.createConnection({ name: "write-only" });
      expect(created.secrets).toEqual({ clientSecret: { set: true } });
      expect(JSON.stringify(created)).not.toContain("demo-secret");

      const updated = await app.api<Connection>("PUT", `/api/connections/${created.id}`, { name: "renamed", values: { clientId: "demo-client" } });
      expect(updated.status).toBe(200);
      expect(updated.body.name).toBe("renamed");
      expect(JSON.stringify(updated.body)).not.toContain("demo-secret");
      // The kept secret still works against the sandbox.
      const test = await app.api<ConnectionTestResult>("POST", `/api/connections/${created.id}/test`);
      expect(test.body.ok).toBe(true);
      const listed = await app.api<Connection[]>("GET", "/api/connections");
      expect(JSON.stringify(listed.body)).not.toContain("demo-secret");
      expect(listed.body.find((c) => c.id === created.id)?.lastTest?.ok).toBe(true);
    });

    it("answers 422 per field for missing and malformed values, saving nothing", async () => {
      const before = (await app.api<Connection[]>("GET", "/api/connections")).body.length;
      const res = await app.api<Problem>("POST", "/api/connections", { connector: "btg-id", name: "", values: { clientId: "", environmentUrl: "not a url" } });
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body.errors?.map((e) => e.path)).toEqual(["name"]);
      const res2 = await app.api<Problem>("POST", "/api/connections", { connector: "btg-id", name: "x", values: { clientId: "", environmentUrl: "not a url" } });
      const paths = res2.body.errors?.map((e) => e.path) ?? [];
      expect(paths).toEqual(expect.arrayContaining(["values.clientId", "values.clientSecret", "values.environmentUrl"]));
      expect((await app.api<Connection[]>("GET", "/api/connections")).body.length).toBe(before);
    });

    it("reports BTG's exact error when a connection test fails", async () => {
      const res = await app.api<ConnectionTestResult>("POST", "/api/connections/test", { connector: "btg-id", name: "wrong", values: { clientId: "demo-client", clientSecret: "wrong-secret", environmentUrl: app.sandbox.url } });
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.error).toMatchObject({ kind: "http_error", status: 401, code: "invalid_client" });
      expect(JSON.stringify(res.body)).not.toContain("wrong-secret");
    });

    it("refuses outbound calls to internal addresses, saying which rule refused them", async () => {
      // Typed in the form: refused before any call, on the field (bad-input.test.ts has the whole corpus).
      const res = await app.api<Problem>("POST", "/api/connections/test", { connector: "btg-id", name: "metadata", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: "https://169.254.169.254" } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: "values.environmentUrl", message: expect.stringContaining("metadados de nuvem") }]);
      // Stored before the policy changed: the call itself refuses, and the test says which rule.
      const saved = await app.createConnection({ name: "now internal" });
      await app.server.database.prisma.connection.update({ where: { id: saved.id }, data: { config: { clientId: "demo-client", environmentUrl: "https://10.1.2.3" } } });
      const insecure = await app.api<ConnectionTestResult>("POST", `/api/connections/${saved.id}/test`);
      expect(insecure.body.error).toMatchObject({ kind: "refused", code: "private" });
      expect(insecure.body.error!.message).toContain("FLUXO_OUTBOUND_ALLOWLIST");
    });

    it("refuses to delete a connection used by a flow, naming the flow, unless forced", async () => {
      const connection = await app.createConnection({ name: "in use" });
      const flow = await app.createFlow(connection.id);
      const refused = await app.api<Problem & { usedBy: { id: string; name: string }[] }>("DELETE", `/api/connections/${connection.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.usedBy).toEqual([{ id: flow.id, name: flow.name }]);
      expect(refused.body.detail).toContain(flow.name);
      expect((await app.api("DELETE", `/api/connections/${connection.id}?force=true`)).status).toBe(204);
      expect((await app.api("GET", `/api/connections/${connection.id}`)).status).toBe(404);
    });

    it("answers 404 for unknown and malformed ids", async () => {
      expect((await app.api("GET", "/api/connections/00000000-0000-0000-0000-000000000000")).status).toBe(404);
      expect((await app.api("GET", "/api/connections/not-a-uuid")).status).toBe(404);
    });
  });

  describe("flows", () => {
    it("saves an unfinished draft with its problems listed, refuses to run it naming each step and field, and refuses a malformed one", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id);
      // Unfinished: an empty required field, a connection that doesn't exist, an expression naming no step.
      const unfinished = {
        steps: [
          { id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: connection.id, parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "" }] } },
          { id: "second", connector: "btg-id", operation: "get-credentials", connectionId: "00000000-0000-0000-0000-000000000000", parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "x", locations: "{{ .steps.nope.body }}" }] } },
          { id: "third", connector: "btg-id", operation: "get-credentials", connectionId: null, parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "{{ .steps.credentials.body" }] } },
        ],
        edges: [{ source: "trigger", target: "credentials" }, { source: "credentials", target: "second" }, { source: "second", target: "third" }],
      };
      const saved = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { definition: unfinished, version: flow.version });
      expect(saved.status).toBe(200);
      expect(saved.body.version).toBe(flow.version + 1);
      const problemPaths = saved.body.problems.map((p) => p.path);
      expect(problemPaths).toEqual(
        expect.arrayContaining([
          "definition.steps.0.parameters.authorizationDetails.0.type",
          "definition.steps.1.connectionId",
          "definition.steps.1.parameters.authorizationDetails.0.locations",
          "definition.steps.2.connectionId",
          "definition.steps.2.parameters.authorizationDetails.0.type",
        ]),
      );
      expect((await app.api<Flow>("GET", `/api/flows/${flow.id}`)).body.problems).toEqual(saved.body.problems);

      // What can't run is refused when run (and published), naming each step and field; nothing starts.
      for (const path of [`/api/flows/${flow.id}/executions`, `/api/flows/${flow.id}/executions/sync`, `/api/flows/${flow.id}/publish`]) {
        const refused = await app.api<Problem>("POST", path, {});
        expect(refused.status, path).toBe(422);
        expect(refused.body.errors!.map((e) => e.path)).toEqual(problemPaths);
        expect(refused.body.detail).toMatch(/passo "credentials" \(authorizationDetails\.0\.type\)/);
        expect(refused.body.detail).toMatch(/passo "second" \(connectionId\)/);
      }
      expect((await app.api<{ total: number }>("GET", `/api/flows/${flow.id}/executions`)).body.total).toBe(0);

      // A malformed body (a step id with capitals) is refused: nothing saved.
      const malformed = { steps: [{ ...unfinished.steps[0]!, id: "Credentials" }], edges: [{ source: "trigger", target: "Credentials" }] };
      const res = await app.api<Problem>("PUT", `/api/flows/${flow.id}`, { definition: malformed });
      expect(res.status).toBe(422);
      expect(res.body.errors!.map((e) => e.path)).toContain("definition.steps.0.id");
      const stored = await app.api<Flow>("GET", `/api/flows/${flow.id}`);
      expect(stored.body.definition).toEqual(saved.body.definition);
      expect(stored.body.version).toBe(saved.body.version);
    });

    it("refuses at save only what makes a definition meaningless (cycles, missing steps, unknown connector or operation, duplicate ids); unfinished graphs save", async () => {
      const connection = await app.createConnection();
      const step = (id: string, connectionId = connection.id, more: Record<string, unknown> = {}) => ({ id, connector: "btg-id", operation: "get-credentials", connectionId, parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "t" }] }, ...more });
      const meaningless: { definition: unknown; expect: RegExp }[] = [
        { definition: { steps: [step("a"), step("b")], edges: [{ source: "trigger", target: "a" }, { source: "a", target: "b" }, { source: "b", target: "a" }] }, expect: /ciclo/ },
        { definition: { steps: [step("a"), step("a")], edges: [{ source: "trigger", target: "a" }] }, expect: /já é usado/ },
        { definition: { steps: [step("a")], edges: [{ source: "trigger", target: "a" }, { source: "a", target: "gone" }] }, expect: /"gone", que não existe/ },
        { definition: { steps: [step("a", connection.id, { connector: "nope" })], edges: [{ source: "trigger", target: "a" }] }, expect: /conector "nope" não existe/ },
        { definition: { steps: [step("a", connection.id, { operation: "nope" })], edges: [{ source: "trigger", target: "a" }] }, expect: /operação "nope" não existe/ },
      ];
      for (const c of meaningless) {
        const res = await app.api<Problem>("POST", "/api/flows", { name: "bad", definition: c.definition });
        expect(res.status, JSON.stringify(c.definition)).toBe(422);
        expect(res.body.errors!.map((e) => e.message).join(" | ")).toMatch(c.expect);
        expect(res.body.detail).toMatch(/^Nada foi salvo/);
      }
      const unfinished: { definition: unknown; expect: RegExp }[] = [
        { definition: { steps: [step("a"), step("b")], edges: [{ source: "trigger", target: "a" }] }, expect: /não está ligado ao Início/ },
        { definition: { steps: [step("a", "00000000-0000-0000-0000-000000000000")], edges: [{ source: "trigger", target: "a" }] }, expect: /não existe mais/ },
      ];
      for (const c of unfinished) {
        const res = await app.api<Flow>("POST", "/api/flows", { name: "draft", definition: c.definition });
        expect(res.status, JSON.stringify(c.definition)).toBe(201);
        expect(res.body.problems.map((e) => e.message).join(" | ")).toMatch(c.expect);
      }
    });

    it("lists, renames, duplicates and deletes flows; a stale version answers 409", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id);
      const renamed = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { name: "Renomeado" });
      expect(renamed.body.name).toBe("Renomeado");
      // Saving nothing new changes nothing: not the counter, not when or by whom it was saved.
      const same = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { definition: flow.definition, version: flow.version });
      expect(same.body).toMatchObject({ version: flow.version, savedAt: flow.savedAt, savedBy: flow.savedBy });
      const changed = { ...flow.definition, steps: flow.definition.steps.map((s) => ({ ...s, description: "mudou" })) };
      const saved = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { definition: changed, version: flow.version });
      expect(saved.body.version).toBe(flow.version + 1);
      expect(Date.parse(saved.body.savedAt)).toBeGreaterThan(Date.parse(flow.savedAt));
      expect(saved.body.savedBy?.name).toBeTruthy();
      const stale = await app.api<Problem>("PUT", `/api/flows/${flow.id}`, { definition: flow.definition, version: flow.version });
      expect(stale.status).toBe(409);
      const copy = await app.api<Flow>("POST", `/api/flows/${flow.id}/duplicate`);
      expect(copy.status).toBe(201);
      expect(copy.body.name).toBe("Renomeado (cópia)");
      expect(copy.body.definition).toEqual(saved.body.definition);
      const list = await app.api<FlowListItem[]>("GET", "/api/flows");
      expect(list.body.find((f) => f.id === flow.id)).toMatchObject({ stepCount: 1 });
      expect((await app.api("DELETE", `/api/flows/${copy.body.id}`)).status).toBe(204);
      expect((await app.api("GET", `/api/flows/${copy.body.id}`)).status).toBe(404);
    });

    it("keeps a step's free-text name beside its id; a definition without names (saved before them) still loads and saves", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id);
      expect(flow.definition.steps[0]).not.toHaveProperty("name");
      const named = { ...flow.definition, steps: flow.definition.steps.map((s) => ({ ...s, name: "  Obter credenciais!  " })) };
      const saved = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { definition: named, version: flow.version });
      expect(saved.status).toBe(200);
      const read = await app.api<Flow>("GET", `/api/flows/${flow.id}`);
      expect(read.body.definition.steps[0]).toMatchObject({ id: flow.definition.steps[0]!.id, name: "Obter credenciais!" });
      const tooLong = { ...flow.definition, steps: flow.definition.steps.map((s) => ({ ...s, name: "x".repeat(121) })) };
      const refused = await app.api<Problem>("PUT", `/api/flows/${flow.id}`, { definition: tooLong, version: saved.body.version });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toContainEqual(expect.objectContaining({ path: "definition.steps.0.name", message: "Use no máximo 120 caracteres." }));
    });
  });

  describe("executions", () => {
    it("runs a flow: the JWT verifies against the sandbox's JWKS and carries the step's authorization_details", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id);
      const trigger = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, { input: { body: { account: "123" } } });
      expect(trigger.status).toBe(202);
      const execution = await app.waitForExecution(trigger.body.executionId);
      expect(execution.status).toBe("succeeded");
      expect(execution.flowVersion).toBe(flow.version);
      expect(execution.definition).toEqual(flow.definition);
      const [step] = execution.steps;
      expect(step).toMatchObject({ stepId: "credentials", status: "succeeded", attempt: 1, error: null });
      expect(step!.durationMs).toBeGreaterThanOrEqual(0);
      expect(step!.output!.code).toBe(200);
      const body = step!.output!.body as { access_token: string; token_type: string; expires_in: number; authorization_details: unknown };
      expect(body).toMatchObject({ token_type: "Bearer", expires_in: 86400, authorization_details: AUTHORIZATION_DETAILS });
      // The execution shows the token without its signature; the whole one only at the reveal endpoint.
      expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: "RS256", typ: "at+jwt" });
      expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.$/);
      const revealed = await app.api<{ access_token: string }>("GET", `/api/executions/${execution.id}/steps/credentials/token`);
      expect(revealed.body.access_token.startsWith(body.access_token)).toBe(true);
      const { payload } = await jwtVerify(revealed.body.access_token, createRemoteJWKSet(new URL(app.sandbox.jwksUrl)), { issuer: app.sandbox.url });
      expect(payload.authorization_details).toEqual(AUTHORIZATION_DETAILS);
      expect(payload.client_id).toBe("demo-client");
      expect(step!.input).toMatchObject({ grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS });
      expect(step!.http).toMatchObject({ method: "POST", status: 200 });
      expect(JSON.stringify(step!.http)).not.toContain("demo-secret");
      expect(JSON.stringify(execution)).not.toContain("demo-secret");
    });

    it("resolves expressions from the trigger input just before the step runs", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id, {
        grantType: "client_credentials",
        authorizationDetails: [{ type: "{{ .input.body.kind }}", resource: "accounts/{{ .input.body.account }}", locations: "{{ .input.body.locations }}", privileges: ["read", "{{ index .input.headers \"x-privilege\" }}"] }],
      });
      const trigger = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {
        input: { body: { kind: "payments", account: "42", locations: ["https://a.example", "https://b.example"] }, headers: { "x-privilege": "write" } },
      });
      const execution = await app.waitForExecution(trigger.body.executionId);
      expect(execution.status).toBe("succeeded");
      const expected = [{ type: "payments", resource: "accounts/42", locations: ["https://a.example", "https://b.example"], privileges: ["read", "write"] }];
      expect((execution.steps[0]!.output!.body as { authorization_details: unknown }).authorization_details).toEqual(expected);
      expect(execution.steps[0]!.input).toMatchObject({ authorizationDetails: expected });
    });

    it("fails the step with BTG's error when the secret is wrong, and skips the steps after it", async () => {
      const connection = await app.createConnection({ clientSecret: "wrong-secret" });
      const second = { id: "again", connector: "btg-id", operation: "get-credentials", connectionId: connection.id, parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "t" }] }, position: { x: 600, y: 120 } };
      const flow = await app.createFlow(connection.id, undefined, [second]);
      const trigger = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {});
      const execution = await app.waitForExecution(trigger.body.executionId);
      expect(execution.status).toBe("failed");
      expect(execution.steps.map((s) => s.status)).toEqual(["failed", "skipped"]);
      expect(execution.steps[0]!.error).toMatchObject({ kind: "http_error", status: 401, code: "invalid_client" });
      expect(execution.steps[0]!.durationMs).not.toBeNull();
      expect(execution.error?.message).toContain("credentials");
      expect(JSON.stringify(execution)).not.toContain("wrong-secret");
    });

    it("fails an expression that names a missing path, naming it", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id, { grantType: "client_credentials", authorizationDetails: [{ type: "{{ .input.body.conta }}" }] });
      const trigger = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, { input: { body: {} } });
      const execution = await app.waitForExecution(trigger.body.executionId);
      expect(execution.steps[0]!.error).toMatchObject({ kind: "expression" });
      expect(execution.steps[0]!.error!.message).toContain(".input.body.conta");
    });

    // #18 item 8: an expression that doesn't parse is a draft's problem told by the parser's own code.
    it("tells an expression that doesn't parse in the request's language: the draft's problems and the run's 422", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id, { grantType: "client_credentials", authorizationDetails: [{ type: "{{ .input.body.conta " }] });
      const english = { ...app.auth, "accept-language": "en" };
      const problem = {
        path: "definition.steps.0.parameters.authorizationDetails.0.type",
        stepId: "credentials",
        field: "authorizationDetails.0.type",
        messageCode: "expression.positioned",
        messageParams: { position: { code: "expression.column", params: { column: 22 } }, reason: { code: "expression.expected_close" } },
      };
      expect((await app.api<Flow>("GET", `/api/flows/${flow.id}`, undefined, english)).body.problems).toEqual([{ ...problem, message: "column 22: expected '}}'" }]);
      expect((await app.api<Flow>("GET", `/api/flows/${flow.id}`)).body.problems).toEqual([{ ...problem, message: "coluna 22: esperava '}}'" }]);
      const run = await app.api<Problem>("POST", `/api/flows/${flow.id}/executions`, { input: {} }, english);
      expect(run.status).toBe(422);
      expect(run.body.detail).toContain(`step "credentials" (authorizationDetails.0.type): column 22: expected '}}'`);
      expect(run.body.detail).not.toMatch(/coluna|esperava/);
    });

    it("runs the draft as saved now, also when another process saved or deleted it since the last run", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id);
      const run = async () => app.waitForExecution((await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {})).body.executionId);
      const grantedTypes = (execution: Execution) => (execution.steps[0]!.output!.body as { authorization_details: { type: string }[] }).authorization_details.map((d) => d.type);
      const withType = (type: string) => ({ ...flow.definition, steps: flow.definition.steps.map((step) => ({ ...step, parameters: { ...step.parameters, authorizationDetails: [{ type }] } })) });
      expect(grantedTypes(await run())).toEqual(["account_information"]);

      const saved = await app.api<Flow>("PUT", `/api/flows/${flow.id}`, { definition: withType("payments"), version: flow.version });
      const afterSave = await run();
      expect(afterSave.flowVersion).toBe(saved.body.version);
      expect(grantedTypes(afterSave)).toEqual(["payments"]);

      // As a second API instance would: straight to the database, so this process was not told.
      await app.server.database.prisma.flow.update({ where: { id: flow.id }, data: { definition: withType("accounts"), version: { increment: 1 } } });
      const afterOtherSave = await run();
      expect(afterOtherSave.flowVersion).toBe(saved.body.version + 1);
      expect(grantedTypes(afterOtherSave)).toEqual(["accounts"]);

      await app.server.database.prisma.flow.delete({ where: { id: flow.id } });
      const gone = await app.api<Problem>("POST", `/api/flows/${flow.id}/executions`, {});
      expect(gone.status).toBe(404);
      expect(await app.server.database.prisma.execution.count({ where: { flowId: flow.id } })).toBe(0);
    });

    it("lists a flow's executions newest first, paginated", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { body } = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {});
        await app.waitForExecution(body.executionId);
        ids.push(body.executionId);
      }
      const page1 = await app.api<Page<ExecutionSummary>>("GET", `/api/flows/${flow.id}/executions?limit=2`);
      expect(page1.body.total).toBe(3);
      expect(page1.body.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
      const page2 = await app.api<Page<ExecutionSummary>>("GET", `/api/flows/${flow.id}/executions?limit=2&offset=2`);
      expect(page2.body.items.map((e) => e.id)).toEqual([ids[0]]);
      expect((await app.api<Problem>("GET", `/api/flows/${flow.id}/executions?limit=0`)).status).toBe(422);
      const flowRead = await app.api<Flow>("GET", `/api/flows/${flow.id}`);
      expect(flowRead.body.lastExecution?.id).toBe(ids[2]);
    });

    it("rejects a malformed trigger body with per-field errors", async () => {
      const connection = await app.createConnection();
      const flow = await app.createFlow(connection.id);
      const res = await app.api<Problem>("POST", `/api/flows/${flow.id}/executions`, { input: { headers: { a: 1 } } });
      expect(res.status).toBe(422);
      expect(res.body.errors?.[0]?.path).toBe("input.headers.a");
      const raw = await fetch(`${app.url}/api/flows/${flow.id}/executions`, { method: "POST", headers: { ...app.auth, "content-type": "application/json" }, body: "{not json" });
      expect(raw.status).toBe(400);
      expect(((await raw.json()) as Problem).detail).toMatch(/JSON/);
    });
  });

  it("keeps running flows after the database connection is replaced", async () => {
    // The embedded database keeps one backend session across connections, prepared statements included.
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    const run = () => app.api<{ status: string }>("POST", `/api/flows/${flow.id}/executions/sync`, {});
    expect((await run()).body.status).toBe("succeeded");
    const client = await app.server.database.pool.connect();
    client.release(true); // destroyed: the pool opens a new connection for the next query
    // Polled: the embedded server takes one connection at a time and may not have let go of the old one yet.
    await expect.poll(async () => (await run()).body.status, { timeout: 10_000 }).toBe("succeeded");
    // A new session is checked with a query (not remembered yet), on the new connection too.
    const login = await fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: OWNER.email, password: OWNER.password }) });
    expect((await app.api<{ status: string }>("POST", `/api/flows/${flow.id}/executions/sync`, {}, { cookie: sessionCookieOf(login) })).body.status).toBe("succeeded");
  });

  it("reads an execution after a restart", async () => {
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    const { body } = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, {});
    await app.waitForExecution(body.executionId);
    await app.restart();
    const execution = await app.api<Execution>("GET", `/api/executions/${body.executionId}`);
    expect(execution.body.status).toBe("succeeded");
  });
});
