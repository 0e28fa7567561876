import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, HttpClientError } from "../src/index.js";
import { closedPort } from "./support.js";

// A generic HTTP peer (not a BTG stand-in): each path plays one behaviour.
const received: { path: string; method: string; headers: IncomingMessage["headers"]; body: string }[] = [];
const routes: Record<string, (res: ServerResponse) => void> = {
  "/json": (res) => {
    res.writeHead(201, { "Content-Type": "application/json", "X-Custom-Header": "Yes" });
    res.end('{"ok":true}');
  },
  "/redirect": (res) => {
    res.writeHead(302, { Location: "/json" });
    res.end();
  },
  "/big-declared": (res) => {
    res.writeHead(200, { "Content-Length": String(2048) });
    res.end("x".repeat(2048));
  },
  "/big-chunked": (res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    for (let i = 0; i < 8; i++) res.write("y".repeat(512));
    res.end();
  },
  "/just-under": (res) => {
    res.writeHead(200);
    res.end("z".repeat(1024));
  },
  "/hang": () => undefined,
  "/drop": (res) => res.socket?.destroy(),
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://peer").pathname;
      received.push({ path, method: req.method ?? "", headers: req.headers, body });
      (routes[path] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const http = createHttpClient({ maxResponseBytes: 1024 });

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (reason: unknown) => reason,
  );
}

describe("createHttpClient", () => {
  it("sends method, headers and body; returns status, lower-cased headers, text and duration", async () => {
    const response = await http({ method: "PUT", url: `${base}/json`, headers: { "X-Trace": "t1" }, body: "a=1", timeoutMs: 5000 });
    expect(response).toMatchObject({ status: 201, bodyText: '{"ok":true}' });
    expect(response.headers["x-custom-header"]).toBe("Yes");
    expect(Object.keys(response.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(received.at(-1)).toMatchObject({ path: "/json", method: "PUT", body: "a=1", headers: { "x-trace": "t1" } });
  });

  it("returns a redirect as a response and does not follow it", async () => {
    const before = received.length;
    const response = await http({ method: "POST", url: `${base}/redirect`, body: "x", timeoutMs: 5000 });
    expect(response.status).toBe(302);
    expect(response.headers["location"]).toBe("/json");
    expect(received.slice(before).map((r) => r.path)).toEqual(["/redirect"]);
  });

  it("reads a body up to the cap", async () => {
    expect((await http({ method: "GET", url: `${base}/just-under`, timeoutMs: 5000 })).bodyText).toHaveLength(1024);
  });

  it.each(["/big-declared", "/big-chunked"])("fails %s past the cap with invalid_response", async (path) => {
    const error = await rejectionOf(http({ method: "GET", url: `${base}${path}`, timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(HttpClientError);
    expect(error).toMatchObject({ kind: "invalid_response" });
  });

  it("times out with kind timeout and the limit", async () => {
    const started = performance.now();
    const error = await rejectionOf(http({ method: "GET", url: `${base}/hang`, timeoutMs: 150 }));
    expect(error).toBeInstanceOf(HttpClientError);
    expect(error).toMatchObject({ kind: "timeout", timeoutMs: 150 });
    expect((error as HttpClientError).message).toContain("150 ms");
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("reports a refused connection as network ECONNREFUSED", async () => {
    const port = await closedPort();
    const error = await rejectionOf(http({ method: "GET", url: `http://127.0.0.1:${port}/x`, timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(HttpClientError);
    expect(error).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
    expect((error as HttpClientError).message).toContain("ECONNREFUSED");
  });

  it("reports an unknown host as network ENOTFOUND (EAI_AGAIN when the resolver itself is unreachable)", async () => {
    const error = await rejectionOf(http({ method: "GET", url: "http://does-not-exist.invalid/", timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(HttpClientError);
    expect(error).toMatchObject({ kind: "network" });
    expect((error as HttpClientError).code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
  });

  it("reports a dropped connection as network", async () => {
    const error = await rejectionOf(http({ method: "GET", url: `${base}/drop`, timeoutMs: 5000 }));
    expect(error).toBeInstanceOf(HttpClientError);
    expect(error).toMatchObject({ kind: "network" });
  });

  it("rejects with the caller's own reason when the caller aborts", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by the engine");
    setTimeout(() => controller.abort(reason), 30);
    await expect(http({ method: "GET", url: `${base}/hang`, timeoutMs: 5000, signal: controller.signal })).rejects.toBe(reason);
  });

  it("never puts the request's headers, body, path or query in an error message", async () => {
    const port = await closedPort();
    const secretish = "Sup3rSecret-Value";
    const failures = await Promise.all([
      rejectionOf(http({ method: "POST", url: `http://127.0.0.1:${port}/p/${secretish}?k=${secretish}`, headers: { Authorization: `Basic ${secretish}` }, body: secretish, timeoutMs: 5000 })),
      rejectionOf(http({ method: "POST", url: `${base}/hang?k=${secretish}`, headers: { Authorization: `Basic ${secretish}` }, body: secretish, timeoutMs: 100 })),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(HttpClientError);
      expect((failure as Error).message).not.toContain(secretish);
    }
  });

  it("refuses a non-http(s) URL as a programming error, not a network failure", async () => {
    const error = await rejectionOf(http({ method: "GET", url: "file:///etc/passwd", timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(TypeError);
  });
});
