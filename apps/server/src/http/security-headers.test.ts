import express, { type RequestHandler } from "express";
import helmet from "helmet";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { securityHeaders, type FixedContentSecurityPolicy } from "./security-headers.js";

const POLICY: FixedContentSecurityPolicy = { useDefaults: false, directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", "data:"], frameAncestors: ["'none'"] } };

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));

/** The headers of a real answer from an Express app with `middleware` in front of its one route. */
async function headersWith(middleware: RequestHandler): Promise<Record<string, string>> {
  const app = express();
  app.use(middleware);
  app.get("/", (_req, res) => res.json({ ok: true }));
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const headers = Object.fromEntries(res.headers);
  delete headers["date"];
  return headers;
}

describe("securityHeaders", () => {
  it("answers with exactly the headers helmet sets, X-Powered-By removed too", async () => {
    const ours = await headersWith(securityHeaders(POLICY));
    expect(ours).toEqual(await headersWith(helmet({ contentSecurityPolicy: { ...POLICY, directives: { ...POLICY.directives } as Record<string, string[]> } })));
    expect(ours["content-security-policy"]).toBe("default-src 'self';img-src 'self' data:;frame-ancestors 'none'");
    expect(ours["strict-transport-security"]).toMatch(/max-age=/);
    expect(ours["x-powered-by"]).toBeUndefined();
  });

  it("refuses at start a policy helmet can't make into a header", () => {
    expect(() => securityHeaders({ useDefaults: false, directives: { defaultSrc: ["'self'"], "bad directive": ["x"] } })).toThrow(/Content-Security-Policy/);
  });
});
