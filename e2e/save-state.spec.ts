import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectWholeText, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// #18 item 6: the toast and the header's save state never disagree.
test("the save toast says what the header says: edits made while saving stay unsaved, and a 'saved' toast goes at the next edit", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG salvar ${id}`);
  const flow = await createFlow(request, `Salvar ${id}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  const panel = stepPanel(page, "credentials");
  const type = panel.getByLabel("Type", { exact: true });
  const saveState = page.getByTestId("save-state");
  const toasts = page.getByRole("region", { name: "Notificações" });

  // The save is held at the server's door until more is typed.
  let arrived!: () => void;
  const putArrived = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/flows/${flow.id}`, async (route) => {
    if (route.request().method() !== "PUT") return route.continue();
    arrived();
    await released;
    await route.continue();
  });
  await type.fill("account-1");
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await putArrived;
  await type.fill("account-2");
  release();
  await expect(toasts.getByText("Salvo até o clique em Salvar. O que você alterou enquanto salvava ainda não foi salvo.")).toBeVisible();
  await expect(saveState).toHaveText("Alterações não salvas");
  await expect(toasts.getByText("Fluxo salvo")).toHaveCount(0);
  await shot(page, "save-state-01-changed-while-saving");
  await page.unroute(`**/api/flows/${flow.id}`);

  // Saved whole, both say so; the next edit takes the toast away as the header turns.
  await page.keyboard.press("Control+s");
  await expect(toasts.getByText("Fluxo salvo")).toBeVisible();
  await expect(saveState).toHaveText(/^Salvo em \d\d\/\d\d \d\d:\d\d por /);
  await type.fill("account-3");
  await expect(saveState).toHaveText("Alterações não salvas");
  await expect(toasts.getByText("Fluxo salvo")).toHaveCount(0);
  await shot(page, "save-state-02-edited-after-save");
});

test("the header's save and publication states read whole at 1280×720, never published or a version behind", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG cabeçalho ${id}`);
  const flow = await createFlow(request, `Cabeçalho ${id}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  await stepPanel(page, "credentials").getByLabel("Type", { exact: true }).fill("account-1");
  await expect(page.getByTestId("save-state")).toHaveText("Alterações não salvas");
  await expect(page.getByTestId("publish-indicator")).toHaveText("Não publicado");
  await expectWholeText(page.locator(".editor-toolbar__status"));
  await shot(page, "save-state-03-header-never-published");

  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-state")).toHaveText(/^Salvo em/);
  // Saved, the longer "Salvo em … por …" gives way; the short badge stays whole.
  await expectWholeText(page.getByTestId("publish-indicator"));
  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: {} })).status()).toBe(201);
  await page.reload();
  await stepNode(page, "credentials").click();
  await stepPanel(page, "credentials").getByLabel("Type", { exact: true }).fill("account-2");
  await expect(page.getByTestId("publish-indicator")).toHaveText("v1 + rascunho");
  await expect(page.getByTestId("publish-indicator")).toHaveAttribute("title", "O rascunho tem alterações desde a versão 1 publicada");
  await expectWholeText(page.locator(".editor-toolbar__status"));
  await shot(page, "save-state-04-header-ahead");
});
