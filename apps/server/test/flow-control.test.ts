import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, ExecutionEnded, Flow, Problem } from "@fluxo/contracts";
import { readEventStream, startTestApp, type TestApp } from "./harness.js";

/**
 * A flow that branches on the input, loops over a list, reshapes data, waits, and goes on past
 * a failed HTTP call — through the API, against the real PostgreSQL and the sandbox.
 */
describe("flow control through the API", () => {
  let app: TestApp;
  let flow: Flow;

  const step = (id: string, connector: string, operation: string, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    id,
    connector,
    operation,
    connectionId: null,
    description: "",
    parameters,
    position: { x: 0, y: 0 },
    ...extra,
  });
  const fields = (entries: Record<string, string>) => ({ fields: Object.entries(entries).map(([name, value]) => ({ name, value })) });
  const definition = (sandboxUrl: string) => ({
    steps: [
      step("vip", "condition", "if", { conditions: [{ type: "boolean", left: "{{ .input.body.cliente.vip }}", operator: "equals", right: "true" }], combine: "and" }),
      step("pedidos", "loop", "for-each", { items: "{{ .input.body.pedidos }}" }),
      step("linha", "transform", "map", fields({ "pedido.id": "{{ .steps.pedidos.body.item.id }}", "pedido.valor": "{{ .steps.pedidos.body.item.valor }}", "pedido.ordem": "{{ .steps.pedidos.body.index }}" })),
      step("pausa", "wait", "delay", { durationMs: 20 }),
      step("consulta", "http", "request", { method: "GET", url: `${sandboxUrl}/nao-existe` }, { onError: "continue", retry: { maxAttempts: 1, backoffMs: 0, maxDelayMs: 0 } }),
      step("resposta", "transform", "map", fields({ "cliente.nome": "{{ .input.body.cliente.nome }}", linhas: "{{ .steps.pedidos.body.results }}", consulta: "{{ .steps.consulta.code }}" })),
      step("comum", "transform", "map", fields({ tipo: "comum" })),
    ],
    edges: [
      { source: "trigger", target: "vip" },
      { source: "vip", target: "pedidos", port: "true" },
      { source: "vip", target: "comum", port: "false" },
      { source: "pedidos", target: "linha", port: "each" },
      { source: "pedidos", target: "pausa", port: "done" },
      { source: "pausa", target: "consulta" },
      { source: "consulta", target: "resposta" },
    ],
  });
  const vipInput = { cliente: { nome: "Ana", vip: true }, pedidos: [{ id: "p1", valor: 10 }, { id: "p2", valor: 25.5 }] };

  beforeAll(async () => {
    app = await startTestApp("postgres");
    const created = await app.api<Flow>("POST", "/api/flows", { name: "Controle de fluxo", description: "", definition: definition(app.sandbox.url) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    flow = created.body;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("branches, loops, transforms, waits and goes on past a failed call: the execution ends diverged", async () => {
    const ended = await app.api<ExecutionEnded>("POST", `/api/flows/${flow.id}/executions/sync`, { input: { body: vipInput } });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe("diverged");
    expect(ended.body.error?.message).toContain('passo "consulta"');

    const execution = (await app.api<Execution>("GET", `/api/executions/${ended.body.executionId}`)).body;
    expect(execution.status).toBe("diverged");
    expect(execution.steps.map((s) => `${s.stepId}${s.iteration ? `#${s.iteration}` : ""}:${s.status}`)).toEqual([
      "vip:succeeded",
      "pedidos:succeeded",
      "linha:succeeded",
      "linha#1:succeeded",
      "pausa:succeeded",
      "consulta:failed",
      "resposta:succeeded",
      "comum:skipped",
    ]);
    const lines = execution.steps.filter((s) => s.stepId === "linha").map((s) => s.output?.body);
    expect(lines).toEqual([{ pedido: { id: "p1", valor: 10, ordem: 0 } }, { pedido: { id: "p2", valor: 25.5, ordem: 1 } }]);
    expect(execution.steps.find((s) => s.stepId === "resposta")?.output?.body).toEqual({ cliente: { nome: "Ana" }, linhas: lines, consulta: 404 });
    expect(execution.steps.find((s) => s.stepId === "consulta")?.error).toMatchObject({ kind: "http_error", status: 404 });

    // The live events say which pass of the loop's branch each one is.
    const events = await readEventStream(`${app.url}/api/executions/${execution.id}/events`, undefined, app.auth);
    expect(events.filter((e) => e.stepId === "linha" && e.type === "step.succeeded").map((e) => e.iteration)).toEqual([undefined, 1]);
    expect(events.at(-1)).toMatchObject({ type: "execution.finished", status: "diverged" });
  });

  it("stores and streams nested loops' passes numbered per loop, and each loop's progress", async () => {
    const nested = {
      steps: [
        step("grupos", "loop", "for-each", { items: "{{ .input.body.grupos }}" }),
        step("membros", "loop", "for-each", { items: "{{ .steps.grupos.body.item }}" }),
        step("nome", "transform", "map", fields({ nome: "{{ .steps.membros.body.item }}" })),
      ],
      edges: [
        { source: "trigger", target: "grupos" },
        { source: "grupos", target: "membros", port: "each" },
        { source: "membros", target: "nome", port: "each" },
      ],
    };
    const created = await app.api<Flow>("POST", "/api/flows", { name: "Loops aninhados", description: "", definition: nested });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ended = await app.api<ExecutionEnded>("POST", `/api/flows/${created.body.id}/executions/sync`, { input: { body: { grupos: [["ana", "bia"], ["caio"]] } } });
    expect(ended.body.status).toBe("succeeded");

    const execution = (await app.api<Execution>("GET", `/api/executions/${ended.body.executionId}`)).body;
    expect(execution.steps.filter((s) => s.stepId === "nome").map((s) => [s.iteration ?? 0, s.loopPath, s.output?.body])).toEqual([
      [0, [0, 0], { nome: "ana" }],
      [1, [0, 1], { nome: "bia" }],
      [2, [1, 0], { nome: "caio" }],
    ]);
    expect(execution.steps.filter((s) => s.stepId === "membros").map((s) => s.loopPath)).toEqual([[0], [1]]);

    const events = await readEventStream(`${app.url}/api/executions/${execution.id}/events`, undefined, app.auth);
    expect(events.filter((e) => e.stepId === "nome" && e.type === "step.succeeded").map((e) => e.loopPath)).toEqual([[0, 0], [0, 1], [1, 0]]);
    expect(events.filter((e) => e.stepId === "grupos" && e.progress).map((e) => e.progress)).toEqual([
      { done: 0, total: 2 },
      { done: 1, total: 2 },
      { done: 2, total: 2 },
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it("takes the other branch for another input, skipping the loop and everything after it", async () => {
    const ended = await app.api<ExecutionEnded>("POST", `/api/flows/${flow.id}/executions/sync`, { input: { body: { cliente: { nome: "Bia", vip: false }, pedidos: [] } } });
    expect(ended.body.status).toBe("succeeded");
    const execution = (await app.api<Execution>("GET", `/api/executions/${ended.body.executionId}`)).body;
    expect(execution.steps.map((s) => `${s.stepId}:${s.status}`)).toEqual(["vip:succeeded", "pedidos:skipped", "linha:skipped", "pausa:skipped", "consulta:skipped", "resposta:skipped", "comum:succeeded"]);
  });

  it("fails a condition whose value isn't the chosen type, naming the field and the value", async () => {
    const ended = await app.api<ExecutionEnded>("POST", `/api/flows/${flow.id}/executions/sync`, { input: { body: { cliente: { vip: "talvez" } } } });
    expect(ended.body.status).toBe("failed");
    expect(ended.body.error?.message).toBe('passo "vip": conditions.0.left: "talvez" não é booleano (true ou false); mude o tipo da condição ou o valor');
  });

  it("the gateway's …/sync answers the return step of a diverged run, and 502 naming the failed step when that one is asked for", async () => {
    expect((await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "controle" })).status).toBe(201);
    const { key } = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "gateway" })).body;
    const published = (await app.api<Flow>("GET", `/api/flows/${flow.id}`)).body;
    const call = (query: string) =>
      fetch(`${app.url}/gateway/flows/${published.slug}/sync${query}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(vipInput) });

    const answered = await call("");
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ cliente: { nome: "Ana" }, consulta: 404 });

    const failed = await call("?return_step=consulta");
    expect(failed.status).toBe(502);
    const problem = (await failed.json()) as Problem & { failedStepId: string };
    expect(problem.failedStepId).toBe("consulta");
    expect(problem.detail).toMatch(/^O passo "consulta" falhou: O servidor respondeu 404/);
  });

  it("the gateway's …/sync answers from the run it just finished what reading the run back answers (a retry with its Idempotency-Key reads it): each step, a Loop's last pass, a skipped step, a failure", async () => {
    // 409: published already, unchanged, by the test before.
    expect([201, 409]).toContain((await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "respostas" })).status);
    const { key } = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "gateway answers" })).body;
    const published = (await app.api<Flow>("GET", `/api/flows/${flow.id}`)).body;
    const call = async (query: string, input: unknown, idempotencyKey: string) => {
      const res = await fetch(`${app.url}/gateway/flows/${published.slug}/sync${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": idempotencyKey },
        body: JSON.stringify(input),
      });
      return { status: res.status, replayed: res.headers.get("idempotency-replayed"), body: (await res.json()) as unknown };
    };
    const failing = { cliente: { vip: "talvez" } };
    const cases: [string, unknown][] = [
      ["", vipInput],
      ["?return_step=linha", vipInput],
      ["?return_step=pedidos", vipInput],
      ["?return_step=consulta", vipInput],
      ["?return_step=comum", vipInput],
      ["", failing],
      ["?return_step=resposta", failing],
    ];
    for (const [index, [query, input]] of cases.entries()) {
      const idempotencyKey = `answers-${index}-${Math.random()}`;
      const first = await call(query, input, idempotencyKey);
      const readBack = await call(query, input, idempotencyKey);
      expect(readBack.replayed, query).toBe("true");
      expect(first.replayed, query).toBeNull();
      expect({ status: first.status, body: first.body }, `${query} ${JSON.stringify(input)}`).toEqual({ status: readBack.status, body: readBack.body });
    }
    // The Loop's body answers its last pass, the skipped step and the failure name what happened.
    expect((await call("?return_step=linha", vipInput, `answers-linha-${Math.random()}`)).body).toEqual({ pedido: { id: "p2", valor: 25.5, ordem: 1 } });
    expect((await call("?return_step=comum", vipInput, `answers-comum-${Math.random()}`)).body).toMatchObject({ status: 502, stepId: "comum", failedStepId: "consulta" });
    expect((await call("", failing, `answers-failing-${Math.random()}`)).body).toMatchObject({ status: 502, stepId: "vip", failedStepId: "vip" });
  });

  it("keeps every attempt of a retried step as stored: each one's error and exchange, and the wait before the next", async () => {
    // Port 1 refuses at once: a network failure, which is retried.
    const retried = step("falha", "http", "request", { method: "GET", url: "http://127.0.0.1:1/" }, { retry: { maxAttempts: 2, backoffMs: 20, maxDelayMs: 20 } });
    const created = await app.api<Flow>("POST", "/api/flows", { name: "Tentativas", description: "", definition: { steps: [retried], edges: [{ source: "trigger", target: "falha" }] } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ended = await app.api<ExecutionEnded>("POST", `/api/flows/${created.body.id}/executions/sync`, {});
    expect(ended.body.status).toBe("failed");
    const [run] = (await app.api<Execution>("GET", `/api/executions/${ended.body.executionId}`)).body.steps;
    expect(run!.attempt).toBe(2);
    const [first, second] = run!.attempts ?? [];
    expect([first, second].map((a) => [a?.attempt, a?.error?.kind, a?.http?.url, a?.retryInMs])).toEqual([
      [1, "network", "http://127.0.0.1:1/", expect.any(Number)],
      [2, "network", "http://127.0.0.1:1/", undefined],
    ]);
    expect(first!.retryInMs).toBeGreaterThanOrEqual(10);
    expect(Date.parse(second!.startedAt)).toBeGreaterThanOrEqual(Date.parse(first!.finishedAt));
    expect(run!.http).toEqual(second!.http);
  });

  it("refuses at save an edge without a port from a condition, and one with a port the step doesn't have (422 naming the edge)", async () => {
    const base = definition(app.sandbox.url);
    const noPort = { ...base, edges: base.edges.map((e) => (e.target === "comum" ? { source: e.source, target: e.target } : e)) };
    const res = await app.api<Problem & { errors: { path: string; message: string }[] }>("PUT", `/api/flows/${flow.id}`, { name: flow.name, description: "", definition: noPort });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: "definition.edges.2.port", message: 'a ligação de "vip" para "comum" precisa dizer por qual saída sai: "true" | "false"' }));

    const wrongPort = { ...base, edges: base.edges.map((e) => (e.target === "resposta" ? { ...e, port: "sim" } : e)) };
    const refused = await app.api<Problem & { errors: { path: string; message: string }[] }>("PUT", `/api/flows/${flow.id}`, { name: flow.name, description: "", definition: wrongPort });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ path: "definition.edges.6.port", message: 'a ligação de "consulta" para "resposta" diz a saída "sim", mas "consulta" tem uma saída só; tire a saída da ligação' }));
  });
});
