import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, ExecutionRetention, Flow } from "@fluxo/contracts";
import { pruneExecutions } from "../src/executions/execution-pruning.js";
import { readEventStream, startTestApp, type TestApp } from "./harness.js";

/** Pruning old executions, against the real PostgreSQL: by age, by count per workspace, never a run in progress. */
describe("execution pruning", () => {
  let app: TestApp;
  let flowA: Flow;
  let flowB: string;
  const pool = () => app.server.database.pool;

  /** `n` executions of `flowId`, `ageDays` old (each a second older than the last), with a step run and an event each. */
  const insert = async (flowId: string, n: number, ageDays: number, status = "succeeded"): Promise<string[]> => {
    const { rows } = await pool().query<{ id: string }>(
      `INSERT INTO "Execution" (id, "flowId", "flowVersion", definition, input, status, "createdAt")
       SELECT gen_random_uuid(), $1, 1, '{"steps":[],"edges":[]}', '{}', $2::"ExecutionStatus", (now() AT TIME ZONE 'UTC') - make_interval(days => $3::int, secs => g)
       FROM generate_series(1, $4::int) g RETURNING id`,
      [flowId, status, ageDays, n],
    );
    const ids = rows.map((r) => r.id);
    await pool().query(`INSERT INTO "StepRun" ("executionId", "stepId", position, connector, operation, status) SELECT id, 'a', 0, 'http', 'request', 'succeeded' FROM unnest($1::uuid[]) id`, [ids]);
    await pool().query(`INSERT INTO "ExecutionEvents" ("executionId", "lastSeq", events) SELECT id, 1, '[{}]' FROM unnest($1::uuid[]) id`, [ids]);
    return ids;
  };
  const existing = async (ids: string[]) => (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM "Execution" WHERE id = ANY($1::uuid[])`, [ids])).rows[0]!.n;
  const orphans = async () =>
    (await pool().query<{ n: number }>(`SELECT ((SELECT count(*) FROM "StepRun" s WHERE NOT EXISTS (SELECT 1 FROM "Execution" e WHERE e.id = s."executionId")) + (SELECT count(*) FROM "ExecutionEvents" v WHERE NOT EXISTS (SELECT 1 FROM "Execution" e WHERE e.id = v."executionId")))::int AS n`)).rows[0]!.n;
  const clear = () => pool().query(`DELETE FROM "Execution"`);

  beforeAll(async () => {
    app = await startTestApp("postgres");
    flowA = await app.createFlow((await app.createConnection()).id);
    // A second workspace of the same owner, with a flow of its own (the session moves there, then back).
    const home = (await app.api<{ workspace: { id: string } }>("GET", "/api/auth/session")).body.workspace.id;
    await app.api("POST", "/api/workspaces", { name: "Outra equipe" });
    flowB = (await app.api<Flow>("POST", "/api/flows", { name: "Fluxo da outra equipe" })).body.id;
    await app.api("POST", "/api/auth/workspace", { workspaceId: home });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it("keeps 14 days and 10 000 executions by default; only owners and admins change it, within sane bounds", async () => {
    expect((await app.api<ExecutionRetention>("GET", "/api/workspace/retention")).body).toEqual({ days: 14, maxExecutions: 10_000 });
    const bad = await app.api<{ errors: { path: string; message: string }[] }>("PUT", "/api/workspace/retention", { days: 0, maxExecutions: 10_000 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(["days"]);
    expect((await app.api<ExecutionRetention>("GET", "/api/workspace/retention")).body.days).toBe(14);
    const saved = await app.api<ExecutionRetention>("PUT", "/api/workspace/retention", { days: 7, maxExecutions: 500 });
    expect(saved).toMatchObject({ status: 200, body: { days: 7, maxExecutions: 500 } });
    expect((await app.api<ExecutionRetention>("GET", "/api/workspace/retention")).body).toEqual({ days: 7, maxExecutions: 500 });
    await app.api("PUT", "/api/workspace/retention", { days: 14, maxExecutions: 10_000 });
  });

  it("deletes finished executions older than the workspace's days with their steps and events, and never a queued or running one", async () => {
    await clear();
    const old = await insert(flowA.id, 30, 20);
    const oldFailed = await insert(flowA.id, 5, 20, "failed");
    const oldRunning = await insert(flowA.id, 2, 20, "running");
    const oldQueued = await insert(flowA.id, 2, 20, "queued");
    const recent = await insert(flowA.id, 10, 3);
    const otherWorkspaceOld = await insert(flowB, 4, 20);

    // Batches of 7: the 39 old finished ones take several statements.
    expect(await pruneExecutions(pool(), { batch: 7, pauseMs: 0 })).toEqual({ byAge: 39, byCount: 0 });
    expect(await existing([...old, ...oldFailed, ...otherWorkspaceOld])).toBe(0);
    expect(await existing([...oldRunning, ...oldQueued, ...recent])).toBe(14);
    expect(await orphans()).toBe(0);
    // Nothing more to do on a second pass.
    expect(await pruneExecutions(pool())).toEqual({ byAge: 0, byCount: 0 });
  });

  it("keeps each workspace's newest maxExecutions (a workspace's cap doesn't touch another's)", async () => {
    await clear();
    expect((await app.api("PUT", "/api/workspace/retention", { days: 14, maxExecutions: 100 })).status).toBe(200);
    const newestA = await insert(flowA.id, 100, 0);
    const olderA = await insert(flowA.id, 150, 1);
    const olderRunningA = await insert(flowA.id, 1, 2, "running");
    const inB = await insert(flowB, 250, 1);

    expect(await pruneExecutions(pool(), { batch: 40, pauseMs: 0 })).toEqual({ byAge: 0, byCount: 150 });
    expect(await existing(newestA)).toBe(100);
    expect(await existing(olderA)).toBe(0);
    expect(await existing(olderRunningA)).toBe(1);
    expect(await existing(inB)).toBe(250);
    expect(await orphans()).toBe(0);
    await app.api("PUT", "/api/workspace/retention", { days: 14, maxExecutions: 10_000 });
  });

  it("a run in progress while its execution would be pruned finishes normally, every event kept", async () => {
    await clear();
    app.sandbox.setLatency(1500);
    try {
      const { executionId } = (await app.api<{ executionId: string }>("POST", `/api/flows/${flowA.id}/executions`, {})).body;
      // Made to look a month old while it runs: by age it would go, but it runs.
      await pool().query(`UPDATE "Execution" SET "createdAt" = "createdAt" - interval '30 days' WHERE id = $1`, [executionId]);
      const status = (await pool().query<{ status: string }>(`SELECT status FROM "Execution" WHERE id = $1`, [executionId])).rows[0]!.status;
      expect(["queued", "running"]).toContain(status);
      await insert(flowA.id, 20, 30);

      expect(await pruneExecutions(pool(), { batch: 5, pauseMs: 0 })).toEqual({ byAge: 20, byCount: 0 });
      const events = await readEventStream(`${app.url}/api/executions/${executionId}/events`, undefined, app.auth);
      expect(events.map((e) => e.type)).toEqual(["execution.started", "step.started", "step.succeeded", "execution.finished"]);
      expect((await app.api<Execution>("GET", `/api/executions/${executionId}`)).body.status).toBe("succeeded");
    } finally {
      app.sandbox.setLatency(0);
    }
  });

  it("a stopped pass ends after the batch in progress (a shutdown doesn't wait for a whole backlog)", async () => {
    await clear();
    const old = await insert(flowA.id, 30, 20);
    const stop = new AbortController();
    stop.abort();
    expect(await pruneExecutions(pool(), { batch: 10, pauseMs: 0, signal: stop.signal })).toEqual({ byAge: 0, byCount: 0 });
    expect(await existing(old)).toBe(30);
  });

  it("prunes in one process at a time: while another holds the pruning lock, a pass does nothing", async () => {
    await clear();
    const old = await insert(flowA.id, 3, 20);
    const other = await pool().connect();
    try {
      await other.query("SELECT pg_advisory_lock($1)", [0x464c_5850]);
      expect(await pruneExecutions(pool())).toBeNull();
      expect(await existing(old)).toBe(3);
      await other.query("SELECT pg_advisory_unlock($1)", [0x464c_5850]);
      expect(await pruneExecutions(pool())).toEqual({ byAge: 3, byCount: 0 });
    } finally {
      other.release();
    }
  });
});
