import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import { createHttpClient, type ConnectionValues } from "@fluxo/connectors";
import { renderStepMessage, type ExecutionEvent, type FlowDefinition, type FlowStep } from "@fluxo/contracts";
import { executionStart, runExecution, validateFlowDefinition, type ExecutionChange } from "../src/index.js";

/** An in-memory store: what the engine asked to persist, in order. */
function memory() {
  const changes: ExecutionChange[] = [];
  const stored: ExecutionEvent[] = [];
  const published: ExecutionEvent[] = [];
  /** Each `apply`: the change's kind and the events stored with it. */
  const applied: string[] = [];
  return {
    changes,
    stored,
    published,
    applied,
    store: {
      apply: async (change: ExecutionChange, events: readonly ExecutionEvent[]) => {
        changes.push(change);
        stored.push(...events);
        applied.push(`${change.kind}: ${events.map((e) => e.type).join(" ")}`);
      },
    },
    events: { publish: (event: ExecutionEvent) => void published.push(event) },
  };
}

const step = (id: string, parameters: Record<string, unknown>, connectionId: string | null = "conn"): FlowStep => ({
  id,
  connector: "btg-id",
  operation: "get-credentials",
  connectionId,
  description: "",
  parameters,
  position: { x: 0, y: 0 },
});
const chain = (...steps: FlowStep[]): FlowDefinition => ({
  trigger: { position: { x: 0, y: 0 } },
  steps,
  edges: steps.map((s, i) => ({ source: i === 0 ? "trigger" : steps[i - 1]!.id, target: s.id })),
});
const input = { body: { account: "42", locations: ["https://x.example"] }, headers: { "x-tenant": "acme" }, query_params: {} };

