import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// #18's rough edges: an empty list item left behind follows item 4's rule on the node too.
test("an empty list item left behind isn't counted on the node until a save asks for the whole step", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG lista ${id}`);
  const flow = await createFlow(request, `Lista ${id}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  const node = stepNode(page, "credentials");
  await node.click();
  const panel = stepPanel(page, "credentials");
  const entry = panel.getByRole("group", { name: "Entrada 1" });
  await entry.getByRole("button", { name: "Adicionar item em Privileges" }).click();
  await entry.getByLabel("Resource", { exact: true }).click(); // leaves the empty item behind
  await expect(entry.getByLabel("Privileges 2", { exact: true })).toHaveValue("");
  await expect(node.locator(".step-node__warning")).toHaveCount(0);
  await expect(node).toContainText("Pronto");
  await shot(page, "editor-polish-01-empty-item-not-counted");

  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/)).toBeVisible();
  await expect(node.locator(".step-node__warning")).toHaveAttribute("aria-label", /1 problema/);
  await expect(entry.getByLabel("Privileges 2", { exact: true })).toHaveAttribute("aria-invalid", "true");
});
