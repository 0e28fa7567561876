import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, ExecutionEvent } from "@fluxo/contracts";
import { readFile } from "node:fs/promises";
import { eventsRow, storedFinishedEvent } from "../src/executions/execution-events.js";
import { readEventStream, readSse, startTestApp, type TestApp } from "./harness.js";

describe("execution events over SSE", () => {
  let app: TestApp;
  let flowId: string;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const connection = await app.createConnection();
    flowId = (await app.createFlow(connection.id)).id;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const trigger = async () => (await app.api<{ executionId: string }>("POST", `/api/flows/${flowId}/executions`, {})).body.executionId;

  it("replays a finished execution's events in order, with seq as the SSE id, then closes", async () => {
    const id = await trigger();
    await app.waitForExecution(id);
    const messages = await readSse(`${app.url}/api/executions/${id}/events`, { headers: app.auth });
    expect(messages.map((m) => m.event)).toEqual(["execution.started", "step.started", "step.succeeded", "execution.finished"]);
    expect(messages.map((m) => m.id)).toEqual(["1", "2", "3", "4"]);
    const events = messages.map((m) => JSON.parse(m.data) as ExecutionEvent);
    for (const event of events) expect(event).toMatchObject({ executionId: id, at: expect.any(String) });
    expect(events[2]).toMatchObject({ stepId: "credentials", status: "succeeded", attempt: 1, durationMs: expect.any(Number) });
    expect(events[3]).toMatchObject({ status: "succeeded", durationMs: expect.any(Number) });
  });

  it("resumes after Last-Event-ID", async () => {
    const id = await trigger();
    await app.waitForExecution(id);
    const events = await readEventStream(`${app.url}/api/executions/${id}/events`, "2", app.auth);
    expect(events.map((e) => e.seq)).toEqual([3, 4]);
  });

  it("streams live events and a dropped connection resumes without gaps or repeats", async () => {
    app.sandbox.setLatency(700);
    try {
      const id = await trigger();
      const url = `${app.url}/api/executions/${id}/events`;
      const first = await readSse(url, { stopAfter: 2, headers: app.auth }); // drop the connection mid-run
      expect(first.map((m) => m.event)).toEqual(["execution.started", "step.started"]);
      const rest = await readSse(url, { lastEventId: first.at(-1)!.id!, headers: app.auth });
      expect(rest.map((m) => m.event)).toEqual(["step.succeeded", "execution.finished"]);
      expect([...first, ...rest].map((m) => Number(m.id))).toEqual([1, 2, 3, 4]);
    } finally {
      app.sandbox.setLatency(0);
    }
  });

  it("answers 404 as problem+json for an unknown execution", async () => {
    const res = await fetch(`${app.url}/api/executions/00000000-0000-0000-0000-000000000000/events`, { headers: app.auth });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  describe("from the database (a process that didn't run it)", () => {
    const storedRows = async (id: string) =>
      (await app.server.database.pool.query<{ lastSeq: number; seqs: number[] }>(`SELECT "lastSeq", ARRAY(SELECT (e->>'seq')::int FROM jsonb_array_elements(events) e) AS seqs FROM "ExecutionEvents" WHERE "executionId" = $1 ORDER BY "lastSeq"`, [id])).rows;
    /** Every Last-Event-ID, also one in the middle of a commit's events, gives the events after it. */
    const expectReplays = async (id: string, all: ExecutionEvent[]) => {
      // (After the last one the stream waits for events to come: it isn't asked for.)
      for (let last = 0; last < all.length; last++) {
        const replayed = await readEventStream(`${app.url}/api/executions/${id}/events`, last === 0 ? undefined : String(last), app.auth);
        expect(replayed, `Last-Event-ID ${last}`).toEqual(all.slice(last));
      }
      expect(await storedFinishedEvent(app.server.database.pool, id)).toEqual(all.at(-1));
    };

    it("stores the events of one commit as one row and replays them one by one from any Last-Event-ID", async () => {
      const id = await trigger();
      await app.waitForExecution(id);
      const live = await readEventStream(`${app.url}/api/executions/${id}/events`, undefined, app.auth);
      // The trigger's commit (started, its step started), then the step's end with the execution's.
      expect(await storedRows(id)).toEqual([{ lastSeq: 2, seqs: [1, 2] }, { lastSeq: 4, seqs: [3, 4] }]);
      await app.restart();
      await expectReplays(id, live);
      // Held by the sandbox, so it is surely still running when asked (a busy machine can finish it first otherwise).
      app.sandbox.setLatency(2_000);
      try {
        const running = await trigger();
        expect(await storedFinishedEvent(app.server.database.pool, running)).toBeNull();
        await app.waitForExecution(running);
      } finally {
        app.sandbox.setLatency(0);
      }
    });

    it("converts the events an older database stored one per row (migration execution_events_per_commit)", async () => {
      const id = await trigger();
      await app.waitForExecution(id);
      const live = await readEventStream(`${app.url}/api/executions/${id}/events`, undefined, app.auth);
      const { pool } = app.server.database;
      // The table as the migrations before it left it, holding this execution's events.
      await pool.query(`CREATE TABLE "ExecutionEvent" ("executionId" uuid NOT NULL REFERENCES "Execution"(id) ON DELETE CASCADE, seq int NOT NULL, type text NOT NULL, payload jsonb NOT NULL, at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY ("executionId", seq))`);
      await pool.query(`INSERT INTO "ExecutionEvent" ("executionId", seq, type, payload) SELECT "executionId", (e->>'seq')::int, e->>'type', e FROM "ExecutionEvents", jsonb_array_elements(events) e`);
      await pool.query(`DROP TABLE "ExecutionEvents"`);
      const migration = await readFile(new URL("../../../prisma/migrations/20261207103000_execution_events_per_commit/migration.sql", import.meta.url), "utf8");
      await pool.query(migration);

      expect(await storedRows(id)).toEqual([1, 2, 3, 4].map((seq) => ({ lastSeq: seq, seqs: [seq] })));
      await app.restart();
      await expectReplays(id, live);
    });
  });

  it("marks an execution a dead process left running as interrupted at the next start, naming the step", async () => {
    // What a process killed mid-step leaves behind: the execution and its step "running".
    const prisma = app.server.database.prisma;
    const flow = await prisma.flow.findUniqueOrThrow({ where: { id: flowId } });
    const started = new Date();
    const { id } = await prisma.execution.create({
      data: { flowId, flowVersion: flow.version, definition: flow.definition ?? {}, input: { body: null, headers: {}, query_params: {} }, status: "running", startedAt: started },
    });
    await prisma.stepRun.create({ data: { executionId: id, stepId: "credentials", position: 0, connector: "btg-id", operation: "get-credentials", status: "running", attempt: 1, startedAt: started } });
    await prisma.executionEvents.create({ data: eventsRow((["execution.started", "step.started"] as const).map((type, i) => ({ seq: i + 1, type, executionId: id, at: started.toISOString() }) as ExecutionEvent)) });

    await app.restart();
    expect(app.server.recovered.interrupted).toContain(id);
    const execution = (await app.api<Execution>("GET", `/api/executions/${id}`)).body;
    expect(execution.status).toBe("interrupted");
    expect(execution.error?.message).toContain('"credentials"');
    expect(execution.steps[0]!.status).toBe("failed");
    const events = await readEventStream(`${app.url}/api/executions/${id}/events`, undefined, app.auth);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(events.at(-1)).toMatchObject({ type: "execution.finished", status: "interrupted" });
  });
});
