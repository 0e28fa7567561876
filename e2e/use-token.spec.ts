import { expect, test } from "./fixtures.js";
import { SANDBOX_URL } from "./env.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// The tutorial's second part: the token a flow obtains, used by the next step.
const BALANCE_PATH = "/12345678/banking/accounts/001/balance";

test("token → Chamar API: the balance on the canvas, and a balance the token doesn't cover refused with what to do", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG saldo ${id}`);
  const flow = await createFlow(request, `Saldo ${id}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);

  // With "credentials" selected, BTG-ID added from the palette by keyboard lands after it, linked to it.
  await stepNode(page, "credentials").click();
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).focus();
  await page.keyboard.press("Enter");
  const added = page.locator('[data-testid^="step-node-"]').nth(1);
  await expect(added).toBeVisible();
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  // To its right, not on top of it; measured once the canvas has finished panning to the new step.
  await expect
    .poll(async () => {
      const first = (await stepNode(page, "credentials").boundingBox())!;
      const second = (await added.boundingBox())!;
      return second.x - (first.x + first.width);
    })
    .toBeGreaterThanOrEqual(0);

  const addedId = (await added.getAttribute("data-testid"))!.replace("step-node-", "");
  expect(addedId).toBe("credentials_2");
  await stepPanel(page, addedId).getByLabel("Operação").selectOption({ label: "Chamar API" });
  // An id nobody chose names what the step does now.
  let panel = stepPanel(page, "api");
  await expect(stepNode(page, "api")).toContainText("Chamar API");
  await panel.getByLabel("Caminho", { exact: true }).fill(BALANCE_PATH);
  await panel.getByLabel("Scope", { exact: true }).fill("empresas.btgpactual.com/accounts.readonly");
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await panel.getByLabel("Conexão", { exact: true }).selectOption({ label: `BTG saldo ${id}` });
  await panel.getByLabel("Nome do passo").fill("saldo");
  await page.keyboard.press("Tab"); // the panel is named after the step: it is "saldo" from here on
  panel = stepPanel(page, "saldo");
  await expect(stepNode(page, "saldo")).toContainText("Chamar API");
  await shot(page, "use-token-01-chamar-api");
  await expectNoHorizontalOverflow(page);

  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/Salvo/);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  const saldo = stepNode(page, "saldo");
  await expect(saldo.getByText("Sucesso")).toBeVisible();
  await expect(page.getByTestId("execution-bar")).toContainText("Sucesso");

  // The balance in the step's details, and the request it made with the token masked.
  await saldo.click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details).toContainText("152340.75");
  await expect(details).toContainText("Comercial Ipê Amarelo Ltda");
  await expect(details).toContainText(`${SANDBOX_URL}/api${BALANCE_PATH}`);
  await expect(details).not.toContainText(/Bearer ey/);
  await shot(page, "use-token-02-balance-details");
  await expectNoHorizontalOverflow(page);

  // Another account, no scope: the sandbox answers 403 insufficient_scope, and the step says so.
  await page.keyboard.press("Escape");
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "saldo").click();
  panel = stepPanel(page, "saldo");
  await panel.getByLabel("Caminho", { exact: true }).fill("/12345678/banking/accounts/002/balance");
  await panel.getByLabel("Scope", { exact: true }).fill("");
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/Salvo/);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(stepNode(page, "saldo").getByText("Falhou")).toBeVisible();
  await stepNode(page, "saldo").click();
  const error = page.getByRole("complementary", { name: "Detalhes do passo" }).getByTestId("step-error");
  await expect(error).toContainText("403");
  await expect(error).toContainText("insufficient_scope");
  await expect(error).toContainText("12345678/banking/accounts/002");
  await shot(page, "use-token-03-refused");
});

test("an HTTP step with no connection calls the sandbox's API with the earlier step's token", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG http ${id}`);
  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.parameters["scope"] = "empresas.btgpactual.com/accounts.readonly";
  const flow = await createFlow(request, `HTTP saldo ${id}`, definition);
  await page.goto(`/fluxos/${flow.id}`);

  await stepNode(page, "credentials").click();
  await page.getByRole("button", { name: "Adicionar HTTP" }).click();
  const added = page.locator('[data-testid^="step-node-"]').nth(1);
  const addedId = (await added.getAttribute("data-testid"))!.replace("step-node-", "");
  const panel = stepPanel(page, addedId);
  await panel.getByLabel("URL", { exact: true }).fill(`${SANDBOX_URL}/api${BALANCE_PATH}`);
  await panel.getByRole("button", { name: /Adicionar/ }).nth(1).click(); // Cabeçalhos: a row
  await panel.getByRole("textbox", { name: /Nome 1/ }).last().fill("Authorization");
  await panel.getByRole("combobox", { name: /Valor 1/ }).last().fill("Bearer {{ .steps.credentials.body.access_token }}");
  await shot(page, "use-token-04-http-step");
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await expect(panel.getByLabel("Conexão", { exact: true })).toHaveValue("");
  await expect(added.locator(".step-node__warning")).toHaveCount(0);

  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/Salvo/);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(added.getByText("Sucesso")).toBeVisible();
  await added.click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details).toContainText("152340.75");
  await expect(details).toContainText("[redacted]");
  await shot(page, "use-token-05-http-details");
});

test("an HTTP connection through its form: the fields follow Autenticação, the token is write-only, and the test calls its URL", async ({ page }) => {
  const id = unique();
  await page.goto("/conexoes");
  await page.getByRole("button", { name: "Nova conexão" }).first().click();
  const form = page.getByRole("dialog", { name: "Nova conexão" });
  await form.getByRole("button", { name: /^HTTP/ }).click();
  await form.getByLabel("Nome", { exact: true }).fill(`API ${id}`);
  await expect(form.getByLabel("Token", { exact: true })).toHaveCount(0); // Sem autenticação: nothing to fill
  await form.getByLabel("Autenticação").selectOption({ label: "Bearer token" });
  await form.getByLabel("Token", { exact: true }).fill("token-que-o-sandbox-recusa");
  await form.getByLabel("URL de teste").fill(`${SANDBOX_URL}/api${BALANCE_PATH}`);
  await shot(page, "use-token-06-http-connection-form");
  await form.getByRole("button", { name: "Salvar" }).click();
  await expect(form).toBeHidden();
  const row = page.getByRole("button", { name: `API ${id}`, exact: true });
  await expect(row).toBeVisible();
  await expect(page.getByText("token-que-o-sandbox-recusa")).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
});
