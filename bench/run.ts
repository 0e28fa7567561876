// `npm run bench`: the five scenarios of issue 6 side by side, on loopback, against the local
// BTG-ID sandbox; writes bench/RESULTS.md. Each part runs as its own process so its RSS is its own.
// BENCH_EXECUTIONS (default 10000) executions per scenario at concurrency 64, after BENCH_WARMUP_SECONDS
// (default 15) of the same load: what a server that has been running a while does, not one just started.
// BENCH_ROUNDS (default 5): rounds of Node-RED (row 7) then the fresh-token gateway (row 8), issue 22's comparison read on the median round.
// BENCH_NODE_ARGS: node flags for the API process (e.g. "--max-semi-space-size=32"), to try one.
// Row 6 is a Chamar API step (balance, token reused) beside row 1b, the same API call made directly.
// BENCH_OUT writes the results elsewhere than bench/RESULTS.md (a short trial run).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { LoadClient, percentile, runLoad } from "./load-client.ts";
import { NODE_RED_TOKEN_PATH, startNodeRed } from "./node-red.ts";
import { commandCpuMs, cpuMs, machineBusyMs, peakRssMb, postmasterOf, root, serverCpuMs, startProcess, treePssMb, type Proc } from "./processes.ts";

// bench/ is no package of its own: it borrows the server's PostgreSQL client.
const pg = createRequire(path.join(root, "apps/server/package.json"))("pg") as typeof import("pg");

const execFileAsync = promisify(execFile);
// 10 000: at ~1 000/s that is ~10 s of load, long enough to average out the few-second swings of a shared 2-core machine (bench/README.md, session 16).
const TOTAL = Number(process.env.BENCH_EXECUTIONS ?? 10000);
const CONCURRENCY = 64;
/** Rounds of row 7 (Node-RED) then row 8 (Fluxo, fresh token), issue 22's comparison. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 15);
/** The same load as measured, for WARMUP_SECONDS: V8 optimises every process's hot paths on the way, which takes the API ~6 000 executions (bench/README.md, session 14). */
const warmUp = (job: () => Promise<void>) => runLoad(Infinity, CONCURRENCY, job, performance.now() + WARMUP_SECONDS * 1000);
const SEQUENTIAL = 300;
/**
 * A backend reports its statistics at most once a second, and when it then goes idle, 10 s later
 * (PostgreSQL's PGSTAT_IDLE_INTERVAL): a reading that long after a load has all of it.
 */
const STATS_FLUSH_MS = 10_500;
const ADMIN_URL = process.env.FLUXO_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.FLUXO_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const RESULTS_FILE = process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : path.join(root, "bench/RESULTS.md");

/** Row 6 and 1b: the sandbox's balance API (apps/btg-id-sandbox/README.md), with a token its scope grants. */
const BALANCE_PATH = "/12345678/banking/accounts/001/balance";
const BALANCE_SCOPE = "empresas.btgpactual.com/accounts.readonly";

/**
 * Row 10: Condição (the account is given) → Transformar → Loop over 10 items, each a Transformar;
 * the Loop's results feed nothing after it. One execution runs 13 steps (3 + 10 passes), all in-process.
 */
const FLOW_CONTROL_DEFINITION = {
  steps: [
    { id: "check", connector: "condition", connectionId: null, operation: "if", parameters: { conditions: [{ type: "string", left: "{{ .input.body.account }}", operator: "isNotEmpty" }], combine: "and" } },
    { id: "shape", connector: "transform", connectionId: null, operation: "map", parameters: { fields: [{ name: "cliente.conta", value: "{{ .input.body.account }}" }, { name: "origem", value: "bench" }] } },
    { id: "items", connector: "loop", connectionId: null, operation: "for-each", parameters: { items: "10" } },
    { id: "item", connector: "transform", connectionId: null, operation: "map", parameters: { fields: [{ name: "posicao", value: "{{ .steps.items.body.index }}" }, { name: "conta", value: "{{ .steps.shape.body.cliente.conta }}" }] } },
  ],
  edges: [
    { source: "trigger", target: "check" },
    { source: "check", target: "shape", port: "true" },
    { source: "shape", target: "items" },
    { source: "items", target: "item", port: "each" },
  ],
};

/** How the load client learns that an execution ended. */
const WAYS = {
  sync: "one request that waits for the end: `POST /api/flows/:id/executions/sync` (how another system runs a flow)",
  sse: "`POST /api/flows/:id/executions`, then its SSE stream `GET /api/executions/:id/events` to `execution.finished` (how the editor follows a run)",
  gateway: "`POST /gateway/flows/<slug>/sync` with an API key, the published flow answering the token (how another system calls Fluxo), beside Node-RED doing the same (issue 22)",
} as const;
type Way = keyof typeof WAYS;

