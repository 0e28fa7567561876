// `node_modules/.bin/tsx apps/server/scripts/event-loop-stall.ts`: how long big gateway bodies hold the
// API's event loop (issue 20 item 3: a single request should not block it for more than ~100 ms).
// Needs the machine's PostgreSQL, like the tests. STALL_BODY_MB (default 9) and STALL_ROUNDS (default 5).
// For each body shape: what the JSON checks cost when they ran in place, what one JSON.parse costs and
// the longest block of the sliced parse the API does instead (single mode; queue mode parses nothing:
// the worker does), then the longest event-loop block and the slowest /api/health while the API takes
// ROUNDS such bodies through POST /gateway/flows/<slug> and runs them, and while it answers each back
// (GET /api/executions/:id). The machine's load average is printed: on 2 shared cores a loaded machine
// stretches every block (bench/RESULTS.md has runs and their loads).
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Flow } from "@fluxo/contracts";
import { slicePlan } from "../src/http/json-slices.mjs";
import { checkJsonText } from "../src/http/json-text.mjs";
import { parseInSlices } from "../src/http/sliced-parse.js";
import { readEventStream, startTestApp } from "../test/harness.js";

const MB = Number(process.env.STALL_BODY_MB ?? 9);
const ROUNDS = Number(process.env.STALL_ROUNDS ?? 5);
const SHAPES = {
  "one big string": () => ({ big: "x".repeat(MB * 1024 * 1024) }),
  "a list of small objects": () => ({ items: Array.from({ length: Math.round((MB * 1024 * 1024) / 34) }, (_, i) => ({ id: i, nome: `item ${i}` })) }),
};
/** The longest stretch `work` keeps the loop from turning (a one-piece parse included, which a delay histogram misses). */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let working = true;
  const turn = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (working) setImmediate(turn);
  };
  setImmediate(turn);
  await work();
  working = false;
  return Math.max(longest, performance.now() - last);
}
const ms = (n: number) => `${n.toFixed(1)} ms`;
const worst = (runs: number[]) => Math.max(...runs);

const app = await startTestApp("postgres");
try {
  const flow = (
    await app.api<Flow>("POST", "/api/flows", {
      name: "stall",
      definition: { steps: [{ id: "ok", connector: "transform", operation: "map", connectionId: null, parameters: { fields: [{ name: "ok", value: "sim" }] } }], edges: [{ source: "trigger", target: "ok" }] },
    })
  ).body;
  await app.api("POST", `/api/flows/${flow.id}/publish`, { note: "stall" });
  const { key } = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "stall" })).body;
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}; ${ROUNDS} bodies of ${MB} MB per shape`);

  for (const [shape, make] of Object.entries(SHAPES)) {
    const body = Buffer.from(JSON.stringify(make()));
    const checks: number[] = [];
    const parses: number[] = [];
    const slicedBlocks: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let started = performance.now();
      const checked = checkJsonText(body);
      checks.push(performance.now() - started);
      if (!("text" in checked)) throw new Error(checked.problem.code);
      started = performance.now();
      JSON.parse(checked.text);
      parses.push(performance.now() - started);
      const plan = slicePlan(checked.text);
      slicedBlocks.push(await longestBlock(() => parseInSlices(checked.text, plan)));
    }

    // Followed to its end through the event stream: reading the execution back (its 9 MB input) is measured on its own below.
    const ran: string[] = [];
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let probing = true;
    let slowestHealth = 0;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await fetch(`${app.url}/api/health`);
        slowestHealth = Math.max(slowestHealth, performance.now() - started);
      }
    })();
    delay.enable();
    try {
      for (let i = 0; i < ROUNDS; i++) {
        const res = await fetch(`${app.url}/gateway/flows/${flow.slug}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
        if (res.status !== 202) throw new Error(`the gateway answered ${res.status}: ${await res.text()}`);
        const { executionId } = (await res.json()) as { executionId: string };
        await readEventStream(`${app.url}/api/executions/${executionId}/events`, undefined, { authorization: `Bearer ${key}` });
        ran.push(executionId);
      }
    } finally {
      delay.disable();
      probing = false;
      await probe;
    }
    const readBack = monitorEventLoopDelay({ resolution: 5 });
    readBack.enable();
    for (const id of ran) await (await fetch(`${app.url}/api/executions/${id}`, { headers: { authorization: `Bearer ${key}` } })).arrayBuffer();
    readBack.disable();
    console.log(
      `${shape} (${(body.length / 1e6).toFixed(1)} MB): checks in place, worst ${ms(worst(checks))} (in a worker thread); one JSON.parse, worst ${ms(worst(parses))}, ` +
        `parsed in slices instead: longest block ${ms(worst(slicedBlocks))}; ` +
        `trigger and run through the gateway: longest event-loop block ${ms(delay.max / 1e6)}, p99 ${ms(delay.percentile(99) / 1e6)}, slowest /api/health ${ms(slowestHealth)}; ` +
        `reading each back (GET /api/executions/:id): longest block ${ms(readBack.max / 1e6)}; load average now ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
} finally {
  await app.close();
}
// Something the app started (a pool's timer, the sandbox) keeps the process up after close: the measurement is done.
process.exit(0);
