import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO_CLIENT, OWNER, SANDBOX_URL } from "./env.js";
import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, tokenFlowDefinition, unique } from "./helpers.js";

/** The dialog lies inside the 1280×720 viewport, whole. */
async function expectInsideViewport(page: Page, name: string): Promise<void> {
  const box = (await page.getByRole("dialog", { name }).boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
}

test("a flow exported from one workspace is imported into another, its connection mapped, and runs there", async ({ page, request, browser }) => {
  const id = unique();
  const sourceConnection = await createConnection(request, `BTG origem ${id}`);
  const flowName = `Transferência ${id}`;
  await createFlow(request, flowName, tokenFlowDefinition(sourceConnection.id));

  // Exportar, from the flow's row: a <slug>.fluxo.json with the connection's name and no secret.
  await page.goto("/fluxos");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: `Exportar fluxo ${flowName}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`transferencia-${id}.fluxo.json`);
  const filePath = `e2e/artifacts/${download.suggestedFilename()}`;
  await download.saveAs(filePath);
  const text = await readFile(filePath, "utf8");
  expect(text).not.toContain(DEMO_CLIENT.clientSecret);
  expect(text).not.toContain(sourceConnection.id);
  expect(JSON.parse(text)).toMatchObject({ format: "fluxo.flow/v1", name: flowName, connections: [{ ref: "connection-1", name: `BTG origem ${id}`, connector: "btg-id" }] });
  await expect(page.getByText(`Fluxo exportado: transferencia-${id}.fluxo.json.`)).toBeVisible();
  await shot(page, "transfer-00-exported");

  // The editor exports too, from its Publicação panel.
  await page.getByRole("link", { name: flowName, exact: true }).click();
  await page.getByRole("button", { name: "Publicar…" }).click();
  const fromEditor = page.waitForEvent("download");
  await page.getByRole("complementary", { name: "Publicação" }).getByRole("button", { name: "Exportar (.fluxo.json)" }).click();
  expect((await fromEditor).suggestedFilename()).toBe(`transferencia-${id}.fluxo.json`);
  await shot(page, "transfer-00b-export-from-editor");

  // The same person, in a session of their own, makes a second workspace (the stored session stays where it is).
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const other = await context.newPage();
  expect((await context.request.post("/api/auth/login", { data: { email: OWNER.email, password: OWNER.password } })).status()).toBe(200);
  await other.goto("/configuracoes");
  const createWorkspace = other.getByRole("form", { name: "Criar workspace" });
  await createWorkspace.getByLabel("Nome do workspace").fill(`Destino ${id}`);
  await createWorkspace.getByRole("button", { name: "Criar workspace" }).click();
  await expect(other).toHaveURL(/\/fluxos$/);
  await expect(other.getByLabel("Workspace atual").locator("option:checked")).toHaveText(`Destino ${id}`);

  // Importar fluxo: a wrong file first, with a message that says what is wrong.
  await other.getByRole("button", { name: "Importar fluxo" }).first().click();
  const dialog = other.getByRole("dialog", { name: "Importar fluxo" });
  const choose = dialog.getByRole("button", { name: "Escolher arquivo…" });
  await expect(choose).toBeFocused();
  await shot(other, "transfer-01-import-dialog");
  let chooser = other.waitForEvent("filechooser");
  await choose.click();
  await (await chooser).setFiles({ name: "anotacoes.txt", mimeType: "text/plain", buffer: Buffer.from("isto não é um fluxo") });
  await expect(dialog.getByRole("alert")).toContainText("Não foi possível usar “anotacoes.txt”");
  await expect(dialog.getByRole("alert")).toContainText("O arquivo não é um JSON válido");
  await shot(other, "transfer-02-not-json");

  // Then the export: what it creates, and the connection it needs, which this workspace lacks.
  chooser = other.waitForEvent("filechooser");
  await choose.click();
  await (await chooser).setFiles(filePath);
  await expect(dialog.getByLabel("Nome", { exact: true })).toHaveValue(flowName);
  await expect(dialog.getByTestId("import-step-credentials")).toContainText("BTG-ID · Obter Credenciais");
  await expect(dialog.getByText("Não há conexão BTG-ID neste workspace.")).toBeVisible();
  await expectInsideViewport(other, "Importar fluxo");
  await shot(other, "transfer-03-review-missing-connection");

  // Created from the dialog, under another name: it is mapped all the same.
  await dialog.getByRole("button", { name: "Criar conexão BTG-ID" }).click();
  const form = other.getByRole("dialog", { name: "Nova conexão" });
  await form.getByLabel("Nome", { exact: true }).fill(`BTG destino ${id}`);
  await form.getByLabel("ID do Cliente").fill(DEMO_CLIENT.clientId);
  await form.getByLabel("Chave Secreta do Cliente").fill(DEMO_CLIENT.clientSecret);
  await form.getByLabel("URL do ambiente").fill(SANDBOX_URL);
  await form.getByRole("button", { name: "Salvar" }).click();
  await expect(form).toBeHidden();
  const mapping = dialog.getByLabel(`Conexão para “BTG origem ${id}”`);
  await expect(mapping.locator("option:checked")).toHaveText(`BTG destino ${id}`);
  await expect(mapping).toBeFocused();
  await expectInsideViewport(other, "Importar fluxo");
  await expectNoHorizontalOverflow(other);
  await shot(other, "transfer-04-connection-mapped");

  // Importar opens the new flow; it runs with the mapped connection.
  await dialog.getByRole("button", { name: "Importar", exact: true }).click();
  await expect(other).toHaveURL(/\/fluxos\/[^/?]+$/);
  await expect(other.getByText(`Fluxo "${flowName}" importado.`)).toBeVisible();
  const node = stepNode(other, "credentials");
  await expect(node).toBeVisible();
  await other.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(other).toHaveURL(/[?&]execucao=/);
  await expect(node.getByText("Sucesso")).toBeVisible();
  await expect(other.getByTestId("execution-bar")).toContainText("Sucesso");
  await shot(other, "transfer-05-imported-flow-ran");

  // The flow is in the second workspace only.
  const flows = (await (await context.request.get("/api/flows")).json()) as { name: string }[];
  expect(flows.map((f) => f.name)).toEqual([flowName]);
  await context.close();
});
