import { randomBytes } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, ExecutionEvent, Flow } from "@fluxo/contracts";
import { loadConfig } from "../src/config.js";
import { EXECUTION_QUEUE } from "../src/executions/execution-queue.js";
import { createLogger } from "../src/logger.js";
import { redisOptions } from "../src/redis/redis-options.js";
import { startServer, type RunningServer } from "../src/server.js";
import { createTestDatabase, readEventStream, setupOwner, type TestDatabase } from "./harness.js";
import { startWorkerProcess, type WorkerProcess } from "./worker-process.js";

const REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const HAND_OFF_MS = 2_500;
const SHORT_WAIT_MS = 1_500; // held in place by the worker
const LONG_WAIT_MS = 4_000; // handed off: a delayed job in Redis

/**
 * Queue mode, issue 20 item 9: executions Redis lost the job of while they were `running` — one
 * handed off (its delayed job gone), one whose worker died with its job — resume from PostgreSQL
 * through the API's requeue pass, without running finished steps again; and one a live worker
 * still runs is left to that worker (never run twice). Real worker processes; Redis "loses its
 * data" by deleting every key of the test's prefix.
 */
describe("queue mode: running executions whose job Redis lost", () => {
  let db: TestDatabase;
  let api: RunningServer;
  let redis: Redis;
  let queue: Queue;
  let auth: Record<string, string>;
  let shortFlow: Flow;
  let longFlow: Flow;
  const workers: WorkerProcess[] = [];
  const prefix = `fluxo-test-${process.pid}-${randomBytes(3).toString("hex")}`;
  let workerEnv: Record<string, string>;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${api.url}${path}`, { method, headers: body ? { ...auth, "content-type": "application/json" } : auth, body: body ? JSON.stringify(body) : undefined });
    return (await res.json()) as T;
  };
  const trigger = async (flow: Flow) => (await call<{ executionId: string }>("POST", `/api/flows/${flow.id}/executions`, { input: { body: {} } })).executionId;
  const pauseStatus = async (id: string) => (await call<Execution>("GET", `/api/executions/${id}`)).steps.find((s) => s.stepId === "pausa")?.status;
  const flushPrefix = async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  };
  /** Every event of a finished execution, and how often each step started. */
  const finishedRun = async (id: string) => {
    await expect.poll(async () => (await call<Execution>("GET", `/api/executions/${id}`)).status, { timeout: 60_000, interval: 200 }).toBe("succeeded");
    const events = await readEventStream(`${api.url}/api/executions/${id}/events`, undefined, auth);
    const started = (stepId: string) => events.filter((e: ExecutionEvent) => e.type === "step.started" && e.stepId === stepId).length;
    return { events, started };
  };
  const flow = (name: string, waitMs: number) =>
    call<Flow>("POST", "/api/flows", {
      name,
      definition: {
        steps: [
          { id: "eco", connector: "transform", operation: "map", connectionId: null, parameters: { fields: [{ name: "ok", value: "sim" }] } },
          { id: "pausa", connector: "wait", operation: "delay", connectionId: null, parameters: { durationMs: waitMs } },
          { id: "fim", connector: "transform", operation: "map", connectionId: null, parameters: { fields: [{ name: "eco", value: "{{ .steps.eco.body.ok }}" }] } },
        ],
        edges: [
          { source: "trigger", target: "eco" },
          { source: "eco", target: "pausa" },
          { source: "pausa", target: "fim" },
        ],
      },
    });

  beforeAll(async () => {
    db = await createTestDatabase("postgres");
    redis = new Redis(REDIS_URL);
    queue = new Queue(EXECUTION_QUEUE, { connection: redisOptions(REDIS_URL), prefix });
    const env = { ...db.env, REDIS_URL, FLUXO_REDIS_PREFIX: prefix, FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_SANDBOX: "false" };
    api = await startServer(loadConfig({ ...env, FLUXO_MODE: "queue", PORT: "0", HOST: "127.0.0.1", NODE_ENV: "test", FLUXO_QUEUE_REQUEUE_MS: "500" }), createLogger("silent"));
    auth = await setupOwner(api.url);
    shortFlow = await flow("espera curta", SHORT_WAIT_MS);
    longFlow = await flow("espera longa", LONG_WAIT_MS);
    // Two slots: a job queued again for an execution this worker is running would be taken at once.
    workerEnv = { ...env, FLUXO_WORKER_CONCURRENCY: "2", FLUXO_WAIT_HANDOFF_MS: String(HAND_OFF_MS) };
    workers.push(await startWorkerProcess(workerEnv));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await queue?.close();
    await flushPrefix().catch(() => undefined);
    redis?.disconnect();
    await db?.drop();
  }, 60_000);

  it("leaves an execution a live worker runs to that worker when its job is lost: each step runs once", async () => {
    const id = await trigger(shortFlow);
    await expect.poll(() => pauseStatus(id), { timeout: 30_000, interval: 50 }).toBe("running");
    await flushPrefix();
    const { events, started } = await finishedRun(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect([started("eco"), started("pausa"), started("fim")]).toEqual([1, 1, 1]);
    expect(events.filter((e) => e.type === "execution.finished")).toHaveLength(1);
    // A second run of it would have collided with the first on the events' sequence.
    expect(workers[0]!.output()).not.toContain("execution could not be recorded");
  }, 90_000);

  it("resumes a handed-off execution whose delayed job Redis lost, without running finished steps again", async () => {
    const id = await trigger(longFlow);
    await expect.poll(() => queue.getJobState(id), { timeout: 30_000, interval: 50 }).toBe("delayed");
    await flushPrefix();
    expect(await queue.getJobState(id)).toBe("unknown");
    const { events, started } = await finishedRun(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect([started("eco"), started("pausa"), started("fim")]).toEqual([1, 1, 1]);
    const execution = await call<Execution>("GET", `/api/executions/${id}`);
    expect(execution.steps.find((s) => s.stepId === "pausa")?.durationMs).toBeGreaterThanOrEqual(LONG_WAIT_MS);
    expect(execution.steps.find((s) => s.stepId === "fim")?.output?.body).toEqual({ eco: "sim" });
  }, 90_000);

  it("resumes a running execution whose worker died and whose job Redis lost, on another worker", async () => {
    const id = await trigger(shortFlow);
    await expect.poll(() => pauseStatus(id), { timeout: 30_000, interval: 50 }).toBe("running");
    await workers.shift()!.kill("SIGKILL");
    await flushPrefix();
    workers.push(await startWorkerProcess(workerEnv));
    const { events, started } = await finishedRun(id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // The step running when the worker died goes on with its start; the one before it isn't run again.
    expect([started("eco"), started("pausa"), started("fim")]).toEqual([1, 1, 1]);
  }, 180_000);
});
