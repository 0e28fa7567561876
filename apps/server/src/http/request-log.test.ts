import express from "express";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestLog } from "./request-log.js";

describe("requestLog", () => {
  const lines: Record<string, unknown>[] = [];
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const app = express();
    app.use(requestLog(logger, (u) => u === "/health"));
    app.get("/health", (_req, res) => res.send("ok"));
    app.get("/ok", (_req, res) => res.send("ok"));
    app.get("/refused", (_req, res) => res.status(403).send("no"));
    app.get("/broken", (_req, res) => res.status(500).send("oops"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it("logs method, path, status and time at a level by status, never the query string or headers", async () => {
    for (const path of ["/health", "/ok?key=fx_secret", "/refused", "/broken"]) await fetch(url + path, { headers: { cookie: "fluxo_session=abc", authorization: "Bearer fx_secret" } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines.map((l) => [l.level, (l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode, l.msg])).toEqual([
      [20, "/ok", 200, "request completed"],
      [40, "/refused", 403, "request completed"],
      [50, "/broken", 500, "request completed"],
    ]);
    expect(lines.every((l) => typeof l.responseTime === "number")).toBe(true);
    expect(JSON.stringify(lines)).not.toMatch(/fx_secret|fluxo_session/);
  });
});
