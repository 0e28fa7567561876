import { renderStepMessage } from "@fluxo/contracts";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_CLIENT, startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { btgId, createHttpClient, getOperation, type OperationDefinition, type OutboundPolicy } from "../src/index.js";
import { encodeBasicCredentials } from "../src/btg-id/token-request.js";
import { closedPort, btgConnection, recorder, stepErrorOf, noEvaluate } from "./support.js";
import { tableResolver, useLoopbackOnlyNetwork } from "./outbound-support.js";

const network = useLoopbackOnlyNetwork();
const operation = getOperation("btg-id", "get-credentials") as OperationDefinition;
const SECRET = "s3cret-Value-that-must-not-leak";

let sandbox: Sandbox;
let redirector: Server;
let redirectorUrl: string;
const redirectorHits: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  redirector = createServer((req, res) => {
    redirectorHits.push(req.url ?? "");
    res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data/iam/security-credentials/" }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  redirector.closeAllConnections();
  await new Promise<void>((resolve) => redirector.close(() => resolve()));
});

function policyClient(policy: Partial<OutboundPolicy>) {
  const resolver = tableResolver({ "metadata.example": ["169.254.169.254"], "btg.intranet.test": ["10.20.0.5"], "sandbox.test": ["127.0.0.1"] });
  return { http: createHttpClient({ policy: { allowInsecureLoopback: false, allowlist: [], resolver, ...policy } }), resolver };
}

function runStep(http: ReturnType<typeof createHttpClient>, environmentUrl: string, clientSecret = SECRET) {
  const rec = recorder();
  const result = operation.run({
    parameters: operation.parameters.parse({ grantType: "client_credentials", authorizationDetails: [{ type: "account" }] }),
    connection: btgConnection({ clientId: DEMO_CLIENT.clientId, clientSecret, environmentUrl }),
    http,
    signal: new AbortController().signal,
    evaluate: noEvaluate,
    recordHttp: rec.recordHttp,
  });
  return { result, summaries: rec.summaries };
}

describe("BTG-ID behind the outbound policy", () => {
  it("a refused URL do ambiente fails the step with kind refused, the rule as code, and what to do", async () => {
    const { http } = policyClient({});
    const { result, summaries } = runStep(http, "https://metadata.example");
    const info = await stepErrorOf(result);
    expect(info).toEqual({
      kind: "refused",
      code: "metadata",
      message:
        'O Fluxo não chama a URL do ambiente metadata.example: o endereço 169.254.169.254 de "metadata.example" é de metadados de nuvem (169.254.169.254/32) e não é permitido; se for intencional, adicione exatamente 169.254.169.254 a FLUXO_OUTBOUND_ALLOWLIST (uma faixa CIDR não basta para endereços de metadados). Confira a URL do ambiente na conexão.',
      messageCode: "btg_id.refused",
      messageParams: expect.objectContaining({ host: "metadata.example" }),
    });
    // The same refusal, every part of it, in English.
    expect(renderStepMessage(info.messageCode!, info.messageParams, "en")).toBe(
      'Fluxo doesn\'t call the Environment URL metadata.example: the address 169.254.169.254 of "metadata.example" is a cloud metadata address (169.254.169.254/32) and isn\'t allowed; if this is intended, add exactly 169.254.169.254 to FLUXO_OUTBOUND_ALLOWLIST (a CIDR range isn\'t enough for metadata addresses). Check the Environment URL in the connection.',
    );
    expect(summaries).toMatchObject([{ method: "POST", url: "https://metadata.example/oauth2/token", status: null }]);
    expect(network.attempts).toEqual([]);
  });

  it.each([
    ["https://btg.intranet.test", "private", "10.20.0.5"],
    ["https://10.20.0.5/oauth2/token", "private", "10.20.0.5"],
    ["https://[::ffff:7f00:1]", "loopback", "::ffff:7f00:1"],
    ["http://id.btgpactual.com", "insecure_scheme", undefined],
  ] as const)("testConnection with %s → refused (%s), no secret in the message", async (environmentUrl, rule, address) => {
    const { http } = policyClient({});
    const info = await stepErrorOf(
      btgId.testConnection({ connection: btgConnection({ clientId: "c", clientSecret: SECRET, environmentUrl }), http, signal: new AbortController().signal }),
    );
    expect(info).toMatchObject({ kind: "refused", code: rule });
    if (address) expect(info.message).toContain(address);
    for (const leak of [SECRET, encodeBasicCredentials("c", SECRET)]) expect(JSON.stringify(info)).not.toContain(leak);
    expect(network.attempts).toEqual([]);
  });

  it("the local sandbox over http:// works with allowInsecureLoopback (embedded mode)", async () => {
    const { http } = policyClient({ allowInsecureLoopback: true });
    const { result } = runStep(http, sandbox.url, DEMO_CLIENT.clientSecret);
    expect(await result).toMatchObject({ code: 200, body: { token_type: "Bearer" } });
    expect(new Set(network.attempts)).toEqual(new Set(["127.0.0.1"]));
  });

  it("the local sandbox over http:// is refused without it, before connecting", async () => {
    const { http } = policyClient({ allowInsecureLoopback: false });
    const info = await stepErrorOf(runStep(http, sandbox.url, DEMO_CLIENT.clientSecret).result);
    expect(info).toMatchObject({ kind: "refused", code: "loopback" });
    expect(info.message).toContain("FLUXO_ALLOW_INSECURE_LOCALHOST=true");
    expect(network.attempts).toEqual([]);
  });

  it("a redirect to the metadata service is reported, not followed", async () => {
    const { http, resolver } = policyClient({ allowInsecureLoopback: true });
    const before = redirectorHits.length;
    const info = await stepErrorOf(runStep(http, redirectorUrl).result);
    expect(info).toMatchObject({ kind: "http_error", status: 302 });
    expect(info.message).toContain("não é seguido");
    expect(redirectorHits.length - before).toBe(1);
    expect(resolver.calls).toEqual([]);
    expect(network.attempts).toEqual(["127.0.0.1"]);
  });

  it("a closed port on an allowed address is still a network failure (refusal is only for the policy)", async () => {
    const { http } = policyClient({ allowInsecureLoopback: true });
    const info = await stepErrorOf(runStep(http, `http://127.0.0.1:${await closedPort()}`).result);
    expect(info).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
  });

  it("the connection schema rejects what the URL alone shows: other schemes and credentials in it", () => {
    for (const environmentUrl of ["file:///etc/passwd", "gopher://127.0.0.1:6379/_INFO", "https://admin@id.btgpactual.com", "https://:pw@id.btgpactual.com"]) {
      expect(btgId.connection.safeParse({ clientId: "c", clientSecret: "s", environmentUrl }).success, environmentUrl).toBe(false);
    }
    // Addresses are the client's to judge (it knows the server's policy), not the schema's.
    expect(btgId.connection.safeParse({ clientId: "c", clientSecret: "s", environmentUrl: "https://169.254.169.254" }).success).toBe(true);
  });
});
