import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { APP_URL, DEMO_CLIENT, STRICT_SANDBOX_URL } from "./env.js";
import { createFlow, expectNoHorizontalOverflow, shot, stepNode, unique } from "./helpers.js";

// "Conectar com o BTG" (#24): the account holder consents at BTG's login page (the strict sandbox, where a
// client-credentials token can't read a balance), a flow reads the balance with the account's token, and a
// refresh BTG refuses leaves the connection "Reconexão necessária".
const BALANCE_PATH = "/12345678/banking/accounts/001/balance";
const ACCOUNT_HOLDER = { email: "cliente@empresa.com.br", password: "senha-demo" };

/** Fills a new Authorization Code connection in the form, up to the "Conectar com o BTG" button. */
async function fillConsentConnection(page: Page, name: string) {
  await page.goto("/conexoes");
  await page.getByRole("button", { name: "Nova conexão" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: /BTG-ID/ }).click();
  await dialog.getByLabel("Nome", { exact: true }).fill(name);
  await dialog.getByLabel("Autenticação").selectOption({ label: "Authorization Code (conta do cliente)" });
  await dialog.getByLabel("ID do Cliente").fill(DEMO_CLIENT.clientId);
  await dialog.getByLabel("Chave Secreta do Cliente").fill(DEMO_CLIENT.clientSecret);
  await dialog.getByLabel("URL do ambiente").fill(STRICT_SANDBOX_URL);
  await dialog.getByLabel("Escopos").fill("empresas.btgpactual.com/accounts.readonly");
  return dialog;
}

async function logInAtBtg(page: Page) {
  await expect(page).toHaveURL(new RegExp(`^${STRICT_SANDBOX_URL}/oauth2/login`));
  await page.getByLabel("E-mail").fill(ACCOUNT_HOLDER.email);
  await page.getByLabel("Senha").fill(ACCOUNT_HOLDER.password);
  await shot(page, "connect-btg-02-login");
  await page.getByRole("button", { name: "Entrar" }).click();
  await expect(page.getByRole("button", { name: "Autorizar" })).toBeVisible();
}

