import http from "node:http";

/** A lean HTTP client for the load (keep-alive, no fetch machinery), so the client takes little of the 2 cores. */
export class LoadClient {
  private readonly agent: http.Agent;
  private readonly base: URL;
  /** Sent with every request once signed in (the session cookie). */
  private readonly common: Record<string, string> = {};

  constructor(baseUrl: string, sockets: number) {
    this.base = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets * 2 });
  }

  /** Creates the owner account of a fresh server and keeps its session for every later request. */
  async signInAsNewOwner(): Promise<void> {
    const body = JSON.stringify({ email: "bench@fluxo.example", name: "Bench", password: "bench-password-1234" });
    const setup = await this.request("POST", "/api/auth/setup", body);
    const cookie = setup.headers["set-cookie"]?.[0]?.split(";")[0];
    if (setup.status !== 201 || !cookie) throw new Error(`owner setup answered ${setup.status}: ${setup.text}`);
    this.common["cookie"] = cookie;
  }

  request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; headers: http.IncomingHttpHeaders }> {
    const all = { ...this.common, ...headers };
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.base.hostname, port: this.base.port, method, path, agent: this.agent, headers: body ? { "content-type": all["content-type"] ?? "application/json", "content-length": Buffer.byteLength(body), ...all } : all }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Follows an execution's SSE stream until `execution.finished`; resolves with its status. */
  waitFinished(executionId: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.base.hostname, port: this.base.port, method: "GET", path: `/api/executions/${executionId}/events`, agent: this.agent, headers: { ...this.common, accept: "text/event-stream" } }, (res) => {
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          buffer += chunk;
          const at = buffer.indexOf("event: execution.finished");
          if (at >= 0 && buffer.indexOf("\n\n", at) >= 0) {
            const status = /"status":"(\w+)"/.exec(buffer.slice(at))?.[1] ?? "unknown";
            resolve(status);
          }
        });
        res.on("end", () => resolve("closed"));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Runs `total` jobs with at most `concurrency` at once, stopping early at `until` (a
 * `performance.now()` time) if given; returns each job's latency in ms and the wall time.
 */
export async function runLoad(total: number, concurrency: number, job: (i: number) => Promise<void>, until = Infinity): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total && performance.now() < until) {
        const i = next++;
        const t0 = performance.now();
        await job(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
