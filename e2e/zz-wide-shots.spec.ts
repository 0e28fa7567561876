import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

test("1920×1080 screenshots of the data panel, a version and the failure banner", async ({ page, request }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const connection = await createConnection(request, `BTG wide ${unique()}`);
  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.name = "Obter credenciais";
  definition.steps.push({ id: "http", name: "Chamar a API", connector: "http", operation: "request", connectionId: null, description: "", parameters: { method: "GET", url: "https://example.com/", headers: [], query: [] }, position: { x: 600, y: 120 } });
  definition.edges.push({ source: "credentials", target: "http" });
  const flow = await createFlow(request, `Largo ${unique()}`, definition);
  await request.post(`/api/flows/${flow.id}/executions/sync`, { data: { input: { body: { account: "accounts/9" } } } });
  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: { note: "primeira" } })).status()).toBe(201);
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "http").click();
  await expect(stepPanel(page, "Chamar a API").getByRole("list", { name: "Dados" })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, "wide-01-data");
  await page.goto(`/fluxos/${flow.id}?versao=1`);
  await stepNode(page, "credentials").click();
  await expect(page.getByTestId("version-bar")).toBeVisible();
  await shot(page, "wide-02-version");
  const bad = await createConnection(request, `BTG wide bad ${unique()}`, "wrong");
  const failing = await createFlow(request, `Largo falha ${unique()}`, { ...definition, steps: definition.steps.map((s) => (s.id === "credentials" ? { ...s, connectionId: bad.id } : s)) });
  await page.goto(`/fluxos/${failing.id}`);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(page.getByTestId("execution-failure")).toContainText("Obter credenciais falhou");
  await shot(page, "wide-03-failure");
});
