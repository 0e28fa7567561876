import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderStepMessage, type ExecutionListPage, type Flow, type FlowListItem, type FlowSchedule, type Problem, type StepErrorInfo } from "@fluxo/contracts";
import { sessionCookieOf, startTestApp, type TestApp } from "./harness.js";

/** Polls until `check` gives a value (or fails after `tries` × 250 ms): scheduled runs come on their own time. */
async function eventually<T>(check: () => Promise<T | undefined>, tries = 80): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("gave up waiting");
}

describe("the Agendador (single mode: the API process fires schedules)", () => {
  let app: TestApp;
  let connectionId: string;
  let published: Flow;

  const scheduledRuns = async (flowId: string) =>
    (await app.server.database.pool.query<{ id: string; status: string; scheduledFor: Date; flowVersion: number; draft: boolean; error: StepErrorInfo | null }>(
      `SELECT id, status, "scheduledFor", "flowVersion", draft, error FROM "Execution" WHERE "flowId" = $1 AND "triggerSource" = 'schedule' ORDER BY "scheduledFor"`,
      [flowId],
    )).rows;

  beforeAll(async () => {
    app = await startTestApp("postgres");
    connectionId = (await app.createConnection()).id;
    published = await app.createFlow(connectionId);
    expect((await app.api("POST", `/api/flows/${published.id}/publish`, { note: "v1" })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("refuses to schedule a flow never published (409) and a flow that doesn't exist (404)", async () => {
    const draft = await app.createFlow(connectionId);
    const res = await app.api<Problem>("PUT", `/api/flows/${draft.id}/schedule`, { cron: "*/5 * * * *" });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/ainda não foi publicado.*publique-o/);
    expect((await app.api("GET", `/api/flows/${draft.id}/schedule`)).status).toBe(404);
    expect((await app.api("PUT", "/api/flows/00000000-0000-4000-8000-000000000000/schedule", { cron: "*/5 * * * *" })).status).toBe(404);
  });

  it("answers 422 naming the cron field or the zone and why, and saves nothing", async () => {
    const res = await app.api<Problem>("PUT", `/api/flows/${published.id}/schedule`, { cron: "0 25 * * *", timezone: "America/Sao Paulo" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { path: "cron", message: 'O campo hora ("25") não é válido: use 0 a 23, listas (1,15), intervalos (1-5) ou passos (*/5)' },
      { path: "timezone", message: expect.stringMatching(/"America\/Sao Paulo" não é um fuso horário IANA/) },
    ]);
    // The same problems in the request's language, from the codes the editor's hints use.
    const english = await app.api<Problem>("PUT", `/api/flows/${published.id}/schedule`, { cron: "0 25 * * *", timezone: "America/Sao Paulo" }, { ...app.auth, "accept-language": "en" });
    expect(english.body.errors).toEqual([
      { path: "cron", message: 'The hour field ("25") is not valid: use 0 to 23, lists (1,15), ranges (1-5) or steps (*/5)' },
      { path: "timezone", message: '"America/Sao Paulo" is not a known IANA time zone; use a name such as America/Sao_Paulo, America/Manaus or UTC' },
    ]);
    const badInput = await app.api<Problem>("PUT", `/api/flows/${published.id}/schedule`, { cron: "* * * * *", input: { headers: { "x-a": 1 } } });
    expect(badInput.status).toBe(422);
    expect(badInput.body.errors?.[0]?.path).toBe("input.headers.x-a");
    expect((await app.api("GET", `/api/flows/${published.id}/schedule`)).status).toBe(404);
  });

  it("saves a schedule and shows its next five fire times in its zone (default America/Sao_Paulo)", async () => {
    const put = await app.api<FlowSchedule>("PUT", `/api/flows/${published.id}/schedule`, { cron: "0 9 * * 1-5", enabled: false });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ cron: "0 9 * * 1-5", timezone: "America/Sao_Paulo", enabled: false, nextRuns: [], updatedBy: { name: "Dona Fluxo" } });
    const enabled = await app.api<FlowSchedule>("PUT", `/api/flows/${published.id}/schedule`, { cron: "0 9 * * 1-5", enabled: true });
    const { body } = await app.api<FlowSchedule>("GET", `/api/flows/${published.id}/schedule`);
    expect(body).toEqual(enabled.body);
    expect(body.nextRuns).toHaveLength(5);
    for (const at of body.nextRuns) {
      const d = new Date(at);
      // 09:00 in São Paulo (UTC−3) on a weekday.
      expect([d.getUTCHours(), d.getUTCMinutes()]).toEqual([12, 0]);
      expect([0, 6]).not.toContain(d.getUTCDay());
    }
    const list = await app.api<FlowListItem[]>("GET", "/api/flows");
    expect(list.body.find((f) => f.id === published.id)?.schedule).toEqual({ cron: "0 9 * * 1-5", timezone: "America/Sao_Paulo", enabled: true, nextRunAt: body.nextRuns[0] });
    expect(list.body.find((f) => f.id !== published.id)?.schedule).toBeNull();
    // The flow's own answer carries the same brief, so the editor asks for the whole schedule only when there is one.
    const one = await app.api<Flow>("GET", `/api/flows/${published.id}`);
    expect(one.body.schedule).toEqual(list.body.find((f) => f.id === published.id)?.schedule);
    const other = list.body.find((f) => f.id !== published.id)!;
    expect((await app.api<Flow>("GET", `/api/flows/${other.id}`)).body.schedule).toBeNull();
  });

  it("API keys may not schedule (403 saying so) but read it; a viewer reads it and can't change it", async () => {
    const key = await app.api<{ key: string }>("POST", "/api/api-keys", { name: "robô" });
    const bearer = { authorization: `Bearer ${key.body.key}` };
    const refused = await app.api<Problem>("PUT", `/api/flows/${published.id}/schedule`, { cron: "* * * * *" }, bearer);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/chave de API não agenda fluxos/);
    const refusedInEnglish = await app.api<Problem>("PUT", `/api/flows/${published.id}/schedule`, { cron: "* * * * *" }, { ...bearer, "accept-language": "en" });
    expect(refusedInEnglish.body.detail).toBe("An API key doesn't schedule flows (a schedule runs with no one behind it); sign in with an account of role member or above");
    expect((await app.api("DELETE", `/api/flows/${published.id}/schedule`, undefined, bearer)).status).toBe(403);

    const invite = await app.api<{ token: string }>("POST", "/api/invites", { email: "leitor@fluxo.test", role: "viewer" });
    const accepted = await fetch(`${app.url}/api/auth/invite/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: invite.body.token, name: "Leitor", password: "a long password 123" }) });
    const viewer = { cookie: sessionCookieOf(accepted) };
    expect((await app.api("GET", `/api/flows/${published.id}/schedule`, undefined, viewer)).status).toBe(200);
    const viewerPut = await app.api<Problem>("PUT", `/api/flows/${published.id}/schedule`, { cron: "* * * * *" }, viewer);
    expect(viewerPut.status).toBe(403);
    expect(viewerPut.body.detail).toBe("Seu papel (leitor) não permite agendar fluxos (papel membro ou acima); peça a um administrador");
    const viewerPutInEnglish = await app.api<Problem>("PUT", `/api/flows/${published.id}/schedule`, { cron: "* * * * *" }, { ...viewer, "accept-language": "en" });
    expect(viewerPutInEnglish.body.detail).toBe("Your role (viewer) doesn't allow scheduling flows (role member or above); ask an administrator");
  });

  it("fires the published version each tick with source schedule and the schedule's input; disabling stops it", async () => {
    const flow = await app.createFlow(connectionId);
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    // The draft changes after publishing: scheduled runs still run version 1, never the draft.
    const renamed = { ...flow.definition, steps: flow.definition.steps.map((s) => ({ ...s, name: "Rascunho mudado" })) };
    expect((await app.api("PUT", `/api/flows/${flow.id}`, { version: flow.version, definition: renamed })).status).toBe(200);
    await app.api("PUT", `/api/flows/${flow.id}/schedule`, { cron: "* * * * * *", input: { body: { account: "accounts/agendada" } } });
    const runs = await eventually(async () => {
      const rows = await scheduledRuns(flow.id);
      return rows.length >= 2 ? rows : undefined;
    });
    const ticks = runs.map((r) => r.scheduledFor.getTime());
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const t of ticks) expect(t % 1000).toBe(0);
    expect(runs.every((r) => r.flowVersion === 1 && !r.draft)).toBe(true);
    const execution = await app.waitForExecution(runs[0]!.id);
    expect(execution).toMatchObject({ triggerSource: "schedule", status: "succeeded", draft: false, input: { body: { account: "accounts/agendada" } } });
    expect(execution.definition.steps[0]!.name).not.toBe("Rascunho mudado");
    const listed = await app.api<ExecutionListPage>("GET", `/api/executions?flowId=${flow.id}&source=schedule`);
    expect(listed.body.items.length).toBeGreaterThanOrEqual(2);

    await app.api("PUT", `/api/flows/${flow.id}/schedule`, { cron: "* * * * * *", enabled: false });
    const stoppedAt = (await scheduledRuns(flow.id)).length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await scheduledRuns(flow.id)).length).toBe(stoppedAt);
  });

  it("a tick whose run can't start (its connection was deleted) is recorded as a failed execution with the reason", async () => {
    const connection = await app.createConnection({ name: "a apagar" });
    const flow = await app.createFlow(connection.id);
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    expect((await app.api("DELETE", `/api/connections/${connection.id}?force=true`)).status).toBe(204);
    await app.api("PUT", `/api/flows/${flow.id}/schedule`, { cron: "* * * * * *" });
    const failed = await eventually(async () => (await scheduledRuns(flow.id))[0]);
    await app.api("DELETE", `/api/flows/${flow.id}/schedule`);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toMatch(/passo "credentials"/);
    // #18 item 8: stored with its code, so the app tells it in English too.
    expect(renderStepMessage(failed.error!.messageCode!, failed.error!.messageParams, "en")).toBe(
      'the flow can\'t run: step "credentials" (connectionId): the chosen connection no longer exists; choose another in Properties',
    );
    const execution = await app.waitForExecution(failed.id);
    expect(execution).toMatchObject({ status: "failed", triggerSource: "schedule" });
  });

  it("deleting the schedule, or the flow, stops its runs", async () => {
    const flow = await app.createFlow(connectionId);
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    await app.api("PUT", `/api/flows/${flow.id}/schedule`, { cron: "* * * * * *" });
    await eventually(async () => ((await scheduledRuns(flow.id)).length > 0 ? true : undefined));
    expect((await app.api("DELETE", `/api/flows/${flow.id}/schedule`)).status).toBe(204);
    expect((await app.api("DELETE", `/api/flows/${flow.id}/schedule`)).status).toBe(404);
    const count = (await scheduledRuns(flow.id)).length;
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await scheduledRuns(flow.id)).length).toBe(count);

    const other = await app.createFlow(connectionId);
    await app.api("POST", `/api/flows/${other.id}/publish`, {});
    await app.api("PUT", `/api/flows/${other.id}/schedule`, { cron: "* * * * * *" });
    await eventually(async () => ((await scheduledRuns(other.id)).length > 0 ? true : undefined));
    expect((await app.api("DELETE", `/api/flows/${other.id}`)).status).toBe(204);
    const row = await app.server.database.pool.query(`SELECT 1 FROM "FlowSchedule" WHERE "flowId" = $1`, [other.id]);
    expect(row.rowCount).toBe(0);
  });

  it("keeps schedules across a restart: PostgreSQL is the record the scheduler re-arms from", async () => {
    const flow = await app.createFlow(connectionId);
    await app.api("POST", `/api/flows/${flow.id}/publish`, {});
    await app.api("PUT", `/api/flows/${flow.id}/schedule`, { cron: "* * * * * *" });
    await app.restart();
    const before = (await scheduledRuns(flow.id)).length;
    await eventually(async () => ((await scheduledRuns(flow.id)).length > before ? true : undefined));
    await app.api("DELETE", `/api/flows/${flow.id}/schedule`);
  });
});
