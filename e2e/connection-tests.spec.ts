import { expect, test } from "./fixtures.js";
import { DEMO_CLIENT, SANDBOX_URL } from "./env.js";
import { createConnection, expectNoHorizontalOverflow, shot, unique } from "./helpers.js";

/** #18 item 9: a connection's test is remembered, saving tests and warns, a stale result goes, and a mistyped path is named. */
test("a test in the dialog is remembered, a wrong secret saves with a warning, and an edit puts an old result away", async ({ page }) => {
  const name = `BTG testada ${unique()}`;
  await page.goto("/conexoes");
  await page.getByRole("button", { name: "Nova conexão" }).first().click();
  const form = page.getByRole("dialog", { name: "Nova conexão" });
  await form.getByRole("button", { name: /^BTG-ID/ }).click();
  await form.getByLabel("Nome", { exact: true }).fill(name);
  await form.getByLabel("ID do Cliente").fill(DEMO_CLIENT.clientId);
  await form.getByLabel("Chave Secreta do Cliente").fill("wrong-secret");

  // A URL ending in a mistyped token path: named under the field, never called as …/oauth2/tokn/oauth2/token.
  const url = form.getByLabel("URL do ambiente");
  await url.fill(`${SANDBOX_URL}/oauth2/tokn`);
  // Said while typing, under the field…
  await expect(form.getByTestId("path-warning-environmentUrl")).toHaveText("A URL do ambiente é só o endereço do BTG-ID, sem caminho (ex.: https://id.sandbox.btgpactual.com): o Fluxo chama <URL do ambiente>/oauth2/token.");
  await shot(page, "connection-url-path-warning");
  // …and refused when tested or saved.
  await form.getByRole("button", { name: "Testar conexão" }).click();
  await expect(form.getByText('sem caminho (ex.: https://id.sandbox.btgpactual.com): o Fluxo chama <URL do ambiente>/oauth2/token. Tire "/oauth2/tokn" do fim.')).toBeVisible();
  await shot(page, "connection-url-path");
  await url.fill(SANDBOX_URL);
  await expect(form.getByTestId("path-warning-environmentUrl")).toHaveCount(0);

  // A wrong secret: the test says so; changing the secret puts that result away.
  await form.getByRole("button", { name: "Testar conexão" }).click();
  await expect(form.getByText("Falha no teste da conexão")).toBeVisible();
  await form.getByLabel("Chave Secreta do Cliente").fill("wrong-secret-2");
  await expect(form.getByText("Falha no teste da conexão")).toHaveCount(0);

  // Saved anyway (not blocked), and warned at once.
  await form.getByRole("button", { name: "Salvar" }).click();
  await expect(form).toBeHidden();
  const warning = page.getByRole("alert").filter({ hasText: `"${name}" foi salva, mas o teste falhou (invalid_client` });
  await expect(warning).toBeVisible();
  // One message for the outcome: the warning replaces the "saved" notice (it says it was saved too).
  await expect(page.getByText(`Conexão "${name}" salva.`, { exact: true })).toHaveCount(0);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("invalid_client");
  await expect(row).not.toContainText("Nunca testada");
  await expectNoHorizontalOverflow(page);
  await shot(page, "connection-saved-test-failed");

  // Fixed in the dialog and tested there: the list remembers that success without another click.
  await page.getByRole("button", { name: `Editar conexão ${name}` }).click();
  const edit = page.getByRole("dialog", { name: "Editar conexão" });
  await edit.getByLabel("Chave Secreta do Cliente").fill(DEMO_CLIENT.clientSecret);
  await edit.getByRole("button", { name: "Salvar" }).click();
  await expect(edit).toBeHidden();
  await expect(row).not.toContainText("invalid_client");
  await expect(row.getByText("OK", { exact: true })).toBeVisible();
  await shot(page, "connection-saved-test-ok");
});

test("testing a saved connection in its dialog without changing it is remembered in the list", async ({ page, request }) => {
  const name = `BTG nunca testada ${unique()}`;
  await createConnection(request, name);
  await page.goto("/conexoes");
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Nunca testada");
  await page.getByRole("button", { name: `Editar conexão ${name}` }).click();
  const edit = page.getByRole("dialog", { name: "Editar conexão" });
  await edit.getByRole("button", { name: "Testar conexão" }).click();
  await expect(edit.getByText("Conexão bem-sucedida")).toBeVisible();
  await edit.getByRole("button", { name: "Cancelar" }).click();
  await expect(row).not.toContainText("Nunca testada");
  await expect(row.getByText("OK", { exact: true })).toBeVisible();
});
