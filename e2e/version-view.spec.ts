import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// #18 item 13: "Ver" on a published version shows it on the canvas, read-only, with each step's fields viewable.
test("'Ver' shows a published version on the canvas, read-only, its steps' fields as published; back to the draft, they edit again", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG versão ${id}`);
  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.name = "Obter credenciais";
  const flow = await createFlow(request, `Versões ${id}`, definition);
  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: { note: "primeira versão" } })).status()).toBe(201);
  // The draft moves on after v1: another resource.
  const draft = tokenFlowDefinition(connection.id);
  draft.steps[0]!.name = "Obter credenciais";
  (draft.steps[0]!.parameters.authorizationDetails as { resource: string }[])[0]!.resource = "conta-rascunho";
  expect((await request.put(`/api/flows/${flow.id}`, { data: { definition: draft } })).status()).toBe(200);

  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Publicar…" }).click();
  const versions = page.getByRole("list", { name: "Versões publicadas" });
  await versions.getByRole("listitem").first().getByRole("button", { name: "Ver" }).click();

  // The canvas shows v1, with what it is and the way back; no raw JSON.
  const bar = page.getByTestId("version-bar");
  await expect(bar).toContainText("Versão v1");
  await expect(bar).toContainText("primeira versão");
  await expect(bar).toContainText("Somente leitura");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByText("Somente leitura enquanto uma execução ou uma versão publicada é mostrada")).toBeVisible();
  await expect(page).toHaveURL(/versao=1/);

  // A step's fields, as published, can be read but not changed; the step can't be deleted.
  await stepNode(page, "credentials").click();
  const panel = stepPanel(page, "Obter credenciais");
  const resource = panel.getByLabel("Resource").first();
  await expect(resource).toHaveValue("conta-e2e");
  await expect(resource).toBeDisabled();
  // Its disabled link-like buttons look disabled: no hand, the muted colour, nothing on hover.
  const useExpression = panel.getByRole("button", { name: "Usar expressão em Locations" });
  await expect(useExpression).toBeDisabled();
  await useExpression.hover();
  await expect(useExpression).toHaveCSS("cursor", "not-allowed");
  await expect(useExpression).toHaveCSS("text-decoration-line", "none");
  await expect(useExpression).toHaveCSS("background-color", "rgba(0, 0, 0, 0)");
  const muted = await page.evaluate(() => {
    const probe = document.createElement("span");
    probe.style.color = "var(--color-text-muted)";
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
  await expect(useExpression).toHaveCSS("color", muted);
  await expect(panel.getByRole("button", { name: "Excluir passo" })).toHaveCount(0);
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await expect(panel.getByLabel("Nome do passo")).toHaveValue("Obter credenciais");
  await expect(panel.getByLabel("Nome do passo")).toBeDisabled();
  await expect(page.getByTestId("save-state")).not.toHaveText("Alterações não salvas");
  await expectNoHorizontalOverflow(page);
  await shot(page, "version-view-01-read-only");

  // Back to the draft: its own values, editable again.
  await bar.getByRole("button", { name: "Voltar ao rascunho" }).click();
  await expect(bar).toBeHidden();
  await expect(page).not.toHaveURL(/versao=/);
  await stepNode(page, "credentials").click();
  const draftResource = stepPanel(page, "Obter credenciais").getByLabel("Resource").first();
  await expect(draftResource).toHaveValue("conta-rascunho");
  await expect(draftResource).toBeEnabled();
  await shot(page, "version-view-02-back-to-draft");
});

test("a version that doesn't exist says so on the bar, and the way back still works", async ({ page, request }) => {
  const flow = await createFlow(request, `Sem versões ${unique()}`);
  await page.goto(`/fluxos/${flow.id}?versao=7`);
  const bar = page.getByTestId("version-bar");
  await expect(bar).toContainText("Versão v7");
  await expect(bar).toContainText("Este fluxo não tem a versão v7");
  await expect(bar.getByRole("button", { name: "Tentar novamente" })).toHaveCount(0);
  await shot(page, "version-view-03-missing");
  await bar.getByRole("button", { name: "Voltar ao rascunho" }).click();
  await expect(bar).toBeHidden();
});
