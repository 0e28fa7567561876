import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, shot, stepNode, tokenFlowDefinition, unique } from "./helpers.js";

test("after a reload the flow and its last execution are still there", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG recarregar ${id}`);
  const flow = await createFlow(request, `Recarregar ${id}`, tokenFlowDefinition(connection.id));

  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(stepNode(page, "credentials").getByText("Sucesso")).toBeVisible();
  const executionUrl = page.url();

  // The execution view survives a reload (replayed from the stored events).
  await page.reload();
  await expect(page).toHaveURL(executionUrl);
  await expect(stepNode(page, "credentials").getByText("Sucesso")).toBeVisible();

  // So does the flow, and the execution is in its history.
  await page.goto(`/fluxos/${flow.id}`);
  await page.reload();
  await expect(page.getByRole("heading", { name: `Recarregar ${id}` })).toBeVisible();
  await expect(stepNode(page, "credentials")).toBeVisible();
  await page.getByRole("button", { name: "Execuções" }).click();
  const history = page.getByRole("list", { name: "Execuções" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Sucesso");
  // The workspace's retention (GET /api/workspace/retention), under the list.
  await expect(page.getByTestId("history-retention")).toHaveText("Execuções são mantidas por 14 dias");
  await shot(page, "persistence-history");

  await history.getByRole("button").first().click();
  await expect(page).toHaveURL(/[?&]execucao=/);
  await expect(stepNode(page, "credentials").getByText("Sucesso")).toBeVisible();
  await page.getByRole("button", { name: "Voltar à edição" }).click();
  await expect(page).not.toHaveURL(/execucao=/);
  await expect(stepNode(page, "credentials")).toContainText("Pronto");
});
