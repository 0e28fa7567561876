import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER, startTestApp, type TestApp } from "./harness.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The README's curl walk-through must work as written. */
describe("README curl walk-through", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp("postgres");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("creates a connection and a flow, triggers it, streams its events, shows the JWT, and calls the API with the token", async () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## The API with curl"));
    const script = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
    expect(script).toBeDefined();
    const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script!], {
      env: { ...process.env, FLUXO: app.url, SANDBOX: app.sandbox.url, EMAIL: OWNER.email, PASSWORD: OWNER.password },
      timeout: 30_000,
    });
    expect(stdout.split("\n")[0]).toBe("succeeded"); // …/executions/sync
    expect(stdout).toContain("event: step.succeeded");
    expect(stdout).toContain("event: execution.finished");
    // Steps 9–10: the two-step flow's run, both balances in its record, then the gateway's answer for `balance`;
    // step 12: a step test, and a re-run's id.
    const lines = stdout.trim().split("\n");
    // The stored record's texts are PostgreSQL's (a space after ":"); the gateway's answer is the body as BTG sent it.
    expect(lines.slice(-6, -1)).toEqual(["succeeded", '"available": 152340.75', '"available": 152340.75', '"available":152340.75', "succeeded"]);
    expect(lines.at(-1)).toMatch(/^[0-9a-f-]{36}$/);
    const claims = JSON.parse(lines.at(-7)!) as { client_id: string; authorization_details: unknown };
    expect(claims.client_id).toBe("demo-client");
    expect(claims.authorization_details).toEqual([
      { type: "account_information", resource: "accounts/123", locations: ["https://api.btgpactual.com/accounts"], privileges: ["read"] },
    ]);
  });
});