/** The sandbox's CPU per token in row 1: how fast this machine's cores are during the run (the same code took 2.3 times longer on one day than another). */
let sandboxCpuPerToken = NaN;

interface Row {
  scenario: string;
  way: Way | null;
  perSecond: number;
  p50: number;
  p99: number;
  sequentialP50: number;
  overheadP50: number | null;
  ok: string;
  rss: string;
  /** The API with every process under it (the embedded PostgreSQL server), PSS: idle after start, and the peak under this load. */
  pss: string;
  /** CPU time per execution of each process during the load, and the load average when it began. */
  cpu: string;
  /** PostgreSQL's work per execution during the load (Fluxo's rows): transactions, rows written, WAL bytes. */
  database?: string;
  /** CPU ms per request of the process serving it (Fluxo's API, Node-RED): the peer comparison's figure. */
  serverCpu?: number;
  /** CPU ms per execution of the scenario's PostgreSQL server (Fluxo's rows). */
  postgresCpu?: number;
  load: string;
}

const rows: Row[] = [];
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const sandbox = await startProcess("sandbox", "apps/btg-id-sandbox/src/main.ts", { BTG_SANDBOX_PORT: "0" }, /listening on (http:\/\/[\d.:]+)/);
const sandboxUrl = sandbox.match[1]!;
/** The sandbox's demo client: Fluxo's connection and Node-RED's http request node authenticate as it. */
const DEMO_CLIENT = { id: "demo-client", secret: "demo-secret" };
let baselineSequentialP50 = 0;
/** Row 1b's one-at-a-time p50: the API call without Fluxo, what row 6's overhead is measured against. */
let apiSequentialP50 = NaN;
const only = process.env.BENCH_ONLY?.split(",");

try {
  // 1. The sandbox alone: what a token costs without Fluxo.
  {
    const client = new LoadClient(sandboxUrl, CONCURRENCY);
    const token = async () => {
      const res = await requestToken(client, JSON.stringify([{ type: "account_information", resource: "accounts/1" }]));
      if (res.status !== 200) throw new Error(`sandbox answered ${res.status}`);
    };
    const row = await sandboxAlone("1. sandbox alone (no Fluxo)", token);
    sandboxCpuPerToken = row.cpuPerRequest;
    baselineSequentialP50 = row.sequentialP50;
    client.close();
  }

  // 1b. The sandbox's balance API alone, with a token obtained beforehand: what row 6 costs without Fluxo.
  if (!only || only.some((n) => ["1b", "6"].includes(n))) {
    const client = new LoadClient(sandboxUrl, CONCURRENCY);
    const issued = await requestToken(client, undefined, BALANCE_SCOPE);
    const { access_token: accessToken } = JSON.parse(issued.text) as { access_token: string };
    const balance = async () => {
      const res = await client.request("GET", `/api${BALANCE_PATH}`, undefined, { authorization: `Bearer ${accessToken}` });
      if (res.status !== 200) throw new Error(`sandbox API answered ${res.status}: ${res.text}`);
    };
    apiSequentialP50 = (await sandboxAlone("1b. sandbox API alone: GET balance, token obtained beforehand (no Fluxo)", balance)).sequentialP50;
    client.close();
  }

  await fluxo("2. single mode, embedded PostgreSQL", { database: "embedded", reuse: false, workers: 0 });
  await fluxo("3. single mode, PostgreSQL", { database: "postgres", reuse: false, workers: 0 });
  await fluxo("4. single mode, PostgreSQL, token reuse", { database: "postgres", reuse: true, workers: 0 });
  await fluxo("5a. queue mode, 1 worker", { database: "postgres", reuse: false, workers: 1 });
  await fluxo("5b. queue mode, 2 workers", { database: "postgres", reuse: false, workers: 2 });
  await fluxo("6. single mode, PostgreSQL, Chamar API balance (token reuse)", { database: "postgres", reuse: true, workers: 0, step: "balance" });
  await fluxo("10. single mode, PostgreSQL, flow control: Condição → Transformar → Loop of 10 Transformar (no HTTP)", { database: "postgres", reuse: false, workers: 0, step: "flow-control" });

  // 7–9 (issue 22): Node-RED and Fluxo's gateway answering the same token request, in this same run;
  // 7b the same request through the least a Node.js server can do (bare-proxy.ts): the HTTP work any server does.
  // Node-RED (7) and the fresh-token gateway (8) alternate for BENCH_ROUNDS rounds, each round's ratio taken
  // from its own pair: this machine's speed swings by a third within minutes (Node-RED alone did 953 and 1 317/s
  // in one run, bench/README.md session 16), so one pair says little; the targets are read on the median round.
  const peers = !only || only.includes("7");
  for (let round = 1; round <= ROUNDS; round++) {
    if (peers) await peerRow(`7. Node-RED 4.1: http in → http request (Basic, form body) → http response (persists nothing), round ${round}`, () => startNodeRed(sandboxUrl, DEMO_CLIENT), NODE_RED_TOKEN_PATH);
    await fluxo(`8. gateway, single mode, PostgreSQL, fresh token, round ${round}`, { database: "postgres", reuse: false, workers: 0, ways: ["gateway"] });
  }
  if (!only || only.includes("7") || only.includes("7b")) {
    const startBareProxy = async () => {
      const proc = await startProcess("proxy", "bench/bare-proxy.ts", { SANDBOX_URL: sandboxUrl, CLIENT_ID: DEMO_CLIENT.id, CLIENT_SECRET: DEMO_CLIENT.secret }, /listening on (http:\/\/[\d.:]+)/);
      return { ...proc, url: proc.match[1]! };
    };
    await peerRow("7b. bare Node.js: node:http in → undici request → answer (no framework, persists nothing)", startBareProxy, "/token");
  }
  await fluxo("9. gateway, single mode, PostgreSQL, token reuse", { database: "postgres", reuse: true, workers: 0, ways: ["gateway"] });
} finally {
  await sandbox.stop();
}
writeResults();

