import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import { createHttpClient, type ConnectionValues } from "@fluxo/connectors";
import type { ExecutionEvent, FlowDefinition, FlowStep } from "@fluxo/contracts";
import { runExecution, type ExecutionChange, type StepRunRecord } from "../src/index.js";

// A token step, then HTTP steps that send it; one peer echoes what it receives, as echo APIs and error pages do.
let sandbox: Sandbox;
let echo: Server;
let echoUrl: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  echo = createServer((req, res) => {
    const status = req.url?.startsWith("/fail") ? 400 : 200;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "echo", error_description: `you sent ${req.headers.authorization}`, received: { authorization: req.headers.authorization } }));
  });
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => echo.close(resolve));
});

const tokenStep: FlowStep = {
  id: "credentials",
  connector: "btg-id",
  operation: "get-credentials",
  connectionId: "conn",
  description: "",
  parameters: { grantType: "client_credentials", scope: "empresas.btgpactual.com/accounts.readonly", authorizationDetails: [{ type: "account" }] },
  position: { x: 0, y: 0 },
};
const httpStep = (id: string, url: string, extra: Record<string, unknown> = {}): FlowStep => ({
  id,
  connector: "http",
  operation: "request",
  connectionId: null,
  description: "",
  parameters: { url, headers: [{ name: "authorization", value: "Bearer {{ .steps.credentials.body.access_token }}" }], ...extra },
  position: { x: 0, y: 0 },
});

async function run(definition: FlowDefinition) {
  const changes: ExecutionChange[] = [];
  const events: ExecutionEvent[] = [];
  const connection: ConnectionValues = { id: "conn", name: "sandbox", values: { clientId: "demo-client", environmentUrl: sandbox.url }, secrets: { clientSecret: "demo-secret" } };
  const outcome = await runExecution(
    { executionId: "e1", definition, input: { body: null, headers: {}, query_params: {} } },
    {
      store: { apply: async (change, stored) => void (changes.push(change), events.push(...stored)) },
      events: { publish: () => undefined },
      http: createHttpClient(),
      clock: { now: () => new Date() },
      loadConnection: async () => connection,
    },
  );
  const runs = changes.flatMap((c) => (c.kind === "step.finished" ? [c.run] : []));
  return { outcome, runs, events, token: (outcome.results["credentials"]!.body as { access_token: string }).access_token };
}

const chain = (...steps: FlowStep[]): FlowDefinition => ({
  trigger: { position: { x: 0, y: 0 } },
  steps,
  edges: steps.map((s, i) => ({ source: i === 0 ? "trigger" : steps[i - 1]!.id, target: s.id })),
});

describe("a token used by later steps never reaches the record in plaintext", () => {
  it("masks it in the stored input, the exchange, an echoed output and an error that quotes it; later steps still get it", async () => {
    const { outcome, runs, events, token } = await run(chain(tokenStep, httpStep("balance", `${sandbox.apiUrl}/12345678/banking/accounts/001/balance`), httpStep("echoed", `${echoUrl}/ok`), httpStep("quoted", `${echoUrl}/fail`)));
    expect(outcome.status).toBe("failed");
    expect(outcome.results["balance"]).toMatchObject({ code: 200, body: { available: 152340.75 } }); // the real token went out
    expect((outcome.results["echoed"]!.body as { received: { authorization: string } }).received.authorization).toBe(`Bearer ${token}`); // later expressions see the real value

    const byId = (id: string) => runs.find((r) => r.stepId === id) as StepRunRecord;
    const stored = JSON.stringify([byId("balance"), byId("echoed"), byId("quoted"), events]);
    expect(stored).not.toContain(token);
    expect(stored.indexOf(token.slice(0, 40))).toBe(-1); // not even the start of one, where a message was cut short
    expect(byId("echoed").output!.body).toMatchObject({ received: { authorization: "Bearer [redacted]" } });
    expect(byId("quoted").error).toMatchObject({ kind: "http_error", status: 400, description: expect.stringMatching(/^you sent Bearer \[redacted\]…?$/) });
    expect(byId("balance").input).toMatchObject({ headers: [{ name: "authorization", value: "[redacted]" }] });
    // The token step's own output keeps its token (the server's store seals it).
    expect(byId("credentials").output!.body).toMatchObject({ access_token: token });
  });
});
