import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Proc {
  name: string;
  child: ChildProcess;
  /** The first match of `ready` in its output. */
  match: RegExpMatchArray;
  stop(): Promise<void>;
}

/**
 * Starts an entry as its own process (so its CPU and RSS are its own) and waits for `ready` in its output.
 * A TypeScript entry runs through tsx; a JavaScript one (Node-RED) as it is, with `args`.
 */
export async function startProcess(name: string, entry: string, env: Record<string, string>, ready: RegExp, nodeArgs: string[] = [], args: string[] = []): Promise<Proc> {
  const loader = entry.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry, ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    name,
    child,
    match,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Peak resident memory of a process so far (VmHWM), in MB. */
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
}

/**
 * CPU time one PostgreSQL server has used so far, in ms: its postmaster with every process it has
 * reaped (backends that ended, counted in its children's time), and every process it runs now
 * (backends, checkpointer, WAL writer, I/O workers). Other servers on the machine are not counted;
 * other databases of the same server are.
 */
export function serverCpuMs(postmasterPid: number): number {
  const own = readFileSync(`/proc/${postmasterPid}/stat`, "utf8").split(") ")[1]!.split(" ");
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  return (ticks * 1000) / 100; // clock ticks (USER_HZ = 100)
}

/** The postmaster of the server a connection reaches: the parent of its backend (a server on this machine). */
export function postmasterOf(backendPid: number): number {
  return Number(readFileSync(`/proc/${backendPid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
}

/** CPU time used so far by every process of this machine running `command` (e.g. PostgreSQL's server and backends), in ms. */
export function commandCpuMs(command: string): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.indexOf(")")) === command) total += cpuMs(Number(entry));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

/** CPU time the whole machine spent busy (everything but idle and iowait) so far, in ms. */
export function machineBusyMs(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + fields[4]!;
  return ((fields.reduce((sum, n) => sum + n, 0) - idle) * 1000) / 100;
}

/**
 * Memory of a process and every process under it (the API and its embedded PostgreSQL server with
 * its backends), in MB, counted as PSS: pages the postgres processes share are split between them,
 * not counted once per process as RSS would.
 */
export function treePssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended between the listing and the read
    }
  }
  let kb = 0;
  for (const queue = [pid]; queue.length > 0; ) {
    const next = queue.pop()!;
    try {
      kb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${next}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
    queue.push(...(children.get(next) ?? []));
  }
  return Math.round(kb / 1024);
}
