import { createParser } from "eventsource-parser";
import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./fluxo-api.js";

/**
 * The README's curl walk-through ("The API with curl"), step by step, through a client generated
 * from GET /api/openapi.json (openapi-typescript types + openapi-fetch) — with no cast anywhere:
 * the bodies are the README's, so a request member the document wrongly calls required, or an
 * answer it describes wrongly, stops this file from type-checking (generated-client.test.ts).
 */

type ExecutionEvent = paths["/api/executions/{id}/events"]["get"]["responses"][200]["content"]["text/event-stream"];

export interface TourOutcome {
  syncStatus: string;
  events: ExecutionEvent["type"][];
  gatewayTokenType: unknown;
  claims: unknown;
  secondFlowStatus: string;
  balances: unknown[];
  scheduleNextRuns: number;
  scheduleByKey: number;
  stepTestStatus: string;
  rerunId: string;
}

/** `data` of a call that succeeded; otherwise the answer's problem, as an error. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${result.response.url} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}

/** `watch` sees every exchange (the test checks each answer against the document). */
export async function tour(baseUrl: string, sandbox: string, owner: { email: string; password: string }, watch: Middleware): Promise<TourOutcome> {
  const client = (headers: Record<string, string> = {}) => {
    const made = createClient<paths>({ baseUrl, headers });
    made.use(watch);
    return made;
  };
  const anyone = client();

  // 0. The first start asks for an owner (409 once there is one); then sign in, keeping the session cookie
  await anyone.POST("/api/auth/setup", { body: { email: owner.email, name: "Owner", password: owner.password } });
  const login = await anyone.POST("/api/auth/login", { body: { email: owner.email, password: owner.password } });
  ok(login);
  const cookie = (login.response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const person = client({ cookie });

  // 1. A BTG-ID connection
  const connection = ok(
    await person.POST("/api/connections", {
      body: { connector: "btg-id", name: "BTG sandbox", description: "Sandbox local", values: { clientId: "demo-client", clientSecret: "demo-secret", environmentUrl: sandbox } },
    }),
  );

  // 2. A flow with one BTG-ID step named "credentials"
  const flow = ok(
    await person.POST("/api/flows", {
      body: {
        name: "Obter credenciais",
        description: "",
        definition: {
          steps: [
            {
              id: "credentials",
              connector: "btg-id",
              operation: "get-credentials",
              connectionId: connection.id,
              description: "",
              position: { x: 300, y: 120 },
              parameters: {
                grantType: "client_credentials",
                authorizationDetails: [{ type: "account_information", resource: "{{ .input.body.account }}", locations: ["https://api.btgpactual.com/accounts"], privileges: ["read"] }],
              },
            },
          ],
          edges: [{ source: "trigger", target: "credentials" }],
        },
      },
    }),
  );

  // 3. An API key for machines
  const { key } = ok(await person.POST("/api/api-keys", { body: { name: "curl" } }));
  const machine = client({ authorization: `Bearer ${key}` });
  const flowPath = { params: { path: { id: flow.id } } };

  // 4. Run the flow and wait for its end; or trigger it without waiting
  const input = { input: { body: { account: "accounts/123" } } };
  const sync = ok(await machine.POST("/api/flows/{id}/executions/sync", { ...flowPath, body: input }));
  const { executionId } = ok(await machine.POST("/api/flows/{id}/executions", { ...flowPath, body: input }));

  // 5. Follow its live events (Server-Sent Events; the stream closes after execution.finished)
  const stream = ok(await machine.GET("/api/executions/{id}/events", { params: { path: { id: executionId } }, parseAs: "stream" }));
  const events: ExecutionEvent[] = [];
  const parser = createParser({ onEvent: (message) => events.push(JSON.parse(message.data)) });
  const decoder = new TextDecoder();
  const reader = stream?.getReader();
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) parser.feed(decoder.decode(chunk.value, { stream: true }));

  // 6. The stored execution
  ok(await machine.GET("/api/executions/{id}", { params: { path: { id: executionId } } }));

  // 7. Publish the draft as version 1, then call it through the gateway with the API key
  ok(await person.POST("/api/flows/{id}/publish", { ...flowPath, body: { note: "primeira versão" } }));
  const { slug } = ok(await person.GET("/api/flows/{id}", flowPath));
  const gateway = ok(await machine.POST("/gateway/flows/{slug}/sync", { params: { path: { slug } }, body: { account: "accounts/123" } }));

  // 8. The whole access token and its claims, decoded
  const revealed = ok(await machine.GET("/api/executions/{id}/steps/{stepId}/token", { params: { path: { id: executionId, stepId: "credentials" } } }));
  const claims: unknown = JSON.parse(Buffer.from(revealed.access_token.split(".")[1] ?? "", "base64url").toString("utf8"));

  // 9. A flow that uses the token — its steps with neither description nor position: both have defaults
  const flow2 = ok(
    await person.POST("/api/flows", {
      body: {
        name: "Saldo da conta",
        definition: {
          steps: [
            {
              id: "credentials",
              connector: "btg-id",
              operation: "get-credentials",
              connectionId: connection.id,
              parameters: {
                grantType: "client_credentials",
                scope: "empresas.btgpactual.com/accounts.readonly",
                authorizationDetails: [{ type: "account", resource: "12345678/banking/accounts/001", privileges: ["read"] }],
              },
            },
            {
              id: "balance",
              connector: "btg-id",
              operation: "call-api",
              connectionId: connection.id,
              parameters: { method: "GET", path: "/12345678/banking/accounts/001/balance", bodyType: "none", grantType: "client_credentials", scope: "empresas.btgpactual.com/accounts.readonly" },
            },
            {
              id: "balance_http",
              connector: "http",
              operation: "request",
              connectionId: null,
              parameters: {
                method: "GET",
                url: `${sandbox}/api/12345678/banking/accounts/001/balance`,
                bodyType: "none",
                headers: [{ name: "Authorization", value: "Bearer {{ .steps.credentials.body.access_token }}" }],
              },
            },
          ],
          edges: [
            { source: "trigger", target: "credentials" },
            { source: "credentials", target: "balance" },
            { source: "balance", target: "balance_http" },
          ],
        },
      },
    }),
  );
  const flow2Path = { params: { path: { id: flow2.id } } };

  // 10. Run it and read both balances from the stored execution; publish it and ask the gateway for "balance"
  const run = ok(await machine.POST("/api/flows/{id}/executions/sync", { ...flow2Path, body: {} }));
  const stored = ok(await machine.GET("/api/executions/{id}", { params: { path: { id: run.executionId } } }));
  ok(await person.POST("/api/flows/{id}/publish", { ...flow2Path, body: {} }));
  const { slug: slug2 } = ok(await person.GET("/api/flows/{id}", flow2Path));
  const balance = ok(await machine.POST("/gateway/flows/{slug}/sync", { params: { path: { slug: slug2 }, query: { return_step: "balance" } } }));

  // 11. Schedule the published flow; an API key may not (403); then remove the schedule
  const schedule = ok(await person.PUT("/api/flows/{id}/schedule", { ...flow2Path, body: { cron: "0 9 * * 1-5", timezone: "America/Sao_Paulo", input: { body: { account: "accounts/123" } } } }));
  const byKey = await machine.DELETE("/api/flows/{id}/schedule", flow2Path);
  const removed = await person.DELETE("/api/flows/{id}/schedule", flow2Path);
  if (removed.response.status !== 204) throw new Error(`DELETE …/schedule answered ${removed.response.status}`);

  // 12. Test one step alone against the flow's last run, then run the first execution again from the start
  const stepTest = ok(await machine.POST("/api/flows/{id}/steps/{stepId}/test", { params: { path: { id: flow2.id, stepId: "balance_http" } } }));
  const rerun = ok(await machine.POST("/api/executions/{id}/rerun", { params: { path: { id: run.executionId } }, body: { from: "start" } }));

  return {
    syncStatus: sync.status,
    events: events.map((event) => event.type),
    gatewayTokenType: typeof gateway === "object" && gateway !== null && "token_type" in gateway ? gateway.token_type : undefined,
    claims,
    secondFlowStatus: run.status,
    balances: [...stored.steps.filter((step) => step.stepId !== "credentials").map((step) => step.output?.body), balance],
    scheduleNextRuns: schedule.nextRuns.length,
    scheduleByKey: byKey.response.status,
    stepTestStatus: stepTest.step.status,
    rerunId: rerun.executionId,
  };
}
