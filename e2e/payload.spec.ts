import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, shot, stepNode, tokenFlowDefinition, unique } from "./helpers.js";

test("the input payload is checked as JSON, feeds expressions, and is remembered for the flow", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG payload ${id}`);
  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.parameters = {
    grantType: "client_credentials",
    authorizationDetails: [{ type: "{{ .input.body.type }}", locations: "{{ .input.body.locations }}", privileges: ["read"] }],
  };
  const flow = await createFlow(request, `Payload ${id}`, definition);

  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Payload de entrada" }).click();
  const dialog = page.getByRole("dialog", { name: "Payload de entrada" });
  const editor = dialog.getByLabel("Entrada (JSON)");

  await editor.fill('{ "body": ');
  await dialog.getByRole("button", { name: "Executar" }).click();
  await expect(dialog.getByText(/JSON inválido/)).toBeVisible();
  await expect(editor).toHaveAttribute("aria-invalid", "true");
  await shot(page, "payload-01-invalid-json");

  const payload = JSON.stringify({ body: { type: `tipo-${id}`, locations: ["https://api.btgpactual.com/payload"] } }, null, 2);
  await editor.fill(payload);
  await dialog.getByRole("button", { name: "Executar" }).click();
  await expect(dialog).toBeHidden();
  const node = stepNode(page, "credentials");
  await expect(node.getByText("Sucesso")).toBeVisible();

  await node.click();
  const granted = page.getByTestId("jwt-claims").getByRole("group", { name: "authorization_details" });
  await expect(granted).toContainText(`tipo-${id}`);
  await expect(granted).toContainText("https://api.btgpactual.com/payload");
  await shot(page, "payload-02-claims-from-expressions");

  // The payload is remembered for this flow.
  await page.getByRole("button", { name: "Voltar à edição" }).click();
  await page.getByRole("button", { name: "Payload de entrada" }).click();
  await expect(dialog.getByLabel("Entrada (JSON)")).toHaveValue(payload);
  await dialog.getByRole("button", { name: "Cancelar" }).click();
});

test("leaving the editor with unsaved changes asks first", async ({ page, request }) => {
  const flow = await createFlow(request, `Sair ${unique()}`);
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).click();
  await expect(page.getByTestId("save-state")).toHaveText("Alterações não salvas");

  await page.getByRole("link", { name: "Fluxos" }).first().click();
  const confirm = page.getByRole("alertdialog", { name: "Salvar antes de sair?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Continuar editando" }).click();
  await expect(page).toHaveURL(new RegExp(`/fluxos/${flow.id}$`));
  await expect(stepNode(page, "credentials")).toBeVisible();

  // Undo takes the change back, and then nothing stands in the way.
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("save-state")).toHaveText(/Salvo/);
  await page.getByRole("link", { name: "Fluxos" }).first().click();
  await expect(page).toHaveURL(/\/fluxos$/);
});
