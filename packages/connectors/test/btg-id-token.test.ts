import { DEMO_CLIENT, startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import { renderStepMessage, type StepResult } from "@fluxo/contracts";
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { btgId, createHttpClient, getOperation, type HttpClient, type OperationDefinition } from "../src/index.js";
import { btgConnection, closedPort, recorder, stepErrorOf, noEvaluate } from "./support.js";

const http = createHttpClient();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

const operation = getOperation("btg-id", "get-credentials") as OperationDefinition;

function demoConnection(environmentUrl = sandbox.url, clientSecret = DEMO_CLIENT.clientSecret) {
  return btgConnection({ clientId: DEMO_CLIENT.clientId, clientSecret, environmentUrl });
}

/** Resolved parameters go through the operation's schema first, as the engine does. */
function runStep(rawParameters: unknown, connection = demoConnection(), options: { signal?: AbortSignal } = {}) {
  const rec = recorder();
  const sentForms: URLSearchParams[] = [];
  const watchedHttp: HttpClient = (request) => {
    sentForms.push(new URLSearchParams(String(request.body)));
    return http(request);
  };
  const parameters: unknown = operation.parameters.parse(rawParameters);
  const result = operation.run({
    parameters,
    connection,
    http: watchedHttp,
    signal: options.signal ?? new AbortController().signal,
    evaluate: noEvaluate,
    recordHttp: rec.recordHttp,
  });
  return { result, summaries: rec.summaries, sentForms };
}

async function verifiedClaims(result: StepResult) {
  const body = result.body as { access_token: string };
  const { payload } = await jwtVerify(body.access_token, createRemoteJWKSet(new URL(sandbox.jwksUrl)), {
    issuer: sandbox.url,
    typ: "at+jwt",
  });
  return payload;
}

describe("get-credentials against the BTG-ID sandbox", () => {
  it("obtains a token whose authorization_details claim is what the parameters said, blank optional fields left out", async () => {
    const { result, summaries } = runStep({
      grantType: "client_credentials",
      authorizationDetails: [
        { type: "  account ", resource: " 001234-5 ", locations: ["https://api.btgpactual.com/accounts", "  "], privileges: [] },
        { type: "payments", resource: "", locations: [], privileges: ["read", " write "] },
      ],
    });
    const output = await result;

    expect(output.code).toBe(200);
    expect(output.headers["content-type"]).toBe("application/json");
    const body = output.body as Record<string, unknown>;
    expect(body["token_type"]).toBe("Bearer");
    expect(body["expires_in"]).toBe(86400);
    expect(decodeProtectedHeader(body["access_token"] as string)).toMatchObject({ alg: "RS256", typ: "at+jwt" });

    const expectedDetails = [
      { type: "account", resource: "001234-5", locations: ["https://api.btgpactual.com/accounts"] },
      { type: "payments", privileges: ["read", "write"] },
    ];
    const claims = await verifiedClaims(output);
    expect(claims["client_id"]).toBe(DEMO_CLIENT.clientId);
    // toStrictEqual: an omitted field and a field sent as undefined/""/[] must differ.
    expect(claims["authorization_details"]).toStrictEqual(expectedDetails);
    expect(body["authorization_details"]).toStrictEqual(expectedDetails);

    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      method: "POST",
      url: sandbox.tokenUrl,
      status: 200,
      requestHeaders: { Authorization: "[redacted]", Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(summaries[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("sends RFC 9396's other common fields (actions, datatypes, identifier) when they are filled", async () => {
    const output = await runStep({
      authorizationDetails: [{ type: "account_information", actions: ["list_accounts", " read_balances "], datatypes: ["balances"], identifier: " acc-1 ", privileges: [] }],
    }).result;
    const expected = [{ type: "account_information", actions: ["list_accounts", "read_balances"], datatypes: ["balances"], identifier: "acc-1" }];
    expect((await verifiedClaims(output))["authorization_details"]).toStrictEqual(expected);
  });

  it("sends scope only when it is set", async () => {
    const withScope = await runStep({ authorizationDetails: [{ type: "account" }], scope: " apps extra " }).result;
    expect((withScope.body as { scope: string }).scope).toBe("apps extra");
    expect((await verifiedClaims(withScope))["scope"]).toBe("apps extra");

    const blank = runStep({ authorizationDetails: [{ type: "account" }], scope: "   " });
    expect(((await blank.result).body as { scope: string }).scope).toBe("apps");
    expect([...blank.sentForms[0]!.keys()]).toEqual(["grant_type", "authorization_details"]);
  });

  it("grants several entries, in order", async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({ type: `type-${i}`, privileges: [`p${i}`] }));
    const output = await runStep({ authorizationDetails: entries }).result;
    expect((await verifiedClaims(output))["authorization_details"]).toStrictEqual(entries);
  });

  it.each([
    ["the base URL", (sb: Sandbox) => sb.url],
    ["the base URL with a trailing slash", (sb: Sandbox) => `${sb.url}/`],
    ["the token URL", (sb: Sandbox) => sb.tokenUrl],
    ["the token URL with a trailing slash", (sb: Sandbox) => `${sb.tokenUrl}/`],
  ])("accepts the environment given as %s", async (_label, environmentUrl) => {
    const url = environmentUrl(sandbox);
    expect(btgId.connection.safeParse({ ...demoConnection(url).values, ...demoConnection(url).secrets }).success).toBe(true);
    const { result, summaries } = runStep({ authorizationDetails: [{ type: "account" }] }, demoConnection(url));
    expect((await result).code).toBe(200);
    expect(summaries[0]?.url).toBe(sandbox.tokenUrl);
    expect(sandbox.stats().tokensIssued).toBe(1);
  });

  it("form-urlencodes id and secret before base64 (RFC 6749 §2.3.1)", async () => {
    const client = { clientId: "cliente 01", clientSecret: "s3cr:t+&=%/ ~" };
    const special = await startSandbox({ clients: [client] });
    try {
      const connection = btgConnection({ ...client, environmentUrl: special.url });
      const output = await runStep({ authorizationDetails: [{ type: "account" }] }, connection).result;
      expect((await jwtVerify((output.body as { access_token: string }).access_token, createRemoteJWKSet(new URL(special.jwksUrl)))).payload["client_id"]).toBe(client.clientId);
    } finally {
      await special.close();
    }
  });
});

describe("get-credentials failures", () => {
  it("401 invalid_client → http_error telling to check the connection's credentials", async () => {
    const wrongSecret = "wrong-secret-value";
    const { result, summaries } = runStep({ authorizationDetails: [{ type: "account" }] }, demoConnection(sandbox.url, wrongSecret));
    const info = await stepErrorOf(result);
    expect(info).toMatchObject({ kind: "http_error", status: 401, code: "invalid_client", description: "client authentication failed" });
    expect(info.message).toContain("Confira o ID do Cliente e a Chave Secreta do Cliente na conexão");
    expect(JSON.stringify([info, summaries])).not.toContain(wrongSecret);
    expect(summaries[0]?.status).toBe(401);
  });

  it("400 invalid_authorization_details → http_error pointing at the entries", async () => {
    // The parameters schema would not let this through; the server must still be heard.
    const rec = recorder();
    const parameters = { grantType: "client_credentials", authorizationDetails: [{ type: "account", locations: [7] }], timeoutMs: 5000 };
    const info = await stepErrorOf(
      operation.run({ parameters, connection: demoConnection(), http, signal: new AbortController().signal, recordHttp: rec.recordHttp, evaluate: noEvaluate }),
    );
    expect(info).toMatchObject({ kind: "http_error", status: 400, code: "invalid_authorization_details" });
    expect(info.description).toContain("authorization_details[0].locations");
    expect(info.message).toContain("Confira Type, Resource, Locations e Privileges");
  });

  it("400 invalid_grant (an unknown refresh token) → http_error saying to get a new one", async () => {
    const info = await stepErrorOf(
      runStep({ grantType: "refresh_token", refreshToken: "rt-123", authorizationDetails: [{ type: "account" }] }).result,
    );
    expect(info).toMatchObject({ kind: "http_error", status: 400, code: "invalid_grant" });
    expect(info.message).toContain("obtenha um novo");
  });

  it("400 unsupported_grant_type → http_error naming the Grant Type", async () => {
    sandbox.scriptFailures([{ status: 400, body: { error: "unsupported_grant_type", error_description: "grant_type \"refresh_token\" is not supported" } }]);
    const info = await stepErrorOf(
      runStep({ grantType: "refresh_token", refreshToken: "rt-123", authorizationDetails: [{ type: "account" }] }).result,
    );
    expect(info).toMatchObject({ kind: "http_error", status: 400, code: "unsupported_grant_type" });
    expect(info.message).toContain("Grant Type");
  });

  it("503 → http_error saying to try again later", async () => {
    sandbox.scriptFailures([{ status: 503, body: { error: "temporarily_unavailable" } }, { status: 503, body: {} }]);
    const withCode = await stepErrorOf(runStep({ authorizationDetails: [{ type: "account" }] }).result);
    expect(withCode).toMatchObject({ kind: "http_error", status: 503, code: "temporarily_unavailable" });
    expect(withCode.message).toContain("tente de novo em alguns minutos");

    const bare = await stepErrorOf(runStep({ authorizationDetails: [{ type: "account" }] }).result);
    expect(bare).toStrictEqual({
      kind: "http_error",
      status: 503,
      message: "O BTG-ID respondeu 503. O serviço está com problemas: tente de novo em alguns minutos.",
      messageCode: "btg_id.status",
      messageParams: { status: 503, advice: { code: "btg_id.advice.service_trouble" } },
    });
  });

  it("an HTML error page → invalid_response with the status", async () => {
    sandbox.scriptFailures([{ kind: "non-json", status: 502 }]);
    const info = await stepErrorOf(runStep({ authorizationDetails: [{ type: "account" }] }).result);
    expect(info).toMatchObject({ kind: "invalid_response", status: 502 });
    expect(info.message).toContain("não é JSON");
  });

  it("200 JSON without access_token → invalid_response", async () => {
    sandbox.scriptFailures([{ status: 200, body: { token_type: "Bearer" } }]);
    const info = await stepErrorOf(runStep({ authorizationDetails: [{ type: "account" }] }).result);
    expect(info).toMatchObject({ kind: "invalid_response", status: 200 });
    expect(info.message).toContain("sem um access_token");
  });

  it("a reset connection → network", async () => {
    sandbox.scriptFailures([{ kind: "reset" }]);
    const { result, summaries } = runStep({ authorizationDetails: [{ type: "account" }] });
    const info = await stepErrorOf(result);
    expect(info).toMatchObject({ kind: "network", code: "ECONNRESET" });
    expect(summaries[0]).toMatchObject({ status: null, responseHeaders: {} });
  });

  it("a refused connection (closed port) → network ECONNREFUSED", async () => {
    const port = await closedPort();
    const info = await stepErrorOf(runStep({ authorizationDetails: [{ type: "account" }] }, demoConnection(`http://127.0.0.1:${port}`)).result);
    expect(info).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
    expect(info.message).toContain(`127.0.0.1:${port}`);
    expect(info.message).toContain("Confira a URL do ambiente");
  });

  it("no answer within Tempo limite → timeout with the limit in ms", async () => {
    sandbox.scriptFailures([{ kind: "hang" }]);
    const started = performance.now();
    const { result, summaries } = runStep({ authorizationDetails: [{ type: "account" }], timeoutMs: 1000 });
    const info = await stepErrorOf(result);
    expect(info.kind).toBe("timeout");
    expect(info.message).toContain("1000 ms");
    expect(performance.now() - started).toBeLessThan(5000);
    expect(summaries[0]?.status).toBeNull();
    expect(summaries[0]?.durationMs).toBeGreaterThanOrEqual(900);
  });

  it("the engine's cancellation rejects with its own reason, not a StepError", async () => {
    sandbox.scriptFailures([{ kind: "hang" }]);
    const controller = new AbortController();
    const cancelled = new Error("execution cancelled");
    const { result } = runStep({ authorizationDetails: [{ type: "account" }] }, demoConnection(), { signal: controller.signal });
    setTimeout(() => controller.abort(cancelled), 50);
    await expect(result).rejects.toBe(cancelled);
  });

  it("an incomplete connection → kind connection, without calling the service", async () => {
    const connection = demoConnection("ftp://example.com");
    const info = await stepErrorOf(runStep({ authorizationDetails: [{ type: "account" }] }, connection).result);
    expect(info.kind).toBe("connection");
    expect(info.fields?.map((f) => f.path)).toEqual(["environmentUrl"]);
    expect(sandbox.stats().tokenRequests).toBe(0);
  });

  it("never lets the secret, the Authorization header or a token reach an error or the HTTP summary", async () => {
    const secret = DEMO_CLIENT.clientSecret;
    const basic = Buffer.from(`${DEMO_CLIENT.clientId}:${secret}`).toString("base64");
    const issued = await runStep({ authorizationDetails: [{ type: "account" }] }).result;
    const token = (issued.body as { access_token: string }).access_token;

    sandbox.scriptFailures([
      // A server that echoes what it got must not make us repeat it.
      { status: 400, body: { error: "invalid_request", error_description: `bad credentials ${DEMO_CLIENT.clientId}:${secret} (${basic}) ${secret}` } },
      { status: 503, body: { error: "temporarily_unavailable" } },
      { kind: "non-json", status: 502 },
      { status: 200, body: { token: "x" } },
      { kind: "reset" },
      { kind: "hang" },
    ]);
    const infos = [];
    const summaries = [];
    for (const timeoutMs of [5000, 5000, 5000, 5000, 5000, 1000]) {
      const step = runStep({ authorizationDetails: [{ type: "account" }], timeoutMs });
      infos.push(await stepErrorOf(step.result));
      summaries.push(...step.summaries);
    }
    infos.push(await stepErrorOf(runStep({ authorizationDetails: [{ type: "account" }] }, demoConnection(sandbox.url, "another-wrong-secret")).result));
    infos.push(await stepErrorOf(btgId.testConnection({ connection: demoConnection(sandbox.url, "another-wrong-secret"), http, signal: new AbortController().signal })));

    expect(infos.map((i) => i.kind)).toEqual(["http_error", "http_error", "invalid_response", "invalid_response", "network", "timeout", "http_error", "http_error"]);
    expect(infos[0]?.description).toContain("[redacted]");
    expect(summaries).toHaveLength(6);
    const everything = JSON.stringify({ infos, summaries });
    for (const leaked of [secret, basic, "Basic ", token, "another-wrong-secret"]) {
      expect(everything).not.toContain(leaked);
    }
  });
});

describe("token requests of one connection", () => {
  it("send the headers worked out once for the loaded connection, and an edited connection's own", async () => {
    const sent: Record<string, string>[] = [];
    const watchedHttp: HttpClient = (request) => {
      sent.push(request.headers!);
      return http(request);
    };
    const parameters: unknown = operation.parameters.parse({ grantType: "client_credentials", authorizationDetails: [{ type: "account_information" }] });
    const run = (connection: ReturnType<typeof demoConnection>) => {
      const rec = recorder();
      return { result: operation.run({ parameters, connection, http: watchedHttp, signal: new AbortController().signal, evaluate: noEvaluate, recordHttp: rec.recordHttp }), summaries: rec.summaries };
    };
    const loaded = demoConnection();
    const first = run(loaded);
    await first.result;
    await run(loaded).result;
    expect(sent[1]).toBe(sent[0]);
    expect(sent[0]!["Authorization"]).toBe(`Basic ${btoa(`${DEMO_CLIENT.clientId}:${DEMO_CLIENT.clientSecret}`)}`);
    expect(first.summaries[0]!.requestHeaders["Authorization"]).toBe("[redacted]");

    const edited = run(demoConnection(sandbox.url, "another-secret"));
    expect(await stepErrorOf(edited.result)).toMatchObject({ status: 401, code: "invalid_client" });
    expect(sent[2]!["Authorization"]).toBe(`Basic ${btoa(`${DEMO_CLIENT.clientId}:another-secret`)}`);
  });
});

describe("testConnection", () => {
  it("asks for a client_credentials token with no authorization_details and tells its expiry", async () => {
    const sentBodies: (string | undefined)[] = [];
    const watchedHttp: HttpClient = (request) => {
      sentBodies.push(request.body === undefined ? undefined : String(request.body));
      return http(request);
    };
    const success = await btgId.testConnection({ connection: demoConnection(), http: watchedHttp, signal: new AbortController().signal });
    expect(sentBodies).toEqual(["grant_type=client_credentials"]);
    expect(success.message).toMatch(/^Conexão funcionando: o BTG-ID emitiu um token válido por 24 h \(expira em \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)\.$/);
    // The same success in English, from its code (the date and the duration read the same in both).
    expect(renderStepMessage(success.messageCode!, success.messageParams, "en")).toMatch(/^Connection working: BTG-ID issued a token valid for 24 h \(it expires at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)\.$/);
    expect(sandbox.stats()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
  });

  it("reports the lifetime the server gives", async () => {
    const shortLived = await startSandbox({ tokenTtlSeconds: 5400 });
    try {
      const { message } = await btgId.testConnection({ connection: demoConnection(shortLived.url), http, signal: new AbortController().signal });
      expect(message).toContain("válido por 1 h 30 min");
    } finally {
      await shortLived.close();
    }
  });

  it("throws a StepError like a step when the credentials are wrong", async () => {
    const info = await stepErrorOf(btgId.testConnection({ connection: demoConnection(sandbox.url, "nope-nope"), http, signal: new AbortController().signal }));
    expect(info).toMatchObject({ kind: "http_error", status: 401, code: "invalid_client" });
    expect(info.message).toContain("Chave Secreta do Cliente");
  });
});
