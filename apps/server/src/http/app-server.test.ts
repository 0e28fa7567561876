import express, { Router } from "express";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppServer } from "./app-server.js";

describe("createAppServer", () => {
  const app = express();
  const born: { request: object | null; response: object | null }[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const api = Router();
    api.post("/echo/:id", express.json(), (req, res) => {
      res.set("X-Seen-By", req.get("x-caller") ?? "nobody").status(201).json({ id: req.params.id, body: req.body, query: req.query, app: req.app === app });
    });
    app.use("/api", api);
    server = createAppServer(app);
    // Before Express sees them: what prototype the server gave each request and response.
    server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => born.push({ request: Object.getPrototypeOf(req), response: Object.getPrototypeOf(res) }));
    server.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("gives requests and responses the app's own prototypes from birth, so Express has nothing to re-parent", async () => {
    await fetch(`${url}/api/echo/1`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(born).toHaveLength(1);
    expect(born[0]!.request).toBe(app.request);
    expect(born[0]!.response).toBe(app.response);
  });

  it("keeps everything Express adds: routing and params, body and query parsing, req.get, res.set/status/json, req.app", async () => {
    const res = await fetch(`${url}/api/echo/abc?x=1`, { method: "POST", headers: { "content-type": "application/json", "x-caller": "test" }, body: JSON.stringify({ a: [1, 2] }) });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-seen-by")).toBe("test");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await res.json()).toEqual({ id: "abc", body: { a: [1, 2] }, query: { x: "1" }, app: true });
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
  });
});
