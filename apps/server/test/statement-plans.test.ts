import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVENTS_AFTER } from "../src/executions/execution-events.js";
import { ranDefinition } from "../src/executions/ran-definition.js";
import { APPLY_BATCH, applyStatement } from "../src/executions/sql-execution-store.js";
import { startTestApp, type TestApp } from "./harness.js";

/**
 * The statements on every execution's path reach the rows they change by key, whatever the
 * planner guesses of the batch (it can't know how many rows jsonb_to_recordset gives): a plan
 * that reads a whole table costs more with every execution ever stored.
 */
describe("plans of the statements every execution runs", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("finishes an execution through the Execution primary key, not by reading the table", async () => {
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    const { pool } = app.server.database;
    // A table of a size where reading it all looks cheap to a planner that expects 100 batch rows.
    await pool.query(
      `INSERT INTO "Execution" (id, "flowId", "flowVersion", definition, input, status)
       SELECT gen_random_uuid(), $1, 1, '{}', '{}', 'succeeded' FROM generate_series(1, 2000)`,
      [flow.id],
    );
    await pool.query(`ANALYZE "Execution"`);
    const batch = [{ kind: "step.finished", eid: "00000000-0000-4000-8000-000000000000", events: [], stepId: "credentials", status: "succeeded", endStatus: "succeeded", endAt: new Date().toISOString() }];

    const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${APPLY_BATCH}`, [JSON.stringify(batch)]);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");

    expect(plan).toMatch(/Update on "Execution"/);
    expect(plan).not.toMatch(/Seq Scan on "Execution"/);
    expect(plan).not.toMatch(/Seq Scan on "StepRun"/);
  });

  it("gives a batch of one kind of change a statement of its own, which also reaches its rows by key", async () => {
    const { pool } = app.server.database;
    const kinds = ["execution.started", "step.started", "step.retrying", "step.finished", "step.skipped", "step.progress", "execution.finished"] as const;
    const names = new Set<string>();
    for (const kind of kinds) {
      const { name, text } = applyStatement(new Set([kind]));
      names.add(name);
      expect(text.length).toBeLessThan(APPLY_BATCH.length);
      const batch = [{ kind, eid: "00000000-0000-4000-8000-000000000000", lastSeq: 1, events: [], stepId: "credentials", iteration: kind === "step.started" ? 1 : 0, steps: [], status: "succeeded", endStatus: "succeeded", endAt: new Date().toISOString() }];
      const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`, [JSON.stringify(batch)]);
      const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(plan, kind).toMatch(/Insert on "ExecutionEvents"/);
      expect(plan, kind).not.toMatch(/Seq Scan on "Execution"/);
      expect(plan, kind).not.toMatch(/Seq Scan on "StepRun"/);
    }
    // A one-step run's end: the step's row, the execution's end and the events, nothing else.
    const finished = applyStatement(new Set(["step.finished"])).text;
    expect(finished).toMatch(/step_finished AS/);
    expect(finished).toMatch(/execution_finished AS/);
    expect(finished).not.toMatch(/planned AS|step_started AS|pass_started AS|step_retrying AS|step_skipped AS|execution_started AS|earlier_passes AS/);
    // The same kinds, in whatever order, are the same prepared statement.
    expect(applyStatement(new Set(["step.started", "step.finished"])).name).toBe(applyStatement(new Set(["step.finished", "step.started"])).name);
    expect(names.size).toBe(kinds.length);
  });

  it("reads a published run's definition through its version's key", async () => {
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    const { pool } = app.server.database;
    await pool.query(
      `INSERT INTO "FlowVersion" (id, "flowId", number, definition, "draftVersion", "publishedByName")
       SELECT gen_random_uuid(), $1, g, '{}', g, 'plans' FROM generate_series(1, 2000) g`,
      [flow.id],
    );
    await pool.query(`ANALYZE "FlowVersion"`);

    const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN SELECT ${ranDefinition("e")} FROM "Execution" e WHERE e.id = $1`, [flow.id]);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");

    expect(plan).toMatch(/FlowVersion_flowId_number_key/);
    expect(plan).not.toMatch(/Seq Scan on "FlowVersion"/);
  });

  it("replays an execution's events from a Last-Event-ID through the events' key", async () => {
    const { pool } = app.server.database;
    const ids = (await pool.query<{ id: string }>(`SELECT id FROM "Execution" LIMIT 2000`)).rows.map((r) => r.id);
    await pool.query(`INSERT INTO "ExecutionEvents" ("executionId", "lastSeq", events) SELECT id, n, '[{}]' FROM unnest($1::uuid[]) id, generate_series(1, 4) n`, [ids]);
    await pool.query(`ANALYZE "ExecutionEvents"`);

    const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${EVENTS_AFTER}`, [ids[0], 2]);
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");

    expect(plan).toMatch(/ExecutionEvents_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it("leaves ordinary executions out of the partial indexes, whose lookups still use them", async () => {
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    const { pool } = app.server.database;
    await pool.query(
      `INSERT INTO "Execution" (id, "flowId", "flowVersion", definition, input, status)
       SELECT gen_random_uuid(), $1, 1, '{}', '{}', 'succeeded' FROM generate_series(1, 2000)`,
      [flow.id],
    );
    await pool.query(`VACUUM ANALYZE "Execution"`);
    // After VACUUM an index's reltuples is the number of entries it holds: none for a finished, unscheduled, first run.
    const { rows: sizes } = await pool.query<{ relname: string; reltuples: number }>(
      `SELECT relname, reltuples FROM pg_class WHERE relname IN ('Execution_status_idx', 'Execution_rerunOfId_idx', 'Execution_testedAgainstId_idx', 'Execution_flowId_scheduledFor_key', 'Execution_pkey')`,
    );
    const entries = Object.fromEntries(sizes.map((r) => [r.relname, Number(r.reltuples)]));
    expect(entries["Execution_pkey"]).toBeGreaterThanOrEqual(2000);
    expect(entries).toMatchObject({ Execution_status_idx: 0, Execution_rerunOfId_idx: 0, Execution_testedAgainstId_idx: 0, Execution_flowId_scheduledFor_key: 0 });

    const plan = async (sql: string, values: unknown[] = []) => (await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, values)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(await plan(`SELECT id FROM "Execution" WHERE status = 'queued'`)).toMatch(/Execution_status_idx/);
    expect(await plan(`SELECT id FROM "Execution" WHERE status = $1::"ExecutionStatus"`, ["running"])).toMatch(/Execution_status_idx/);
    // What the foreign keys' ON DELETE SET NULL looks up when an execution is pruned.
    expect(await plan(`SELECT 1 FROM "Execution" WHERE "rerunOfId" = $1::uuid`, [flow.id])).toMatch(/Execution_rerunOfId_idx/);
    expect(await plan(`SELECT 1 FROM "Execution" WHERE "testedAgainstId" = $1::uuid`, [flow.id])).toMatch(/Execution_testedAgainstId_idx/);
  });
});