test("connects a BTG account in the browser, reads its balance from the strict sandbox, then shows Reconexão necessária when BTG refuses the refresh", async ({ page, request }) => {
  const id = unique();
  const name = `BTG conta ${id}`;
  const dialog = await fillConsentConnection(page, name);
  const panel = dialog.getByTestId("oauth-panel");
  await expect(panel.getByTestId("oauth-redirect-uri")).toHaveText(`${APP_URL}/api/oauth/callback`);
  await expect(panel).toContainText("Não conectado");
  await expect(dialog.getByLabel("Manter conectado")).not.toBeChecked();
  await panel.scrollIntoViewIfNeeded();
  await shot(page, "connect-btg-01-form");
  await expectNoHorizontalOverflow(page);

  await panel.getByRole("button", { name: "Conectar com o BTG" }).click();
  await logInAtBtg(page);
  await shot(page, "connect-btg-03-consent");
  await page.getByRole("button", { name: "Autorizar" }).click();

  // Back on the connection, saved and connected: who consented, the scopes, when the refresh token lapses.
  await expect(page).toHaveURL(/\/conexoes\?conexao=[0-9a-f-]{36}&oauth=conectado$/);
  const connectionId = new URL(page.url()).searchParams.get("conexao")!;
  const back = page.getByRole("dialog");
  // The dialog holds other live regions too (the Redirect URI's copy button announces "Copiado"): the outcome is the one that says it.
  await expect(back.getByRole("status").filter({ hasText: "Conectado ao BTG" })).toBeVisible();
  await expect(back.getByTestId("oauth-panel").getByTestId("consent-badge")).toHaveText("Conectado");
  await expect(back.getByTestId("oauth-subject")).toHaveText(ACCOUNT_HOLDER.email);
  await expect(back.getByTestId("oauth-panel")).toContainText("empresas.btgpactual.com/accounts.readonly");
  await expect(back.getByTestId("oauth-panel")).toContainText("Refresh token expira em");
  await shot(page, "connect-btg-04-connected");
  await expectNoHorizontalOverflow(page);
  // Testar conexão uses the account's token, not client credentials.
  await back.getByRole("button", { name: "Testar conexão" }).click();
  await expect(back.getByText("Conexão bem-sucedida")).toBeVisible();
  await expect(back).toContainText("conectada à conta do cliente; o token de acesso vale por");
  // The tokens stay on the server: nothing of them in the browser's storage or the page.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
  expect(stored).not.toContain("eyJ");
  await expect(page.locator("body")).not.toContainText("eyJ");
  await back.getByRole("button", { name: "Cancelar" }).click();
  await expect(page).toHaveURL(/\/conexoes$/);
  await expect(page.getByRole("row", { name: new RegExp(name) }).getByTestId("consent-badge")).toHaveText("Conectado");

  // A Chamar API step with this connection, no grant fields: the balance, read with the account's token.
  const flow = await createFlow(request, `Saldo ${id}`, {
    trigger: { position: { x: 0, y: 120 } },
    steps: [{ id: "saldo", connector: "btg-id", operation: "call-api", connectionId, description: "", parameters: { method: "GET", path: BALANCE_PATH }, position: { x: 300, y: 120 } }],
    edges: [{ source: "trigger", target: "saldo" }],
  });
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(stepNode(page, "saldo").getByText("Sucesso")).toBeVisible();
  await stepNode(page, "saldo").click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details).toContainText("152340.75");
  await expect(details).not.toContainText(/Bearer ey/);
  await shot(page, "connect-btg-05-balance");

  // BTG stops accepting the token (the API answers 401) and refuses the refresh (invalid_grant).
  const scripted = await request.post(`${STRICT_SANDBOX_URL}/_sandbox/failures`, { data: { failures: [{ status: 401, body: { error: "invalid_token" } }, { kind: "refresh-invalid-grant" }] } });
  expect(scripted.ok()).toBe(true);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(stepNode(page, "saldo").getByText("Falhou")).toBeVisible();
  await stepNode(page, "saldo").click();
  await expect(details).toContainText("Reconexão necessária");
  await expect(details).toContainText(name);
  await shot(page, "connect-btg-06-step-failed");

  // Said on the canvas at once, with no reload (the run's end refreshes the connections), and in the list until someone reconnects.
  await details.getByRole("button", { name: /Fechar/ }).click(); // the step's details, to see the whole canvas
  await expect(stepNode(page, "saldo")).toContainText("Reconexão necessária");
  await shot(page, "connect-btg-07-canvas");
  await page.reload();
  await expect(stepNode(page, "saldo")).toContainText("Reconexão necessária");
  await page.goto("/conexoes");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row.getByTestId("consent-badge")).toHaveText("Reconexão necessária");
  await shot(page, "connect-btg-08-list");
  await row.getByRole("button", { name, exact: true }).click();
  await expect(page.getByRole("dialog").getByRole("button", { name: "Reconectar com o BTG" })).toBeVisible();
  await expect(page.getByRole("dialog")).toContainText("invalid_grant");
  await page.getByRole("dialog").getByRole("button", { name: "Testar conexão" }).click();
  await expect(page.getByRole("dialog").getByText("Falha no teste da conexão")).toBeVisible();
  await expect(page.getByRole("dialog")).toContainText(`Reconexão necessária: a conexão "${name}" perdeu o acesso à conta do cliente.`);
  await shot(page, "connect-btg-09-reconnect");
});

test("a refusal at BTG's consent page comes back as a clear message, and nothing is connected", async ({ page }) => {
  const name = `BTG negado ${unique()}`;
  const dialog = await fillConsentConnection(page, name);
  await dialog.getByTestId("oauth-panel").getByRole("button", { name: "Conectar com o BTG" }).click();
  await logInAtBtg(page);
  await page.getByRole("button", { name: "Negar" }).click();

  await expect(page).toHaveURL(/\/conexoes\?conexao=[0-9a-f-]{36}&oauth=access_denied/);
  const back = page.getByRole("dialog");
  await expect(back.getByRole("alert")).toHaveText('O titular da conta negou o acesso no BTG. Nada foi salvo; clique em "Conectar com o BTG" para tentar de novo.');
  await expect(back.getByTestId("oauth-panel").getByTestId("consent-badge")).toHaveText("Não conectado");
  await shot(page, "connect-btg-10-denied");
  await expectNoHorizontalOverflow(page);
});
