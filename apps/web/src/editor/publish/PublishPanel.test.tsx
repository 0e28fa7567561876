import type { Execution, ExecutionListPage, ExecutionSummary } from "@fluxo/contracts";
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { formatDateTime } from "../../ui/index.js";
import { mockApi, renderWithProviders } from "../../ui/testing.js";
import { flow } from "../testing/fixtures.js";
import { PublishPanel } from "./PublishPanel.js";

function run(id: string, overrides: Partial<Execution>): Execution {
  const summary: ExecutionSummary = {
    id,
    flowId: "flow1",
    flowVersion: 1,
    draft: true,
    draftSavedAt: "2026-12-06T17:36:00.000Z",
    triggerSource: "editor",
    status: "succeeded",
    startedAt: "2026-12-06T17:40:00.000Z",
    finishedAt: "2026-12-06T17:40:01.000Z",
    durationMs: 1000,
    createdAt: "2026-12-06T17:40:00.000Z",
  };
  return { ...summary, definition: flow().definition, input: { body: {}, headers: {}, query_params: {} }, error: null, steps: [], rerunOf: null, reruns: [], testedAgainst: null, ...overrides };
}
const page = (...items: Execution[]): ExecutionListPage => ({ items, nextCursor: null });

/**
 * QA: run with a body that makes a step fail, "Testar passo" another step, open Publicar…: the curl
 * example sent the failing body, "with the input of the last execution with success" — the step test.
 */
describe("the publish panel's curl example", () => {
  const good = run("good", { input: { body: { ms: 1 }, headers: {}, query_params: {} }, createdAt: "2026-12-06T17:40:00.000Z" });
  // The step test after the failed run: it succeeded, on the failed run's input, and is the newest "succeeded".
  const stepTest = run("steptest", { triggerSource: "test", testedAgainst: "bad", input: { body: { ms: 999999999 }, headers: {}, query_params: {} }, createdAt: "2026-12-06T17:45:00.000Z" });

  it("sends the input of the last whole run that succeeded, dated as that run", async () => {
    const api = mockApi({
      "GET /api/flows/flow1": { body: flow({ publishedVersion: 1, hasUnpublishedChanges: false }) },
      "GET /api/flows/flow1/versions": { body: [] },
      // What the server answers each question: any succeeded execution is the step test; a whole run is `good`.
      "GET /api/executions?flowId=flow1&status=succeeded&limit=1": { body: page(stepTest) },
      "GET /api/executions?flowId=flow1&status=succeeded&kind=run&limit=1": { body: page(good) },
      "GET /api/executions/good": { body: good },
      "GET /api/executions/steptest": { body: stepTest },
    });
    renderWithProviders(<PublishPanel flowId="flow1" dirty={false} onClose={() => {}} onViewVersion={() => {}} />);
    await waitFor(() => expect(screen.getByTestId("gateway-curl").textContent).toContain(`-d '{"ms":1}'`));
    expect(screen.getByTestId("gateway-curl").textContent).not.toContain("999999999");
    expect(screen.getByTestId("gateway-curl-note").textContent).toBe(`Com a entrada da última execução com sucesso (${formatDateTime(good.createdAt, "pt-BR")}).`);
    expect(api.requests.some((r) => r.path === "/api/executions/steptest")).toBe(false);
  });
});
