import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, shot, stepNode, stepPanel, unique } from "./helpers.js";

test("validation errors point at the field; an unfinished draft saves anyway, marked", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG validação ${id}`);
  const flow = await createFlow(request, `Validação ${id}`);
  const puts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" && r.url().includes(`/api/flows/${flow.id}`)) puts.push(r.url());
  });

  await page.goto(`/fluxos/${flow.id}`);
  // Keyboard-accessible add: Enter on the palette item.
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).press("Enter");
  const node = stepNode(page, "credentials");
  await expect(node.locator(".step-node__warning")).toBeVisible();
  const panel = stepPanel(page, "credentials");

  // The empty Type doesn't hold the draft back: it saves, and stays marked.
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/)).toBeVisible();
  const type = panel.getByRole("group", { name: "Entrada 1" }).getByLabel("Type", { exact: true });
  await expect(type).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByText("Preencha este campo.")).toBeVisible();
  expect(puts).toHaveLength(1);
  await shot(page, "validation-01-saved-unfinished");

  // A step id that isn't an identifier is explained as it is typed.
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  const name = panel.getByLabel("ID do passo");
  await name.fill("Meu Passo");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByText(/letras minúsculas/)).toBeVisible();
  await name.fill("credentials");
  // Other specs' connections share the database, so this step has several to choose from.
  await panel.getByLabel("Conexão", { exact: true }).selectOption({ label: connection.name });

  // An expression naming a step that doesn't run before is flagged as it is typed; the draft still saves.
  await panel.getByRole("tab", { name: "Parametrização" }).click();
  await type.fill("{{ .steps.nope.body.type }}");
  await expect(type).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByText(/nenhum passo anterior se chama "nope"/)).toBeVisible();
  await page.keyboard.press("Control+s");
  await expect(page.getByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/).last()).toBeVisible();
  expect(puts).toHaveLength(2);
  await type.fill("account");

  // Server-side: a value only the server checks (the timeout's range) saves too, and the server's word marks that field, under "Avançado".
  const timeout = panel.getByLabel("Tempo limite (ms)");
  await panel.getByText("Avançado").last().click(); // the step's (an Authorization Details entry has its own)
  await timeout.fill("5");
  await page.keyboard.press("Control+s");
  await expect(timeout).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByText(/como um número inteiro de milissegundos entre 1000 e 120000/)).toBeVisible();
  expect(puts).toHaveLength(3);
  await expect(page.getByTestId("save-state")).toHaveText(/^Salvo em \d\d\/\d\d \d\d:\d\d por /);
  await shot(page, "validation-02-server-problem");

  // Fixed, it saves, with nothing left to mark.
  await timeout.fill("30000");
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByText("Fluxo salvo")).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText(/^Salvo em \d\d\/\d\d \d\d:\d\d por /);
  await expect(node.locator(".step-node__warning")).toHaveCount(0);
});
