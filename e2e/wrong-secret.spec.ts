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
  // One piece of advice: BTG-ID's own for invalid_client, not the generic hint before it saying the same.
  await expect(error.getByTestId("step-error-advice")).toHaveText("O BTG-ID recusou o pedido de token (401 invalid_client). Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.");
  await expect(error).not.toContainText("Confira o código acima");
  expect((await error.innerText()).split("Chave Secreta").length - 1).toBe(1);
  await shot(page, "wrong-secret-details");
});
