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

// #18 "what they reach for": a search box on top of the palette, by keyboard from start to end.
test("the palette's search filters step types as it is typed; arrows walk the matches and Enter adds one", async ({ page, request }) => {
  const flow = await createFlow(request, `Busca ${unique()}`);
  await page.goto(`/fluxos/${flow.id}`);
  const palette = page.getByRole("complementary", { name: "Conectores" });
  const search = palette.getByRole("searchbox", { name: "Buscar passo" });

  // Accents and case don't matter; what doesn't match goes.
  await search.fill("condicao");
  await expect(palette.getByRole("button", { name: "Adicionar Condição" })).toBeVisible();
  await expect(palette.getByRole("button", { name: "Adicionar BTG-ID" })).toHaveCount(0);
  await expect(palette.getByRole("button", { name: "Adicionar HTTP" })).toHaveCount(0);
  await shot(page, "editor-polish-02-palette-search");

  await search.fill("nada disso");
  await expect(palette.getByText("Nenhum passo corresponde a “nada disso”.")).toBeVisible();
  await shot(page, "editor-polish-03-palette-no-match");

  // Enter adds the first match, and the search box empties for the next one.
  await search.fill("http");
  await search.press("Enter");
  await expect(stepNode(page, "http")).toBeVisible();
  await expect(search).toHaveValue("");

  // Arrows: from the box to the items, between them, and back up.
  await search.focus();
  await search.fill("btg");
  await search.press("ArrowDown");
  await expect(palette.getByRole("button", { name: "Adicionar BTG-ID" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(search).toBeFocused();
  await search.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(stepNode(page, "credentials")).toBeVisible();
});
