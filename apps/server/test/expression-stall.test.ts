import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Execution, Flow } from "@fluxo/contracts";
import { AUTHORIZATION_DETAILS, startTestApp, type TestApp } from "./harness.js";

/**
 * Issue 20 item 3: `{{ split "" .input.body.big }}` with a 9 MB gateway body once held the event
 * loop for 11.7 s. This runs it at the default limits, fails it with the limit's error, and
 * reports (does not assert: timings vary by machine) the longest event-loop block and the
 * slowest health check answered meanwhile.
 */
describe("a hostile expression on a 9 MB body", () => {
  let app: TestApp;
  let flow: Flow;
  let plain: Flow;
  let key: string;
  beforeAll(async () => {
    app = await startTestApp("postgres");
    const connection = await app.createConnection();
    const details = [{ ...AUTHORIZATION_DETAILS[0], resource: '{{ split "" .input.body.big }}' }];
    flow = await app.createFlow(connection.id, { grantType: "client_credentials", authorizationDetails: details });
    plain = await app.createFlow(connection.id);
    for (const f of [flow, plain]) expect((await app.api("POST", `/api/flows/${f.id}/publish`, { note: "v1" })).status).toBe(201);
    key = (await app.api<{ key: string }>("POST", "/api/api-keys", { name: "stall" })).body.key;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  /** Sends the body to the flow's gateway, follows the run to its end; reports how long the event loop was held meanwhile. */
  async function runMeasured(target: Flow, label: string): Promise<Execution> {
    const body = JSON.stringify({ big: "x".repeat(9 * 1024 * 1024) });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let probing = true;
    let slowestHealthMs = 0;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await fetch(`${app.url}/api/health`);
        slowestHealthMs = Math.max(slowestHealthMs, performance.now() - started);
      }
    })();
    delay.enable();
    const res = await fetch(`${app.url}/gateway/flows/${target.slug}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
    expect(res.status).toBe(202);
    const { executionId } = (await res.json()) as { executionId: string };
    const execution = await app.waitForExecution(executionId);
    delay.disable();
    probing = false;
    await probe;
    // One process holds the client, the API and the sandbox here, so these are upper bounds.
    console.log(`${label}: longest event-loop block ${(delay.max / 1e6).toFixed(1)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms); slowest /api/health meanwhile ${slowestHealthMs.toFixed(1)} ms`);
    return execution;
  }

  it("reports the cost of a 9 MB body alone, to compare with", async () => {
    expect((await runMeasured(plain, "9 MB body, no expression reads it")).status).toBe("succeeded");
  });

  it("stops the run at the output limit with an error naming the field and the limit", async () => {
    const execution = await runMeasured(flow, '9 MB body, split ""');
    expect(execution.status).toBe("failed");
    const step = execution.steps.find((s) => s.stepId === "credentials")!;
    // The message names the field by its label; the path stays in fields[].
    expect(step.error?.message).toContain("Resource");
    expect(step.error?.fields?.[0]?.path).toBe("authorizationDetails.0.resource");
    expect(step.error?.message).toContain("passou do limite de 1.000.000 bytes");
    // The stored input holds what was sent (9 MB), not what the expression would have built.
    const { rows } = await app.server.database.pool.query<{ bytes: number }>(`SELECT octet_length(input::text) AS bytes FROM "Execution" WHERE id = $1`, [execution.id]);
    expect(rows[0]!.bytes).toBeLessThan(10 * 1024 * 1024);
  });
});
