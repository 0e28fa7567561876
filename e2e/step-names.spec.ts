import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// #18 item 10: a step has a free-text name on the canvas and an id (what expressions use) derived from it.
test("a step's name is free text on the node; its id follows until edited, and other steps' expressions follow the id, with undo", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG nomes ${id}`);
  const definition = tokenFlowDefinition(connection.id);
  definition.steps.push({
    id: "http",
    connector: "http",
    operation: "request",
    connectionId: null,
    description: "",
    parameters: { method: "GET", url: "https://example.com/{{ .steps.credentials.body.token_type }}", headers: [], query: [] },
    position: { x: 600, y: 120 },
  });
  definition.edges.push({ source: "credentials", target: "http" });
  const flow = await createFlow(request, `Nomes ${id}`, definition);
  await page.goto(`/fluxos/${flow.id}`);

  await stepNode(page, "credentials").click();
  let panel = stepPanel(page, "credentials");
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await panel.getByLabel("Nome do passo").fill("Obter credenciais!");

  // The node and the panel say the name as typed; the id is derived from it.
  const node = stepNode(page, "obter_credenciais");
  await expect(node.locator(".step-node__name")).toHaveText("Obter credenciais!");
  panel = stepPanel(page, "Obter credenciais!");
  await expect(panel.getByLabel("ID do passo")).toHaveValue("obter_credenciais");
  await expect(panel.getByText("{{ .steps.obter_credenciais.body }}")).toBeVisible();
  await shot(page, "step-names-01-named");
  await expectNoHorizontalOverflow(page);

  // The HTTP step's URL now reads the renamed step (the open panel covers that step: close it first).
  await panel.getByRole("button", { name: "Fechar painel" }).click();
  await stepNode(page, "http").click();
  const url = stepPanel(page, "http").getByLabel("URL", { exact: true });
  await expect(url).toHaveValue("https://example.com/{{ .steps.obter_credenciais.body.token_type }}");

  // Undo puts back the name, the id and the reference together.
  await page.getByRole("button", { name: "Desfazer" }).click();
  await expect(stepNode(page, "credentials").locator(".step-node__name")).toHaveText("credentials");
  await expect(url).toHaveValue("https://example.com/{{ .steps.credentials.body.token_type }}");
  await page.getByRole("button", { name: "Refazer" }).click();
  await expect(url).toHaveValue("https://example.com/{{ .steps.obter_credenciais.body.token_type }}");

  // An id typed on its own stays when the name changes again; the reference follows it.
  await stepNode(page, "obter_credenciais").click();
  panel = stepPanel(page, "Obter credenciais!");
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await panel.getByLabel("ID do passo").fill("token");
  await panel.getByLabel("Nome do passo").fill("Token do cliente");
  panel = stepPanel(page, "Token do cliente");
  await expect(panel.getByLabel("ID do passo")).toHaveValue("token");
  await expect(stepNode(page, "token").locator(".step-node__name")).toHaveText("Token do cliente");
  await shot(page, "step-names-02-own-id");

  // Saved and reloaded, the name and the rewritten expression are what the server keeps.
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByTestId("save-state")).toHaveText(/^Salvo em/);
  const saved = (await (await request.get(`/api/flows/${flow.id}`)).json()) as { definition: { steps: { id: string; name?: string; parameters: Record<string, unknown> }[] } };
  expect(saved.definition.steps.map((s) => [s.id, s.name])).toEqual([
    ["token", "Token do cliente"],
    ["http", undefined],
  ]);
  expect(saved.definition.steps[1]!.parameters.url).toBe("https://example.com/{{ .steps.token.body.token_type }}");
});