/** A token request to the sandbox with the demo client (client_secret_basic). */
function requestToken(client: LoadClient, authorizationDetails?: string, scope?: string) {
  const auth = { authorization: `Basic ${Buffer.from(`${DEMO_CLIENT.id}:${DEMO_CLIENT.secret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" };
  return client.request("POST", "/oauth2/token", tokenForm(authorizationDetails, scope), auth);
}

function tokenForm(authorizationDetails?: string, scope?: string): string {
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (authorizationDetails) form.set("authorization_details", authorizationDetails);
  if (scope) form.set("scope", scope);
  return form.toString();
}

/** A peer server (Node-RED, the bare proxy) answering the bench's token request at `tokenPath`, measured like a scenario, then stopped. */
async function peerRow(scenario: string, start: () => Promise<Proc & { url: string }>, tokenPath: string): Promise<void> {
  const server = await start();
  try {
    const client = new LoadClient(server.url, CONCURRENCY);
    const form = tokenForm(JSON.stringify([{ type: "account_information", resource: "accounts/1" }]));
    const token = async () => {
      const res = await client.request("POST", tokenPath, form, { "content-type": "application/x-www-form-urlencoded" });
      if (res.status !== 200 || !(JSON.parse(res.text) as { access_token?: string }).access_token) throw new Error(`${server.name} answered ${res.status}: ${res.text.slice(0, 200)}`);
    };
    await measured(scenario, "gateway", server, token);
    client.close();
  } finally {
    await server.stop();
  }
}

/** A server other than Fluxo and the sandbox measured like a scenario (Node-RED): the load, then one at a time; CPU per request of it and of the sandbox. */
async function measured(scenario: string, way: Way, server: Proc, job: () => Promise<void>): Promise<void> {
  await warmUp(job);
  const loadAvg = os.loadavg()[0]!.toFixed(1);
  const meters = [{ name: server.name, read: () => cpuMs(server.child.pid) }, ...sharedMeters(null, false)];
  const cpu0 = meters.map((m) => m.read());
  const load = await runLoad(TOTAL, CONCURRENCY, job);
  const cpuPer = meters.map((m, i) => (m.read() - cpu0[i]!) / TOTAL);
  const sequentialP50 = percentile((await runLoad(SEQUENTIAL, 1, job)).latencies, 50);
  rows.push({ scenario, way, perSecond: TOTAL / load.seconds, p50: percentile(load.latencies, 50), p99: percentile(load.latencies, 99), sequentialP50, overheadP50: sequentialP50 - baselineSequentialP50, ok: `${TOTAL}/${TOTAL}`, rss: `${server.name} ${peakRssMb(server.child.pid)} MB`, pss: "—", cpu: meters.map((m, i) => `${m.name} ${round(cpuPer[i]!, 2)}`).join(", "), serverCpu: cpuPer[0], load: loadAvg });
  console.log(rows.at(-1));
}

/** A request to the sandbox without Fluxo, measured like a scenario: the load, then one at a time. Pushes its row (way null: shown in both tables). */
async function sandboxAlone(scenario: string, job: () => Promise<void>): Promise<{ cpuPerRequest: number; sequentialP50: number }> {
  await warmUp(job);
  const loadAvg = os.loadavg()[0]!.toFixed(1);
  const cpu0 = cpuMs(sandbox.child.pid);
  const load = await runLoad(TOTAL, CONCURRENCY, job);
  const cpuPerRequest = (cpuMs(sandbox.child.pid) - cpu0) / TOTAL;
  const sequential = await runLoad(SEQUENTIAL, 1, job);
  const sequentialP50 = percentile(sequential.latencies, 50);
  rows.push({ scenario, way: null, perSecond: TOTAL / load.seconds, p50: percentile(load.latencies, 50), p99: percentile(load.latencies, 99), sequentialP50, overheadP50: null, ok: `${TOTAL}/${TOTAL}`, rss: `sandbox ${peakRssMb(sandbox.child.pid)} MB`, pss: "—", cpu: `sandbox ${round(cpuPerRequest, 2)}`, load: loadAvg });
  console.log(rows.at(-1));
  return { cpuPerRequest, sequentialP50 };
}

/**
 * `step: "token"` (default) is one Obter Credenciais step; `"balance"` one Chamar API step reading the balance;
 * `"flow-control"` the built-in steps alone (row 10, issue 21): 13 step runs an execution and no HTTP call.
 */
async function fluxo(scenario: string, options: { database: "embedded" | "postgres"; reuse: boolean; workers: number; step?: "token" | "balance" | "flow-control"; ways?: Way[] }): Promise<void> {
  // BENCH_ONLY=3,4 runs only those scenarios (for profiling: BENCH_PROFILE=1 writes the API's CPU profile to bench/profiles).
  if (only && !only.some((n) => scenario.startsWith(n))) return;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "fluxo-bench-"));
  const dbName = `fluxo_bench_${process.pid}_${rows.length}`;
  // The gateway's per-key rate limit would otherwise be the bench's limit.
  const env: Record<string, string> = { FLUXO_SANDBOX: "false", FLUXO_ENCRYPTION_KEY: randomBytes(32).toString("base64"), FLUXO_DATA_DIR: dataDir, FLUXO_GATEWAY_RATE_LIMIT: "1000000000" };
  if (options.database === "postgres") {
    await admin(`CREATE DATABASE ${dbName}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${dbName}`;
    env["DATABASE_URL"] = url.toString();
  }
  if (options.workers > 0) Object.assign(env, { FLUXO_MODE: "queue", REDIS_URL, FLUXO_REDIS_PREFIX: `fluxo-bench-${process.pid}-${rows.length}` });
  const procs: Proc[] = [];
  try {
    const api = await startProcess("api", "apps/server/src/main.ts", { ...env, PORT: "0", HOST: "127.0.0.1" }, /no ar: (http:\/\/[\w.:]+)/, [...(process.env.BENCH_NODE_ARGS?.split(" ") ?? []), ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir", path.join(root, "bench/profiles")] : [])]);
    procs.push(api);
    for (let i = 0; i < options.workers; i++) procs.push(await startProcess(`worker ${i + 1}`, "apps/server/src/main.ts", { ...env, FLUXO_ROLE: "worker" }, /worker pronto/));
    const client = new LoadClient(api.match[1]!.replace("localhost", "127.0.0.1"), CONCURRENCY);
    await client.signInAsNewOwner();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const idlePss = treePssMb(api.child.pid);
    const post = async (p: string, body: unknown) => JSON.parse((await client.request("POST", p, JSON.stringify(body))).text) as { id: string; executionId: string; slug: string; key: string };
    const connection = await post("/api/connections", { connector: "btg-id", name: "bench", values: { clientId: DEMO_CLIENT.id, clientSecret: DEMO_CLIENT.secret, environmentUrl: sandboxUrl } });
    const step =
      options.step === "balance"
        ? { id: "balance", operation: "call-api", parameters: { method: "GET", path: BALANCE_PATH, bodyType: "none", grantType: "client_credentials", scope: BALANCE_SCOPE, reuseToken: options.reuse } }
        : { id: "credentials", operation: "get-credentials", parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "account_information", resource: "{{ .input.body.account }}" }], reuseToken: options.reuse } };
    const definition = options.step === "flow-control" ? FLOW_CONTROL_DEFINITION : { steps: [{ ...step, connector: "btg-id", connectionId: connection.id }], edges: [{ source: "trigger", target: step.id }] };
    const flow = await post("/api/flows", { name: "bench", definition });
    if (!flow.id) throw new Error(`the bench flow was refused: ${JSON.stringify(flow)}`);
    const statuses = new Map<string, number>();
    const count = (status: string) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const trigger = { body: JSON.stringify({ input: { body: { account: "accounts/1" } } }) };
    const ways = options.ways ?? ["sync", "sse"];
    const gateway = ways.includes("gateway") ? await publishForGateway(client, flow) : undefined;
    const execute: Record<Way, () => Promise<void>> = {
      sync: async () => {
        const res = await client.request("POST", `/api/flows/${flow.id}/executions/sync`, trigger.body);
        count(res.status === 200 ? ((JSON.parse(res.text) as { status: string }).status ?? "unknown") : `http ${res.status}`);
      },
      sse: async () => {
        const { executionId } = JSON.parse((await client.request("POST", `/api/flows/${flow.id}/executions`, trigger.body)).text) as { executionId: string };
        count(await client.waitFinished(executionId));
      },
      gateway: async () => {
        const res = await client.request("POST", `/gateway/flows/${gateway!.slug}/sync`, JSON.stringify({ account: "accounts/1" }), { authorization: `Bearer ${gateway!.key}` });
        count(res.status === 200 && (JSON.parse(res.text) as { access_token?: string }).access_token ? "succeeded" : `http ${res.status}`);
      },
    };
    // What earlier parts wrote is dealt with now rather than in the middle of this one: the
    // vacuum autovacuum would start (its tables just took thousands of rows), PostgreSQL's dirty
    // pages (CHECKPOINT), then the operating system's (an embedded database's files too).
    // The embedded server is reached as the app's own user (README: the embedded database).
    const databaseUrl = () => {
      if (options.database === "postgres") return env["DATABASE_URL"]!;
      const c = JSON.parse(readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { user: string; password: string; port: number; database: string };
      return `postgresql://${c.user}:${encodeURIComponent(c.password)}@127.0.0.1:${c.port}/${c.database}`;
    };
    const settle = async () => {
      await admin("VACUUM ANALYZE", databaseUrl());
      await admin("CHECKPOINT", options.database === "postgres" ? ADMIN_URL : databaseUrl());
      await execFileAsync("sync");
    };
    const postmaster = await postmasterPid(databaseUrl());
    for (const way of ways) {
      await warmUp(execute[way]);
      const warmedUpAt = performance.now();
      await settle();
      await sleepUntil(warmedUpAt + STATS_FLUSH_MS);
      statuses.clear();
      const loadAvg = os.loadavg()[0]!.toFixed(1);
      const meters = [...procs.map((p) => ({ name: p.name, read: () => cpuMs(p.child.pid) })), ...sharedMeters(postmaster, options.workers > 0)];
      const cpu0 = meters.map((m) => m.read());
      let peakPss = 0;
      const sampler = setInterval(() => (peakPss = Math.max(peakPss, treePssMb(api.child.pid))), 1_000);
      const db0 = await databaseStats(databaseUrl());
      const load = await runLoad(TOTAL, CONCURRENCY, execute[way]).finally(() => clearInterval(sampler));
      const cpuPer = meters.map((m, i) => (m.read() - cpu0[i]!) / TOTAL);
      const cpu = meters.map((m, i) => `${m.name} ${round(cpuPer[i]!, 2)}`).join(", ");
      const ok = `${statuses.get("succeeded") ?? 0}/${TOTAL}`;
      await sleepUntil(performance.now() + STATS_FLUSH_MS);
      const database = perExecution(db0, await databaseStats(databaseUrl()));
      await settle();
      const sequential = await runLoad(SEQUENTIAL, 1, execute[way]);
      const sequentialP50 = percentile(sequential.latencies, 50);
      const rss = procs.map((p) => `${p.name} ${peakRssMb(p.child.pid)} MB`).join(", ");
      rows.push({ scenario, way, perSecond: TOTAL / load.seconds, p50: percentile(load.latencies, 50), p99: percentile(load.latencies, 99), sequentialP50, overheadP50: sequentialP50 - (options.step === "balance" ? apiSequentialP50 : baselineSequentialP50), ok, rss, pss: `${idlePss} / ${peakPss} MB`, cpu, serverCpu: cpuPer[0], postgresCpu: cpuPer[meters.findIndex((m) => m.name === "postgres")], database, load: loadAvg });
      console.log(rows.at(-1));
    }
    client.close();
  } finally {
    for (const p of procs.reverse()) await p.stop();
    if (options.database === "postgres") await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Publishes the flow and creates an API key: what `POST /gateway/flows/<slug>/sync` needs. */
async function publishForGateway(client: LoadClient, flow: { id: string; slug: string }): Promise<{ slug: string; key: string }> {
  const published = await client.request("POST", `/api/flows/${flow.id}/publish`, "{}");
  const created = await client.request("POST", "/api/api-keys", JSON.stringify({ name: "bench" }));
  if (published.status !== 201 || created.status !== 201) throw new Error(`publishing for the gateway failed: ${published.status} ${published.text} / ${created.status} ${created.text}`);
  return { slug: flow.slug, key: (JSON.parse(created.text) as { key: string }).key };
}

/** The CPU of everything else an execution costs: the sandbox, PostgreSQL, Redis, this load client, and the machine as a whole. */
function sharedMeters(postmaster: number | null, redis: boolean): { name: string; read: () => number }[] {
  const clientMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  return [
    { name: "sandbox", read: () => cpuMs(sandbox.child.pid) },
    ...(postmaster ? [{ name: "postgres", read: () => serverCpuMs(postmaster) }] : []),
    ...(redis ? [{ name: "redis", read: () => commandCpuMs("redis-server") }] : []),
    { name: "client", read: clientMs },
    { name: "whole machine", read: machineBusyMs },
  ];
}

function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));
}

