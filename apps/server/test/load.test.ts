import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./harness.js";

/**
 * Nothing is lost under load: executions triggered through the API at concurrency 64 are
 * all stored, all finish, each with its events 1..n without gaps. `npm test` runs the issue's
 * 10 000 (about 2 minutes here); FLUXO_LOAD_EXECUTIONS=500 makes a quick local run.
 */
const TOTAL = Number(process.env.FLUXO_LOAD_EXECUTIONS ?? 10_000);
const CONCURRENCY = 64;

describe(`${TOTAL} executions at concurrency ${CONCURRENCY}`, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("stores every one, finishes every one, and keeps each one's events in order without gaps", async () => {
    const connection = await app.createConnection();
    const flow = await app.createFlow(connection.id);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const url = new URL(`${app.url}/api/flows/${flow.id}/executions`);
    const post = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers: { ...app.auth, "content-type": "application/json", "content-length": 2 } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end("{}");
      });
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL) {
          next++;
          statuses.push(await post());
        }
      }),
    );
    agent.destroy();
    expect(statuses.filter((s) => s === 202)).toHaveLength(TOTAL);

    const { pool } = app.server.database;
    const count = async (where: string) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Execution" WHERE "flowId" = $1 ${where}`, [flow.id])).rows[0]!.n);
    while ((await count(`AND status IN ('queued', 'running')`)) > 0) await new Promise((r) => setTimeout(r, 200));

    expect(await count("")).toBe(TOTAL);
    expect(await count(`AND status = 'succeeded'`)).toBe(TOTAL);
    // Per execution: events numbered 1..n with n events, the last one execution.finished.
    const { rows } = await pool.query<{ id: string; n: string; max: number; min: number; last: string }>(
      `SELECT e.id, count(*) AS n, max((p.event->>'seq')::int) AS max, min((p.event->>'seq')::int) AS min,
              (array_agg(p.event->>'type' ORDER BY (p.event->>'seq')::int DESC))[1] AS last
       FROM "Execution" e JOIN "ExecutionEvents" ev ON ev."executionId" = e.id CROSS JOIN LATERAL jsonb_array_elements(ev.events) AS p(event)
       WHERE e."flowId" = $1 GROUP BY e.id`,
      [flow.id],
    );
    expect(rows).toHaveLength(TOTAL);
    const broken = rows.filter((r) => Number(r.n) !== r.max || r.min !== 1 || r.last !== "execution.finished" || Number(r.n) !== 4);
    expect(broken).toEqual([]);
  }, 1_800_000);
});
