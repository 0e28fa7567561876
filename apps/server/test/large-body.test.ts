import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, Flow, Problem } from "@fluxo/contracts";
import { SLICE_CHARS } from "../src/http/json-slices.mjs";
import { readEventStream, startTestApp, type TestApp } from "./harness.js";
import { startQueueRig, type QueueRig } from "./queue-rig.js";

/**
 * A gateway body big enough to be checked in the worker thread and parsed in slices (single mode) or
 * only stored (queue mode), made of small objects with text that trips parsers: it is stored as
 * PostgreSQL reads the bytes sent, read back as the same JSON, and the flow sees its value.
 */
const items = Array.from({ length: Math.ceil((4 * SLICE_CHARS) / 60) }, (_, i) => ({ id: i, nome: `item ${i}`, s: `a,b]}{["\\"\n`, u: "é😀", n: [0.1, -0, 1e-7] }));
const BIG = `{ "items": ${JSON.stringify(items, null, 1)}, "big": 18446744073709551617, "last": "fim" }`;
const parsedBig = { ...JSON.parse(BIG), big: 18446744073709551617 } as Record<string, unknown>;

/** One transform step that answers `{{ .input.body.last }}`: the run read the parsed body. */
const DEFINITION = { steps: [{ id: "map", connector: "transform", operation: "map", connectionId: null, parameters: { fields: [{ name: "last", value: "{{ .input.body.last }}" }] } }], edges: [{ source: "trigger", target: "map" }] };

interface Target {
  url: string;
  auth: Record<string, string>;
  key: string;
  slug: string;
  flowId: string;
  pool: { query<R>(text: string, values: unknown[]): Promise<{ rows: R[] }> };
}

async function publish(call: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>, slug: string): Promise<{ key: string; flowId: string }> {
  const flow = await call("POST", "/api/flows", { name: slug, slug, definition: DEFINITION });
  expect(flow.status).toBe(201);
  const flowId = (flow.body as Flow).id;
  expect((await call("POST", `/api/flows/${flowId}/publish`, { note: "grande" })).status).toBe(201);
  return { key: ((await call("POST", "/api/api-keys", { name: slug })).body as { key: string }).key, flowId };
}

function roundTrips(target: () => Target): void {
  const send = (body: string) => fetch(`${target().url}/gateway/flows/${target().slug}`, { method: "POST", headers: { authorization: `Bearer ${target().key}`, "content-type": "application/json" }, body });

  it("stores a big body of small objects as PostgreSQL reads the bytes sent and answers the same JSON; the run sees its value", async () => {
    const res = await send(BIG);
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    const events = await readEventStream(`${target().url}/api/executions/${executionId}/events`, undefined, target().auth);
    expect(events.at(-1)).toMatchObject({ type: "execution.finished", status: "succeeded" });
    const { rows } = await target().pool.query<{ same: boolean }>(`SELECT input->'body' = $2::jsonb AS same FROM "Execution" WHERE id = $1`, [executionId, BIG]);
    expect(rows).toEqual([{ same: true }]);

    const answer = await fetch(`${target().url}/api/executions/${executionId}`, { headers: target().auth });
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const text = await answer.text();
    // Every digit of 2^64 + 1 as sent (the stored text, not a JavaScript number).
    expect(text).toContain('"big": 18446744073709551617');
    const execution = JSON.parse(text) as Execution;
    expect(execution.input.body).toEqual(parsedBig);
    expect(execution.steps.map((s) => [s.stepId, s.status, s.output?.body])).toEqual([["map", "succeeded", { last: "fim" }]]);
  });

  it("runs such an execution again and tests its step against it with its input as stored (every digit), the runs seeing its value", async () => {
    const res = await send(BIG);
    const { executionId: original } = (await res.json()) as { executionId: string };
    const follow = async (id: string) => (await readEventStream(`${target().url}/api/executions/${id}/events`, undefined, target().auth)).at(-1);
    expect(await follow(original)).toMatchObject({ status: "succeeded" });
    const post = (path: string, body: unknown) => fetch(`${target().url}/api${path}`, { method: "POST", headers: { ...target().auth, "content-type": "application/json" }, body: JSON.stringify(body) });

    const rerun = await post(`/executions/${original}/rerun`, { from: "start" });
    expect(rerun.status).toBe(202);
    const { executionId: again } = (await rerun.json()) as { executionId: string };
    expect(await follow(again)).toMatchObject({ status: "succeeded" });
    const tested = await post(`/flows/${target().flowId}/steps/map/test`, {});
    expect(tested.status).toBe(200);
    const test = (await tested.json()) as { executionId: string; testedAgainst: string; step: { status: string; output: { body: unknown } } };
    expect(test).toMatchObject({ testedAgainst: again, step: { status: "succeeded", output: { body: { last: "fim" } } } });

    const { rows } = await target().pool.query<{ id: string; same: boolean; last: unknown }>(
      `SELECT e.id, e.input = o.input AS same, s.output->'body'->'last' AS last FROM "Execution" e, "Execution" o, "StepRun" s
       WHERE e.id = ANY($1::uuid[]) AND o.id = $2 AND s."executionId" = e.id ORDER BY e."createdAt"`,
      [[again, test.executionId], original],
    );
    expect(rows).toEqual([
      { id: again, same: true, last: "fim" },
      { id: test.executionId, same: true, last: "fim" },
    ]);
  });

  it("refuses a big body holding a NUL or half a character with 422 naming where, storing nothing; a whole pair is kept", async () => {
    const before = (await target().pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Execution"`, [])).rows[0]!.n;
    for (const [bad, path] of [['"\\u0000"', "input.body.items.7.s"], ['"x\\ud800"', "input.body.items.7.s"], ['"\\udc00"', "input.body.items.7.s"]] as const) {
      const withBad = (some: typeof items) => JSON.stringify({ ...JSON.parse(BIG), items: some.map((item, i) => (i === 7 ? { ...item, s: JSON.parse(bad) } : item)) });
      const res = await send(withBad(items));
      expect(res.status, bad).toBe(422);
      const refused = (await res.json()) as Problem;
      expect(refused.detail).toContain(path);
      // Word for word what a small body (searched on the event loop, not in the JSON worker thread) is told.
      const small = await send(withBad(items.slice(0, 8)));
      expect(refused).toEqual(await small.json());
    }
    expect((await target().pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Execution"`, [])).rows[0]!.n).toBe(before);
    const pair = await send(BIG.replace('"last": "fim"', '"last": "\\ud83d\\ude00"'));
    expect(pair.status).toBe(202);
  });

  it("answers 400 for a big body that isn't JSON", async () => {
    const res = await send(BIG.slice(0, -1));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).detail).toMatch(/JSON válido/);
  });
}

describe("a big gateway body in single mode: parsed in slices between other requests", () => {
  let app: TestApp;
  let target: Target;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const published = await publish((method, path, body) => app.api(method, path, body), "grande-unico");
    target = { url: app.url, auth: app.auth, ...published, slug: "grande-unico", pool: app.server.database.pool };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });
  roundTrips(() => target);
});

describe("a big gateway body in queue mode: the API stores its text, the worker parses it", () => {
  let rig: QueueRig;
  let target: Target;
  beforeAll(async () => {
    rig = await startQueueRig({ workers: 1 });
    const published = await publish((method, path, body) => rig.call(method, path, body), "grande-fila");
    target = { url: rig.api.url, auth: rig.auth, ...published, slug: "grande-fila", pool: rig.api.database.pool };
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);
  roundTrips(() => target);
});
