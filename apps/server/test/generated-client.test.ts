import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import type { Middleware } from "openapi-fetch";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../src/openapi/openapi-document.js";
import { OWNER, startTestApp, type TestApp } from "./harness.js";
import { validate } from "./json-schema-check.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const clientDir = path.join(here, "client");
const tsc = path.resolve(here, "../../../node_modules/.bin/tsc");

/** client/tour.ts's export, as this test reads it. */
type Tour = (baseUrl: string, sandbox: string, owner: { email: string; password: string }, watch: Middleware) => Promise<{
  syncStatus: string;
  events: string[];
  gatewayTokenType: unknown;
  claims: unknown;
  secondFlowStatus: string;
  balances: unknown[];
  scheduleNextRuns: number;
  scheduleByKey: number;
  stepTestStatus: string;
  rerunId: string;
}>;

/**
 * The document as a client generated from it sees it: openapi-typescript's types and openapi-fetch
 * run the README's tour (client/tour.ts) with no cast, and Redocly's recommended rules find no error.
 */
describe("a client generated from GET /api/openapi.json", () => {
  let app: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    document = (await app.api<OpenApiDocument>("GET", "/api/openapi.json")).body;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("passes Redocly's recommended rules with no error, and names this server", async () => {
    expect(document.servers).toEqual([{ url: app.url, description: "This server." }]);
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: "openapi.json", config });
    const errors = problems.filter((p) => p.severity === "error").map((p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`);
    expect(errors).toEqual([]);
    // What stays a warning, and why: no license (a private product) and a redirect-only route (the OAuth callback).
    expect(new Set(problems.map((p) => p.ruleId))).toEqual(new Set(["info-license", "operation-2xx-response"]));
  });

  it("type-checks the README's tour with no cast, and runs it against the server", async () => {
    writeFileSync(path.join(clientDir, "fluxo-api.d.ts"), astToString(await openapiTS(JSON.stringify(document))));
    const code = readFileSync(path.join(clientDir, "tour.ts"), "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    expect(code, "the tour must read as a client would write it: no cast, no any").not.toMatch(/\bas (?!const\b)[A-Za-z{[]|@ts-|\bany\b/);
    const checked = await promisify(execFile)(tsc, ["-p", path.join(clientDir, "tsconfig.json")], { timeout: 120_000 }).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    expect(checked.stdout, "the tour type-checks against the generated client").toBe("");

    // Imported by URL: tsc -b leaves the tour (and the types it needs generated first) to the check above.
    const { tour } = (await import(pathToFileURL(path.join(clientDir, "tour.ts")).href)) as { tour: Tour };
    const answers: { operation: string; status: number; type: string; body: unknown }[] = [];
    const watch: Middleware = {
      async onResponse({ request, response, schemaPath }) {
        const type = response.headers.get("content-type")?.split(";")[0] ?? "";
        if (type.endsWith("json")) answers.push({ operation: `${request.method.toLowerCase()} ${schemaPath}`, status: response.status, type, body: await response.clone().json() });
      },
    };
    const outcome = await tour(app.url, app.sandbox.url, OWNER, watch);
    // Every answer of the tour, problems included, fits what the document says of it, with no member it doesn't describe.
    expect(answers.length).toBeGreaterThan(20);
    const unfit = answers.flatMap(({ operation, status, type, body }) => {
      const [method, path] = operation.split(" ") as [keyof OpenApiDocument["paths"][string], string];
      const media = document.paths[path]?.[method]?.responses[String(status)]?.content?.[type];
      if (!media) return [`${operation} ${status} ${type}: not in the document`];
      return validate(document, media.schema, body, { closed: true }).map((error) => `${operation} ${status}: ${error}`);
    });
    expect(unfit).toEqual([]);
    expect(outcome.syncStatus).toBe("succeeded");
    expect(outcome.events).toContain("step.succeeded");
    expect(outcome.events.at(-1)).toBe("execution.finished");
    expect(outcome.gatewayTokenType).toBe("Bearer");
    expect(outcome.claims).toMatchObject({ client_id: "demo-client", authorization_details: [{ type: "account_information", resource: "accounts/123" }] });
    expect(outcome.secondFlowStatus).toBe("succeeded");
    expect(outcome.balances).toHaveLength(3);
    for (const balance of outcome.balances) expect(JSON.stringify(balance)).toContain('"available":152340.75');
    expect(outcome.scheduleNextRuns).toBe(5);
    expect(outcome.scheduleByKey).toBe(403);
    expect(outcome.stepTestStatus).toBe("succeeded");
    expect(outcome.rerunId).toMatch(/^[0-9a-f-]{36}$/);
  }, 120_000);
});
