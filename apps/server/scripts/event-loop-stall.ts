// `node_modules/.bin/tsx apps/server/scripts/event-loop-stall.ts`: how long big gateway bodies hold the
// API's event loop (issue 20 item 3: a single request should not block it for more than ~100 ms).
// Needs the machine's PostgreSQL, like the tests. STALL_BODY_MB (default 9) and STALL_ROUNDS (default 5).
// For each body shape: what the JSON checks cost when they ran in place, what one JSON.parse costs and
// the longest block of the sliced parse the API does instead (single mode; queue mode parses nothing:
// the worker does), then the longest event-loop block and the slowest /api/health while the API takes
// ROUNDS such bodies through POST /gateway/flows/<slug> and runs them, while it answers each back
// (GET /api/executions/:id), replays its first SSE event, lists it (the workspace's and the flow's
// history), runs it again, tests its step against it, and refuses the same body with a NUL at its end.
// The machine's load average is printed: on 2 shared cores a loaded machine stretches every block
// (bench/RESULTS.md has runs and their loads).
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Flow } from "@fluxo/contracts";
import { slicePlan } from "../src/http/json-slices.mjs";
import { checkJsonText } from "../src/http/json-text.mjs";
import { parseInSlices } from "../src/http/sliced-parse.js";
import { readEventStream, readSse, startTestApp } from "../test/harness.js";

const MB = Number(process.env.STALL_BODY_MB ?? 9);
const ROUNDS = Number(process.env.STALL_ROUNDS ?? 5);
const ALL_SHAPES = {
  "one big string": () => ({ big: "x".repeat(MB * 1024 * 1024) }),
  "a list of small objects": () => ({ items: Array.from({ length: Math.round((MB * 1024 * 1024) / 34) }, (_, i) => ({ id: i, nome: `item ${i}` })) }),
};
// STALL_SHAPES=objects (or string) measures one shape only.
const SHAPES = Object.fromEntries(Object.entries(ALL_SHAPES).filter(([name]) => !process.env.STALL_SHAPES || name.includes(process.env.STALL_SHAPES)));
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
const told = ({ longest, slowestHealth }: { longest: number; slowestHealth: number }) => `${ms(longest)} (${ms(slowestHealth)})`;

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
  const auth = { authorization: `Bearer ${key}` };
  const gateway = (body: Buffer) => fetch(`${app.url}/gateway/flows/${flow.slug}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body });
  const finished = (executionId: string) => readEventStream(`${app.url}/api/executions/${executionId}/events`, undefined, auth);
  const ok = async (res: Response) => {
    if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
    return res;
  };
  /** The longest event-loop block while `work` runs, and the slowest /api/health asked meanwhile, one after another. */
  const whileProbing = async (work: () => Promise<void>) => {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let probing = true;
    let slowestHealth = 0;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        // A kept-alive connection the server closed while idle resets once: only the time counts here.
        await fetch(`${app.url}/api/health`).catch(() => undefined);
        slowestHealth = Math.max(slowestHealth, performance.now() - started);
      }
    })();
    delay.enable();
    try {
      await work();
    } finally {
      delay.disable();
      probing = false;
      await probe;
    }
    return { longest: delay.max / 1e6, slowestHealth };
  };
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
    const triggered = await whileProbing(async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const res = await gateway(body);
        if (res.status !== 202) throw new Error(`the gateway answered ${res.status}: ${await res.text()}`);
        const { executionId } = (await res.json()) as { executionId: string };
        await finished(executionId);
        ran.push(executionId);
      }
    });
    const readBack = await whileProbing(async () => {
      for (const id of ran) {
        const res = await fetch(`${app.url}/api/executions/${id}`, { headers: auth });
        if (res.headers.has("etag")) throw new Error("GET /api/executions/:id answered an ETag: measure its hashing");
        await res.arrayBuffer();
      }
    });
    // The SSE replay of a finished run (its first event), and the lists that show it.
    const streamed = await whileProbing(async () => {
      for (const id of ran) await readSse(`${app.url}/api/executions/${id}/events`, { headers: auth, stopAfter: 1 });
    });
    const listed = await whileProbing(async () => {
      for (let i = 0; i < ROUNDS; i++) {
        await ok(await fetch(`${app.url}/api/executions?flowId=${flow.id}`, { headers: auth }));
        await ok(await fetch(`${app.url}/api/flows/${flow.id}/executions`, { headers: auth }));
      }
    });
    // The debugging loop on such a run: run it again (followed to its end), test its step against it.
    const rerun = await whileProbing(async () => {
      for (const id of ran) {
        const res = await ok(await fetch(`${app.url}/api/executions/${id}/rerun`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: '{"from":"start"}' }));
        await finished(((await res.json()) as { executionId: string }).executionId);
      }
    });
    const stepTest = await whileProbing(async () => {
      for (let i = 0; i < ROUNDS; i++) await (await ok(await fetch(`${app.url}/api/flows/${flow.id}/steps/ok/test`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: "{}" }))).arrayBuffer();
    });
    // The same body with a NUL deep in its end: refused with 422 naming where.
    const withNul = Buffer.from(body.toString().replace(/"([^"]*)"([\]}]+)$/, '"$1\\u0000"$2'));
    const refused = await whileProbing(async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const res = await gateway(withNul);
        if (res.status !== 422) throw new Error(`a NUL answered ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }
    });
    console.log(
      `${shape} (${(body.length / 1e6).toFixed(1)} MB): checks in place, worst ${ms(worst(checks))} (in a worker thread); one JSON.parse, worst ${ms(worst(parses))}, ` +
        `parsed in slices instead: longest block ${ms(worst(slicedBlocks))}; longest event-loop block (slowest /api/health meanwhile): ` +
        `trigger and run through the gateway ${told(triggered)}; reading each back (GET /api/executions/:id, no ETag) ${told(readBack)}; ` +
        `first SSE event ${told(streamed)}; the lists (GET /api/executions, the flow's history) ${told(listed)}; re-run ${told(rerun)}; step test ${told(stepTest)}; ` +
        `a NUL at its end refused ${told(refused)}; load average now ${os.loadavg()[0]!.toFixed(1)}`,
    );
  }
} finally {
  await app.close();
}
// Something the app started (a pool's timer, the sandbox) keeps the process up after close: the measurement is done.
process.exit(0);
