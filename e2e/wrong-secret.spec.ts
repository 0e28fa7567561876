import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, shot, stepNode, tokenFlowDefinition, unique } from "./helpers.js";

test("a wrong client secret fails the step live, and its details show BTG's invalid_client", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG segredo errado ${id}`, "not-the-secret");
  const flow = await createFlow(request, `Segredo errado ${id}`, tokenFlowDefinition(connection.id));

  await page.goto(`/fluxos/${flow.id}`);
  const node = stepNode(page, "credentials");
  await expect(node).toContainText("Pronto");
  await page.getByRole("button", { name: "Executar", exact: true }).click();

  await expect(node.getByText("Falhou")).toBeVisible();
  await expect(page.getByTestId("execution-bar")).toContainText("Falhou");
  await node.click();
  const error = page.getByRole("complementary", { name: "Detalhes do passo" }).getByTestId("step-error");
  await expect(error).toContainText("invalid_client");
  await expect(error).toContainText("HTTP 401");
  await shot(page, "wrong-secret-details");
});