describe("runExecution against the sandbox", () => {
  let sandbox: Sandbox;
  let connection: ConnectionValues;
  beforeAll(async () => {
    sandbox = await startSandbox();
    connection = { id: "conn", name: "sandbox", values: { clientId: "demo-client", environmentUrl: sandbox.url }, secrets: { clientSecret: "demo-secret" } };
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const deps = (mem: ReturnType<typeof memory>, conn: ConnectionValues | null = connection) => ({
    ...mem,
    http: createHttpClient(),
    clock: { now: () => new Date() },
    loadConnection: async () => conn,
  });

  it("runs the steps in order, later steps reading earlier results through expressions", async () => {
    const mem = memory();
    const definition = chain(
      step("credentials", { grantType: "client_credentials", authorizationDetails: [{ type: "accounts", resource: "{{ .input.body.account }}", locations: "{{ .input.body.locations }}" }] }),
      step("again", { grantType: "client_credentials", authorizationDetails: [{ type: "{{ .steps.credentials.body.token_type | lower }}", privileges: ["{{ index .input.headers \"x-tenant\" }}"] }] }),
    );
    const outcome = await runExecution({ executionId: "e1", definition, input }, deps(mem));
    expect(outcome.status).toBe("succeeded");
    expect(mem.stored.map((e) => `${e.seq}:${e.type}:${e.stepId ?? ""}`)).toEqual([
      "1:execution.started:",
      "2:step.started:credentials",
      "3:step.succeeded:credentials",
      "4:step.started:again",
      "5:step.succeeded:again",
      "6:execution.finished:",
    ]);
    expect(mem.published).toEqual(mem.stored);
    // The first step starts with the execution and the last one ends it: one change each, not two.
    expect(mem.applied).toEqual([
      "execution.started: execution.started step.started",
      "step.finished: step.succeeded",
      "step.started: step.started",
      "step.finished: step.succeeded execution.finished",
    ]);
    const [started] = mem.changes as [Extract<ExecutionChange, { kind: "execution.started" }>];
    expect(started.firstStep).toEqual({ stepId: "credentials", at: started.at });
    expect(mem.changes.at(-1)).toMatchObject({ kind: "step.finished", execution: { status: "succeeded", error: null } });
    const finished = mem.changes.filter((c): c is Extract<ExecutionChange, { kind: "step.finished" }> => c.kind === "step.finished");
    expect(finished[0]!.run.input).toEqual({ grantType: "client_credentials", authorizationDetails: [{ type: "accounts", resource: "42", locations: ["https://x.example"] }] });
    expect(finished[1]!.run.input).toMatchObject({ authorizationDetails: [{ type: "bearer", privileges: ["acme"] }] });
    expect((outcome.results.again!.body as { authorization_details: unknown }).authorization_details).toEqual([{ type: "bearer", privileges: ["acme"] }]);
  });

  it("with a start stored beforehand (with the execution's creation), only publishes its events and goes on", async () => {
    const mem = memory();
    const definition = chain(step("credentials", { grantType: "client_credentials", authorizationDetails: [{ type: "accounts" }] }));
    const started = executionStart({ executionId: "e0", definition }, new Date());
    expect(started.events.map((e) => `${e.seq}:${e.type}`)).toEqual(["1:execution.started", "2:step.started"]);
    const outcome = await runExecution({ executionId: "e0", definition, input, started }, deps(mem));
    expect(outcome.status).toBe("succeeded");
    expect(mem.applied).toEqual(["step.finished: step.succeeded execution.finished"]);
    expect(mem.published.map((e) => `${e.seq}:${e.type}`)).toEqual(["1:execution.started", "2:step.started", "3:step.succeeded", "4:execution.finished"]);
    expect(mem.published[3]!.durationMs).toBe(Date.parse(mem.published[3]!.at) - started.change.at.getTime());
  });

  it("fails the execution at the first failed step and skips the rest, keeping the error and timing", async () => {
    const mem = memory();
    // A 400 is never retried (a 503 would be, see retries-and-reuse.test.ts).
    sandbox.scriptFailures([{ status: 400 }]);
    const definition = chain(step("first", { grantType: "client_credentials", authorizationDetails: [{ type: "t" }] }), step("second", { grantType: "client_credentials", authorizationDetails: [{ type: "t" }] }));
    const outcome = await runExecution({ executionId: "e2", definition, input }, deps(mem));
    expect(outcome.status).toBe("failed");
    expect(mem.applied).toEqual(["execution.started: execution.started step.started", "step.finished: step.failed", "step.skipped: step.skipped", "execution.finished: execution.finished"]);
    const failed = mem.stored[2]!;
    expect(failed.error).toMatchObject({ kind: "http_error", status: 400 });
    expect(failed.durationMs).toBeGreaterThanOrEqual(0);
    expect(outcome.error!.message).toContain('passo "first"');
  });

  it("fails a step whose expression names a missing path: a missing value (not an invalid expression), naming the field by its label and the path", async () => {
    const mem = memory();
    const outcome = await runExecution({ executionId: "e3", definition: chain(step("s", { grantType: "client_credentials", authorizationDetails: [{ type: "{{ .input.body.conta }}" }] })), input }, deps(mem));
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatchObject({ kind: "expression", fields: [{ path: "authorizationDetails.0.type" }] });
    expect(outcome.error!.message).toContain(".input.body.conta não existe");
    // The expression's own reason is a code too, so the step error reads in English whole.
    const { messageCode, messageParams } = outcome.error!;
    expect(renderStepMessage(messageCode!, messageParams, "pt-BR")).toBe(
      'passo "s": falta um valor em "Authorization Details (item 1) › Type", coluna 4: .input.body.conta não existe nos dados desta execução; se ele é opcional, use a função default',
    );
    expect(renderStepMessage(messageCode!, messageParams, "en")).toBe(
      `step "s": a value is missing in "Authorization Details (item 1) › Type", column 4: .input.body.conta doesn't exist in this execution's data; if it is optional, use the default function`,
    );
  });

  it("fails a step whose resolved parameters don't fit the operation, per field", async () => {
    const mem = memory();
    const outcome = await runExecution({ executionId: "e4", definition: chain(step("s", { grantType: "client_credentials", authorizationDetails: [{ type: "t", locations: "{{ .input.body }}" }] })), input }, deps(mem));
    expect(outcome.error).toMatchObject({ kind: "invalid_parameters" });
    expect(outcome.error!.fields!.map((f) => f.path)).toContain("authorizationDetails.0.locations");
  });

  it("fails a step whose connection is gone", async () => {
    const mem = memory();
    const outcome = await runExecution({ executionId: "e5", definition: chain(step("s", { grantType: "client_credentials", authorizationDetails: [{ type: "t" }] })), input }, deps(mem, null));
    expect(outcome.error).toMatchObject({ kind: "connection" });
  });

  it("fails at once, without running anything, when the graph can't run", async () => {
    const mem = memory();
    const definition: FlowDefinition = { trigger: { position: { x: 0, y: 0 } }, steps: [step("a", {})], edges: [] };
    const outcome = await runExecution({ executionId: "e6", definition, input }, deps(mem));
    expect(outcome.status).toBe("failed");
    expect(mem.applied).toEqual(["execution.started: execution.started", "execution.finished: execution.finished"]);
    expect(mem.changes[0]).toMatchObject({ steps: [], firstStep: null });
    expect(sandbox.stats().tokenRequests).toBeGreaterThan(0); // earlier tests did call it
  });
});

describe("validateFlowDefinition", () => {
  const connections = new Map([["conn", { connector: "btg-id" }]]);

  it("accepts a runnable flow", () => {
    expect(validateFlowDefinition(chain(step("a", { grantType: "client_credentials", authorizationDetails: [{ type: "t" }] })), { connections })).toEqual([]);
  });

  it("reports required fields, bad expressions and references to later steps, with the step and field", () => {
    const problems = validateFlowDefinition(
      chain(
        step("a", { grantType: "client_credentials", authorizationDetails: [{ type: "", resource: "{{ .input.body" }] }),
        step("b", { grantType: "client_credentials", authorizationDetails: [{ type: "{{ .steps.c.body.x }}" }] }),
        step("c", { grantType: "client_credentials", authorizationDetails: [{ type: "{{ .steps.a.body.access_token }}" }] }, null),
      ),
      { connections },
    );
    const byField = Object.fromEntries(problems.map((p) => [`${p.stepId}:${p.field}`, p.message]));
    expect(byField["a:authorizationDetails.0.type"]).toMatch(/preencha este campo/);
    expect(byField["a:authorizationDetails.0.resource"]).toMatch(/coluna \d+/);
    expect(byField["b:authorizationDetails.0.type"]).toMatch(/nenhum passo anterior se chama "c"/);
    expect(byField["c:connectionId"]).toMatch(/escolha uma conexão/);
    expect(byField["c:authorizationDetails.0.type"]).toBeUndefined();
    expect(problems.find((p) => p.stepId === "a" && p.field === "authorizationDetails.0.type")!.path).toBe("definition.steps.0.parameters.authorizationDetails.0.type");
  });

  it("refuses an unknown connector or operation", () => {
    const bad = { ...step("a", {}), connector: "nope" };
    expect(validateFlowDefinition(chain(bad), { connections })[0]!.message).toMatch(/"nope" não existe/);
  });
});
