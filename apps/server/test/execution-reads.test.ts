import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionListPage, Flow, FlowListItem, Page, ExecutionSummary } from "@fluxo/contracts";
import { startTestApp, type TestApp } from "./harness.js";

/**
 * An execution's input may be a 9 MB gateway body: the reads that show executions by their summary
 * (the flows, a flow, its history, the Execuções page) leave it in PostgreSQL — parsed, it held the
 * event loop for seconds (scripts/event-loop-stall.ts).
 */
describe("reads that show executions by their summary", () => {
  let app: TestApp;
  let flow: Flow;
  let executionId: string;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    flow = await app.createFlow((await app.createConnection()).id);
    const run = await app.api<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, { input: { body: { grande: "x".repeat(100_000) } } });
    executionId = run.body.executionId;
    await app.waitForExecution(executionId);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("give the same summaries without reading any execution's input", async () => {
    const { pool } = app.server.database;
    const statements: string[] = [];
    const query = pool.query;
    // Prisma's statements (through its pg adapter) and plain SQL both go through this pool.
    pool.query = ((config: string | { text: string }, ...rest: unknown[]) => {
      statements.push(typeof config === "string" ? config : config.text);
      return (query as (...args: unknown[]) => unknown).call(pool, config, ...rest);
    }) as typeof pool.query;
    try {
      const flows = await app.api<FlowListItem[]>("GET", "/api/flows");
      expect(flows.body.find((f) => f.id === flow.id)?.lastExecution).toMatchObject({ id: executionId, status: "succeeded", flowId: flow.id });
      const one = await app.api<Flow>("GET", `/api/flows/${flow.id}`);
      expect(one.body.lastExecution).toMatchObject({ id: executionId, status: "succeeded", triggerSource: "editor" });
      const history = await app.api<Page<ExecutionSummary>>("GET", `/api/flows/${flow.id}/executions`);
      expect(history.body).toMatchObject({ total: 1, items: [{ id: executionId, status: "succeeded", draft: true, durationMs: expect.any(Number) }] });
      const page = await app.api<ExecutionListPage>("GET", `/api/executions?flowId=${flow.id}`);
      expect(page.body.items).toEqual(history.body.items);
    } finally {
      pool.query = query;
    }
    const executionReads = statements.filter((s) => s.includes('"Execution"'));
    expect(executionReads.length).toBeGreaterThanOrEqual(4);
    expect(executionReads.filter((s) => /"input"|\binput\b/.test(s))).toEqual([]);
  });
});
