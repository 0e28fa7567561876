import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@fluxo/btg-id-sandbox";
import type { Execution, ExecutionEvent, Flow } from "@fluxo/contracts";
import type { RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS, readEventStream } from "./harness.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";

const WAIT_MS = 2_500;

/**
 * Queue mode, issue 21: an Espera longer than FLUXO_WAIT_HANDOFF_MS frees its worker (the job goes
 * back to Redis, delayed) and the execution resumes on any worker from what PostgreSQL holds —
 * a token obtained before the wait, the Loop's position — without running finished steps again.
 * Two real worker processes, each running one execution at a time.
 */
describe("queue mode: a long wait hands the execution off", () => {
  let rig: QueueRig;
  let sandbox: Sandbox;
  let api: RunningServer;
  let auth: Record<string, string>;
  let waitingFlow: Flow;
  let quickFlow: Flow;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await rig.call<T>(method, path, body)).body;
  const trigger = async (flow: Flow) => (await call<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, { input: { body: { pedidos: ["a", "b"] } } })).executionId;
  const events = (id: string) => readEventStream(`${api.url}/api/executions/${id}/events`, undefined, auth);
  const step = (id: string, connector: string, operation: string, parameters: Record<string, unknown>, connectionId: string | null = null) => ({ id, connector, operation, connectionId, parameters });

  beforeAll(async () => {
    // Each worker runs one execution at a time: a wait that held its slot would block it.
    rig = await startQueueRig({ workers: 2, workerEnv: { FLUXO_WORKER_CONCURRENCY: "1", FLUXO_WAIT_HANDOFF_MS: "500" } });
    ({ sandbox, api, auth } = rig);
    const connection = await rig.createConnection();
    // Token → Loop over the input's list, each item: Espera (handed off), then a call that needs
    // the token obtained before the first hand-off → a summary of the Loop's results.
    waitingFlow = await call<Flow>("POST", "/api/flows", {
      name: "espera longa",
      definition: {
        steps: [
          step("credenciais", "btg-id", "get-credentials", { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS, scope: "empresas.btgpactual.com/accounts.readonly", reuseToken: false }, connection.id),
          step("pedidos", "loop", "for-each", { items: "{{ .input.body.pedidos }}" }),
          step("pausa", "wait", "delay", { durationMs: WAIT_MS }),
          step("saldo", "http", "request", {
            method: "GET",
            url: `${sandbox.url}/api/12345678/banking/accounts/001/balance`,
            headers: [{ name: "authorization", value: "Bearer {{ .steps.credenciais.body.access_token }}" }],
          }),
          step("linha", "transform", "map", { fields: [{ name: "pedido", value: "{{ .steps.pedidos.body.item }}" }, { name: "ordem", value: "{{ .steps.pedidos.body.index }}" }, { name: "saldo", value: "{{ .steps.saldo.code }}" }] }),
          step("resumo", "transform", "map", { fields: [{ name: "linhas", value: "{{ .steps.pedidos.body.results }}" }] }),
        ],
        edges: [
          { source: "trigger", target: "credenciais" },
          { source: "credenciais", target: "pedidos" },
          { source: "pedidos", target: "pausa", port: "each" },
          { source: "pausa", target: "saldo" },
          { source: "saldo", target: "linha" },
          { source: "pedidos", target: "resumo", port: "done" },
        ],
      },
    });
    quickFlow = await call<Flow>("POST", "/api/flows", {
      name: "rápido",
      definition: { steps: [step("eco", "transform", "map", { fields: [{ name: "ok", value: "sim" }] })], edges: [{ source: "trigger", target: "eco" }] },
    });
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it("frees both workers while two executions wait, then resumes each where it stopped, its stream whole", async () => {
    const waiting = [await trigger(waitingFlow), await trigger(waitingFlow)];
    // Followed from the start, across both hand-offs of each.
    const streams = waiting.map((id) => events(id));
    // Both are inside their first Espera: without the hand-off, each would hold a worker's only slot.
    for (const id of waiting) {
      await expect.poll(async () => (await call<Execution>("GET", `/api/executions/${id}`)).steps.find((s) => s.stepId === "pausa")?.status, { timeout: 30_000, interval: 100 }).toBe("running");
    }
    const quick = await trigger(quickFlow);
    const quickEnd = (await events(quick)).at(-1)!;
    expect(quickEnd).toMatchObject({ type: "execution.finished", status: "succeeded" });
    const meanwhile = await Promise.all(waiting.map((id) => call<Execution>("GET", `/api/executions/${id}`)));
    expect(meanwhile.map((e) => e.status)).toEqual(["running", "running"]);

    for (const [index, id] of waiting.entries()) {
      const stream = await streams[index]!;
      expect(stream.map((e) => e.seq)).toEqual(stream.map((_, i) => i + 1)); // nothing lost or repeated across the hand-offs
      expect(stream.at(-1)).toMatchObject({ type: "execution.finished", status: "succeeded" });
      const started = (stepId: string) => stream.filter((e) => e.type === "step.started" && e.stepId === stepId).map((e) => e.iteration ?? 0);
      expect(stream.filter((e) => e.type === "execution.started")).toHaveLength(1);
      // Finished steps ran once: the token before the first hand-off, each pass of the Espera once.
      expect(started("credenciais")).toEqual([0]);
      expect(started("pedidos")).toEqual([0]);
      expect(started("pausa")).toEqual([0, 1]);
      expect(stream.filter((e: ExecutionEvent) => e.type === "step.succeeded" && e.stepId === "pausa").map((e) => e.iteration ?? 0)).toEqual([0, 1]);

      const execution = await call<Execution>("GET", `/api/executions/${id}`);
      expect(execution.status).toBe("succeeded");
      const runs = (stepId: string) => execution.steps.filter((s) => s.stepId === stepId);
      expect(runs("pausa").map((s) => s.status)).toEqual(["succeeded", "succeeded"]);
      for (const pause of runs("pausa")) expect(pause.durationMs).toBeGreaterThanOrEqual(WAIT_MS);
      // The token obtained before the hand-off opened the sandbox's API after it, on whichever worker resumed.
      expect(runs("saldo").map((s) => s.output?.code)).toEqual([200, 200]);
      expect(runs("resumo")[0]!.output?.body).toEqual({ linhas: [{ pedido: "a", ordem: 0, saldo: 200 }, { pedido: "b", ordem: 1, saldo: 200 }] });
    }
  }, 120_000);
});