interface DatabaseStats {
  transactions: number;
  rowsWritten: number;
  walBytes: number;
}

/** The bench database's transactions and rows written, and the server's WAL bytes (all its databases: the machine's server is shared). */
async function databaseStats(connectionString: string): Promise<DatabaseStats> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ transactions: string; rows_written: string; wal_bytes: string }>(
      `SELECT xact_commit + xact_rollback AS transactions, tup_inserted + tup_updated + tup_deleted AS rows_written,
        (SELECT wal_bytes FROM pg_stat_wal) AS wal_bytes FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { transactions: Number(rows[0]!.transactions), rowsWritten: Number(rows[0]!.rows_written), walBytes: Number(rows[0]!.wal_bytes) };
  } finally {
    await client.end();
  }
}

function perExecution(before: DatabaseStats, after: DatabaseStats): string {
  const per = (key: keyof DatabaseStats, digits: number) => round((after[key] - before[key]) / TOTAL, digits);
  return `${per("transactions", 2)} / ${per("rowsWritten", 1)} / ${Math.round(per("walBytes", 0))} B`;
}

/** The postmaster of the server `connectionString` names (on this machine): its backend's parent, read while the backend lives. */
async function postmasterPid(connectionString: string): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return postmasterOf((await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid);
  } finally {
    await client.end();
  }
}

/** A statement as PostgreSQL's superuser, on the admin database unless another is named. */
async function admin(sql: string, connectionString = ADMIN_URL): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function writeResults(): void {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "# Benchmark results",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.type()} ${os.release()}.`,
    `Everything on loopback on this one machine (sandbox, API, workers, PostgreSQL, Redis and the load client share its cores).`,
    `Each scenario: a one-step BTG-ID flow (Obter Credenciais; Chamar API in row 6), triggered through the API in two ways, each measured on its own: ${WARMUP_SECONDS} s`,
    `of the same load to warm up (a server that has been running, not one just started), then ${TOTAL} executions at concurrency ${CONCURRENCY}, then ${SEQUENTIAL} one at a time for the latency without queueing.`,
    "Before each measured part PostgreSQL is vacuumed and checkpointed and the OS flushes its writes (bench/README.md).",
    "Latency is from the trigger to the client knowing the execution ended. Peak RSS is the process's over both ways.",
    "*API + its postgres, PSS*: the API process and every process under it (row 2: the embedded PostgreSQL server and its backends), PSS so shared pages count once,",
    "3 s after start with nothing to do, and the highest of samples taken each second under the load; rows on the machine's PostgreSQL count the API alone.",
    `Speed of the cores during this run: the sandbox alone spent ${round(sandboxCpuPerToken, 2)} ms of CPU per token (row 1). Runs made on`,
    "different days are compared by CPU per execution divided by this unit (bench/README.md), not by their absolute figures.",
    "",
    ...(Object.entries(WAYS) as [Way, string][]).flatMap(([way, description], i) => [
      `### ${String.fromCharCode(65 + i)}. ${description}`,
      "",
      "| scenario | executions/s | p50 (ms) | p99 (ms) | one at a time p50 (ms) | overhead p50 (ms) | succeeded | peak RSS | API + its postgres, PSS idle / under load | CPU ms per execution | PostgreSQL per execution: transactions / rows written / WAL | load avg at start |",
      "|---|---:|---:|---:|---:|---:|---:|---|---|---|---|---:|",
      ...rows.filter((r) => r.way === way || r.way === null).map((r) => `| ${r.scenario} | ${Math.round(r.perSecond)} | ${round(r.p50)} | ${round(r.p99)} | ${round(r.sequentialP50, 2)} | ${r.overheadP50 === null ? "—" : round(r.overheadP50, 2)} | ${r.ok} | ${r.rss} | ${r.pss} | ${r.cpu} | ${r.database ?? "—"} | ${r.load} |`),
      "",
    ]),
    "*overhead p50*: the scenario's one-at-a-time p50 minus the sandbox's own (row 1): what Fluxo adds to a token request —",
    "the trigger, storing the execution and its events (single mode: two commits, the execution with its start, then its end; queue mode: three), the engine, and telling the client.",
    "Scenarios 1–3 and 5 ask the sandbox for a new token every time (\"Reutilizar token válido\" off); 4 reuses it.",
    `Row 6 is a Chamar API step (token reused) reading \`GET <sandbox>/api${BALANCE_PATH}\`; row 1b is that request sent straight to the sandbox`,
    "with a token obtained beforehand, and row 6's overhead p50 is measured against row 1b's rather than row 1's.",
    "Row 10 (issue 21) calls no service: Condição → Transformar → Loop of 10 Transformar, 13 step runs per execution, each stored with its events;",
    "beside rows 3–4 (one step) it shows what the engine and the store spend per step. Its overhead p50 is still measured against row 1's token request, which it never makes: read its one-at-a-time p50 instead.",
    "*CPU ms per execution*: each process's CPU time (user + system, /proc) during the measured load divided by the executions —",
    "steadier than executions/s when other work shares the machine. *postgres* is the scenario's own server (the embedded one, or the machine's), its postmaster and every process under it, ended backends included",
    "(on the machine's server, other databases' work too); *redis* counts every process of that name on the machine,",
    "*client* is this load generator, *whole machine* all busy CPU time (kernel included): when it is close to the sum of the others,",
    "nothing else was running. *PostgreSQL per execution*: during the same load, the bench database's transactions (each a commit: group commit puts",
    "many executions in one) and rows inserted, updated or deleted (`pg_stat_database`), and the WAL the server wrote (`pg_stat_wal`, its every database:",
    "on the machine's server other work may add to it).",
    "",
    "Targets of issue 6 for this 2-core machine: ≥ 400 executions/s on PostgreSQL without reuse (row 3), ≥ 1 500/s with",
    "reuse (row 4), overhead p50 ≤ 3 ms, API RSS < 250 MB. What stands between these numbers and them: bench/README.md.",
    `Load average when the run ended: ${os.loadavg().map((n) => n.toFixed(2)).join(", ")} (other work on the machine skews the numbers).`,
    "",
    ...chamarApiComparison(),
    ...nodeRedComparison(),
  ];
  writeFileSync(RESULTS_FILE, `${lines.join("\n")}\n`);
  console.log(lines.join("\n"));
}

