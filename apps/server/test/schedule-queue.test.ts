import { Writable } from "node:stream";
import type { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Flow } from "@fluxo/contracts";
import { REDACTED_LOG_PATHS } from "../src/logger.js";
import { SCHEDULE_QUEUE } from "../src/schedules/queue-scheduler.js";
import type { RunningServer } from "../src/server.js";
import { AUTHORIZATION_DETAILS } from "./harness.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";

/**
 * Queue mode: two API processes' schedulers (in this process, as the other queue tests run their
 * APIs) and two worker processes on one Redis, a flow scheduled every second.
 */
describe("the Agendador in queue mode (BullMQ job schedulers)", () => {
  let rig: QueueRig;
  let apis: RunningServer[];
  let redis: Redis;
  let prefix: string;
  const logLines: string[] = [];
  let flowId: string;

  const logger = () => pino({ level: "debug", redact: { paths: REDACTED_LOG_PATHS, censor: "[redacted]" } }, new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(chunk.toString()), done()) }));
  const call = <T>(method: string, path: string, body?: unknown) => rig.call<T>(method, path, body);
  const startApi = () => rig.startApi(logger());
  const runs = async () =>
    (await apis[0]!.database.pool.query<{ scheduledFor: Date; status: string }>(`SELECT "scheduledFor", status FROM "Execution" WHERE "flowId" = $1 AND "triggerSource" = 'schedule' ORDER BY "scheduledFor"`, [flowId])).rows;
  /** Waits until `count` more ticks than `from` were stored. */
  const ticksAfter = async (from: number, count: number) => {
    for (let i = 0; i < 240; i++) {
      const rows = await runs();
      if (rows.length >= from + count) return rows;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`fewer than ${from + count} scheduled runs were stored`);
  };
  /** Each tick once: the ticks stored are distinct, consecutive seconds (none lost, none doubled). */
  const expectEachTickOnce = (rows: { scheduledFor: Date }[]) => {
    const seconds = rows.map((r) => r.scheduledFor.getTime() / 1000);
    expect(seconds.every(Number.isInteger)).toBe(true);
    expect(seconds).toEqual(seconds.map((_, i) => seconds[0]! + i));
  };

  beforeAll(async () => {
    rig = await startQueueRig({ apis: 2, workers: 2, logger });
    ({ apis, redis, prefix } = rig);
    const connection = await rig.createConnection();
    const steps = [{ id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: connection.id, parameters: { grantType: "client_credentials", authorizationDetails: AUTHORIZATION_DETAILS } }];
    flowId = (await call<Flow>("POST", "/api/flows", { name: "agendado", definition: { steps, edges: [{ source: "trigger", target: "credentials" }] } })).body.id;
    expect((await call("POST", `/api/flows/${flowId}/publish`, {})).status).toBe(201);
  }, 180_000);

  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it("with two APIs and two workers a 1-second schedule runs each tick exactly once, run by the workers", async () => {
    expect((await call("PUT", `/api/flows/${flowId}/schedule`, { cron: "* * * * * *", timezone: "UTC" })).status).toBe(200);
    const rows = await ticksAfter(0, 6);
    expectEachTickOnce(rows);
    // Redis delivered each tick to one API only: the database's (flow, tick) guard never had to step in.
    expect(logLines.filter((l) => l.includes("schedule tick already ran elsewhere"))).toEqual([]);
    // Stored as queued by an API, run by a worker.
    for (let i = 0; i < 60 && (await runs()).slice(0, 6).some((r) => r.status !== "succeeded"); i++) await new Promise((r) => setTimeout(r, 250));
    expect((await runs()).slice(0, 6).map((r) => r.status)).toEqual(Array(6).fill("succeeded"));
    expect(rig.workers.every((w) => !w.output().includes("Error"))).toBe(true);
  });

  it("an API restart neither doubles nor loses a tick (the other API goes on; the new one re-syncs from PostgreSQL)", async () => {
    const before = (await runs()).length;
    await apis.shift()!.close();
    await startApi();
    const rows = await ticksAfter(before, 4);
    expectEachTickOnce(rows);
    expect(logLines.filter((l) => l.includes("schedule tick already ran elsewhere"))).toEqual([]);
  });

  it("re-syncs schedules to Redis on start when Redis lost them, and removes a scheduler PostgreSQL no longer has", async () => {
    const queueKeys = async () => redis.keys(`${prefix}:${SCHEDULE_QUEUE}:*`);
    await call("DELETE", `/api/flows/${flowId}/schedule`);
    expect((await redis.zcard(`${prefix}:${SCHEDULE_QUEUE}:repeat`))).toBe(0);
    // The schedule is back in PostgreSQL only (as if Redis had lost it): a starting API puts it back.
    await call("PUT", `/api/flows/${flowId}/schedule`, { cron: "* * * * * *", timezone: "UTC" });
    const keys = await queueKeys();
    if (keys.length > 0) await redis.del(...keys);
    const before = (await runs()).length;
    await startApi();
    await ticksAfter(before, 2);
    expect(await redis.zcard(`${prefix}:${SCHEDULE_QUEUE}:repeat`)).toBe(1);

    // A scheduler Redis still has for a schedule PostgreSQL dropped: the next start removes it.
    await apis[0]!.database.pool.query(`DELETE FROM "FlowSchedule" WHERE "flowId" = $1`, [flowId]);
    await startApi();
    expect(await redis.zcard(`${prefix}:${SCHEDULE_QUEUE}:repeat`)).toBe(0);
  });
});
