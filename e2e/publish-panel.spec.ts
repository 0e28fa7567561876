import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, expectWholeText, shot, tokenFlowDefinition, unique } from "./helpers.js";

/** #18 item 7: the publish panel reads whole, links to the API keys, and its curl example runs as it is. */
test("the publish panel's notice reads whole at both sizes, its curl sends the last good run's input, and its errors are sentences", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG publicar ${id}`);
  const flow = await createFlow(request, `Publicar ${id}`, tokenFlowDefinition(connection.id));

  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Publicar…" }).click();
  const panel = page.getByRole("complementary", { name: "Publicação" });
  const state = panel.getByTestId("publish-state");
  await expect(state).toContainText("Nunca publicado");
  await expect(state).toContainText("O gateway responde 409 até a primeira publicação.");
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await expectWholeText(state.locator(".badge"));
    await expectWholeText(state.getByTestId("publish-never-detail"));
    const [box, panelBox] = [await state.boundingBox(), await panel.boundingBox()];
    expect(box!.x + box!.width).toBeLessThanOrEqual(panelBox!.x + panelBox!.width);
    await expectNoHorizontalOverflow(page);
    await shot(page, `publish-never-${viewport.width}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // No successful run yet: the example sends {} and says so.
  const curl = panel.getByTestId("gateway-curl");
  await expect(curl).toContainText("-d '{}'");
  await expect(panel.getByTestId("gateway-curl-note")).toHaveText("Nenhuma execução com sucesso ainda: troque {} pelo corpo que o fluxo espera.");

  // A run that worked, with an input: the example now sends that input.
  const ran = await request.post(`/api/flows/${flow.id}/executions/sync`, { data: { input: { body: { account: "accounts/9", note: "it's" } } } });
  expect(ran.status()).toBe(200);
  await page.reload();
  await page.getByRole("button", { name: "Publicar…" }).click();
  // (PostgreSQL keeps the body as jsonb, which orders its keys its own way.)
  await expect(curl).toContainText(/-d '\{("account":"accounts\/9","note":"it'\\''s"|"note":"it'\\''s","account":"accounts\/9")\}'$/);
  await expect(curl).not.toContainText("-d '{}'");
  await expect(panel.getByTestId("gateway-curl-note")).toContainText("Com a entrada da última execução com sucesso");
  await shot(page, "publish-curl-from-run");

  // Published behind the panel's back: the refusal is a toast that starts as a sentence.
  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: {} })).status()).toBe(201);
  await panel.getByRole("button", { name: "Publicar", exact: true }).click();
  const toast = page.getByRole("alert").filter({ hasText: "rascunho é igual à versão 1" });
  await expect(toast).toHaveText(/^O rascunho é igual à versão 1/);
  // …and the panel catches up with what was published.
  await expect(state).not.toContainText("Nunca publicado");
  await expect(panel.getByRole("list", { name: "Versões publicadas" }).getByRole("listitem")).toHaveCount(1);
  await shot(page, "publish-error-toast");

  // "Configurações → Chaves de API" is a link to that section, which takes the focus.
  await panel.getByRole("link", { name: "Configurações → Chaves de API" }).click();
  await expect(page).toHaveURL(/\/configuracoes#api-keys-title$/);
  await expect(page.getByRole("heading", { name: "Chaves de API" })).toBeFocused();
  await shot(page, "publish-link-api-keys");
});