/**
 * Rows 8 and 9 beside row 7 (issue 22): each round's fresh-token row against the Node-RED row just
 * before it, the targets read on the median of the rounds; row 9 (once) against Node-RED's mean.
 */
function nodeRedComparison(): string[] {
  const nodeRedRuns = rows.filter((r) => r.scenario.startsWith("7."));
  const freshRuns = rows.filter((r) => r.scenario.startsWith("8."));
  const reuse = rows.find((r) => r.scenario.startsWith("9."));
  const bare = rows.find((r) => r.scenario.startsWith("7b."));
  const pairs = freshRuns.flatMap((fresh, i) => (nodeRedRuns[i] ? [{ fresh, nodeRed: nodeRedRuns[i] }] : []));
  if (pairs.length === 0 || !reuse) return [];
  const nodeRed = meanOf(nodeRedRuns, "7. Node-RED, the mean of its rounds");
  const rate = (p: (typeof pairs)[number]) => p.fresh.perSecond / p.nodeRed.perSecond;
  const cpu = (p: (typeof pairs)[number]) => (p.fresh.serverCpu ?? NaN) / (p.nodeRed.serverCpu ?? NaN);
  const medianRate = median(pairs.map(rate));
  const medianCpu = median(pairs.map(cpu));
  const medianOverhead = median(pairs.map((p) => p.fresh.overheadP50 ?? NaN));
  const met = (ok: boolean) => (ok ? "**yes**" : "no");
  const line = (r: Row, against: Row, target: string) =>
    `| ${r.scenario} | ${Math.round(r.perSecond)} | ${round(r.perSecond / against.perSecond, 2)}× | ${round(r.p50)} / ${round(r.p99)} | ${round(r.sequentialP50, 2)} | ${r.overheadP50 === null ? "—" : round(r.overheadP50, 2)} | ${round(r.serverCpu ?? NaN, 2)} | ${round((r.serverCpu ?? NaN) / (against.serverCpu ?? NaN), 2)}× | ${target} |`;
  return [
    "### Fluxo beside Node-RED (issue 22: rows 8 and 9 against row 7)",
    "",
    "| scenario | requests/s | ratio to Node-RED | p50 / p99 (ms) | one at a time p50 (ms) | overhead p50 over the direct token call (ms) | CPU ms per request, its server process | CPU ratio to Node-RED | targets met? |",
    "|---|---:|---:|---|---:|---:|---:|---:|---|",
    ...pairs.flatMap((p) => [line(p.nodeRed, p.nodeRed, "—"), line(p.fresh, p.nodeRed, "against the Node-RED row above it")]),
    line(nodeRed, nodeRed, "—"),
    line(reuse, nodeRed, `against Node-RED's mean: rate ≥ 1.5×: ${met(reuse.perSecond >= 1.5 * nodeRed.perSecond)}; overhead ≤ 3 ms: ${met((reuse.overheadP50 ?? Infinity) <= 3)}`),
    ...(bare ? [line(bare, nodeRed, "— (the floor: see below)")] : []),
    "",
    `**Fresh token, the median of ${pairs.length} round${pairs.length === 1 ? "" : "s"}** (each round's row 8 against its own Node-RED row; rates ${pairs.map((p) => `${round(rate(p), 2)}×`).join(", ")}):`,
    `rate ${round(medianRate, 2)}× Node-RED's — ≥ 1.0×: ${met(medianRate >= 1)}; API CPU ${round(medianCpu, 2)}× Node-RED's per request — ≤ 1.0×: ${met(medianCpu <= 1)};`,
    `overhead p50 ${round(medianOverhead, 2)} ms — ≤ 3 ms: ${met(medianOverhead <= 3)}.`,
    "",
    ...(bare ? floorArithmetic(nodeRed, bare, meanOf(freshRuns, "8. mean")) : []),
    `Each at concurrency ${CONCURRENCY} against the same sandbox, one after the other in this run: Node-RED and row 8 alternate, round by round.`,
    "Node-RED stores nothing; Fluxo stores every execution, its step and its events",
    "(the execution's row with its start, then its end, each committed before the answer). *overhead p50*: one at a time, minus the sandbox's own token p50 (row 1).",
    "*CPU ms per request, its server process*: Node-RED's process, or Fluxo's API process (PostgreSQL's CPU is in the scenario table C above).",
    "",
  ];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A row whose figures are the mean of `runs`'. */
function meanOf(runs: Row[], scenario: string): Row {
  const mean = (pick: (r: Row) => number) => runs.reduce((sum, r) => sum + pick(r), 0) / runs.length;
  return {
    ...runs[0]!,
    scenario,
    perSecond: mean((r) => r.perSecond),
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    sequentialP50: mean((r) => r.sequentialP50),
    overheadP50: mean((r) => r.overheadP50 ?? NaN),
    serverCpu: mean((r) => r.serverCpu ?? NaN),
    postgresCpu: mean((r) => r.postgresCpu ?? NaN),
  };
}

/**
 * On 2 busy cores the rate follows the whole machine's CPU per request, and the sandbox's and the
 * client's share is about the same for every row: Fluxo's rate reaches Node-RED's only when its
 * API and its PostgreSQL together spend no more than Node-RED's process. Row 7b is the least any
 * Node.js server spends on the HTTP alone; with row 8's PostgreSQL it bounds what is reachable.
 */
function floorArithmetic(nodeRed: Row, bare: Row, fresh: Row): string[] {
  const postgres = fresh.postgresCpu ?? NaN;
  const floor = (bare.serverCpu ?? NaN) + postgres;
  return [
    `*The floor (row 7b)*: the fresh-token rate reaches Node-RED's only when Fluxo's API and its PostgreSQL spend together no more than Node-RED's process (${round(nodeRed.serverCpu ?? NaN, 2)} ms per request here):`,
    `the sandbox's and the client's CPU is about the same in every row. A bare Node.js server spent ${round(bare.serverCpu ?? NaN, 2)} ms on the HTTP alone, and row 8's PostgreSQL ${round(postgres, 2)} ms per execution:`,
    `${round(floor, 2)} ms together, ${round(floor / (nodeRed.serverCpu ?? NaN), 2)}× Node-RED's process — ${floor > (nodeRed.serverCpu ?? 0) ? "more, so an API that did nothing but that HTTP work would still fall short of the rate target while each execution is stored" : "less, so the rate target is within reach of an API close to that floor"}.`,
    `Fluxo's API spent ${round((fresh.serverCpu ?? NaN) - (bare.serverCpu ?? NaN), 2)} ms per execution over the bare server's HTTP work.`,
    "",
  ];
}

/** Row 6 beside row 1b: what a Chamar API step costs over calling the API directly, from the same run. */
function chamarApiComparison(): string[] {
  const direct = rows.find((r) => r.scenario.startsWith("1b."));
  const viaFluxo = rows.filter((r) => r.scenario.startsWith("6."));
  if (!direct || viaFluxo.length === 0) return [];
  return [
    "### Chamar API through Fluxo against the sandbox API directly (row 6 against row 1b)",
    "",
    "| way | direct requests/s | Fluxo executions/s | ratio | direct p50 / p99 (ms) | Fluxo p50 / p99 (ms) | one at a time p50: direct / Fluxo (ms) |",
    "|---|---:|---:|---:|---|---|---|",
    ...viaFluxo.map(
      (r) =>
        `| ${r.way === null ? "—" : String.fromCharCode(65 + Object.keys(WAYS).indexOf(r.way))} | ${Math.round(direct.perSecond)} | ${Math.round(r.perSecond)} | ${round(r.perSecond / direct.perSecond, 2)} | ${round(direct.p50)} / ${round(direct.p99)} | ${round(r.p50)} / ${round(r.p99)} | ${round(direct.sequentialP50, 2)} / ${round(r.sequentialP50, 2)} |`,
    ),
    "",
    "*ratio*: Fluxo's executions/s over the direct requests/s, both at concurrency " + String(CONCURRENCY) + " on the same machine: the share of the API's throughput a flow keeps",
    "once Fluxo triggers, stores, runs and reports each call (the token is reused, so each execution is one API request).",
    "",
  ];
}
