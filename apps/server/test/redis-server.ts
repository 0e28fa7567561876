import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";

export interface RedisServer {
  port: number;
  url: string;
  /** Ends the server (SIGKILL: a crash, or SIGTERM) and waits for it to exit; without persistence its data is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A private redis-server without persistence (`--save ""`, no AOF) on `port`, answering once this resolves. */
export async function startRedisServer(binary: string, port: number): Promise<RedisServer> {
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"], { stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("error", () => undefined);
  for (const deadline = Date.now() + 20_000; !(await answers(port)); ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Debian's redis-server, installed like the e2e suite's Chromium when it is missing. */
export function redisServerBinary(): string {
  const found = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find((file) => existsSync(file));
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error("the queue tests need Redis: nothing answers on 127.0.0.1:6379 and redis-server is not installed (sudo apt-get install -y redis-server), or set FLUXO_TEST_REDIS_URL");
  process.stdout.write("Installing Debian's redis-server (apt-get) for the queue tests\n");
  for (const args of [["update", "-qq"], ["install", "-y", "-qq", "--no-install-recommends", "redis-server"]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (exit ${result.status}); install redis-server, or set FLUXO_TEST_REDIS_URL`);
  }
  // The package starts a system service on 6379 where it can; the tests keep to their own server.
  return "/usr/bin/redis-server";
}
