import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

function twoStepDefinition(connectionId: string) {
  const definition = tokenFlowDefinition(connectionId);
  definition.steps[0]!.name = "Obter credenciais";
  definition.steps.push({
    id: "http",
    name: "Chamar a API",
    connector: "http",
    operation: "request",
    connectionId: null,
    description: "",
    parameters: { method: "GET", url: "https://example.com/contas/", headers: [], query: [] },
    position: { x: 600, y: 120 },
  });
  definition.edges.push({ source: "credentials", target: "http" });
  return definition;
}

// #18 item 11, second half: the last run's input and the earlier steps' results as a tree beside the fields; a pick inserts its path.
test("the step's data panel shows the last run's input and earlier results as a tree; a click or Enter inserts the path at the caret of the last-focused field", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG dados ${id}`);
  const flow = await createFlow(request, `Dados ${id}`, twoStepDefinition(connection.id));

  // Never run: the panel says how to get data.
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "http").click();
  let panel = stepPanel(page, "Chamar a API");
  const data = panel.getByTestId("step-data");
  await expect(data).toContainText("Execute o fluxo para ver os dados");
  await shot(page, "step-data-01-empty");

  // A run with a payload (through the API, as another system would).
  const ran = await request.post(`/api/flows/${flow.id}/executions/sync`, { data: { input: { body: { account: "accounts/9", items: [{ id: "a1" }] }, headers: { "x-tenant": "t1" } } } });
  expect(ran.ok()).toBe(true);
  await page.reload();
  await stepNode(page, "http").click();
  panel = stepPanel(page, "Chamar a API");
  const tree = panel.getByRole("list", { name: "Dados" });
  await expect(tree.getByRole("button", { name: /^Inserir Início \(entrada\)/ })).toBeVisible();
  await expect(tree.getByRole("button", { name: /^Inserir Obter credenciais/ })).toBeVisible();
  // The token in the earlier step's result is masked, never shown whole.
  await expect(tree.getByRole("button", { name: /^Inserir access_token/ })).not.toContainText(/eyJ[\w-]{20,}/);
  await shot(page, "step-data-02-tree");

  // A click with no field chosen yet says what to do first.
  await tree.getByRole("button", { name: "Inserir account: {{ .input.body.account }}" }).click();
  await expect(panel.getByTestId("step-data")).toContainText("Clique antes num campo que aceita expressões");

  // Caret in the URL after "contas/": a click inserts the input's account there.
  const url = panel.getByLabel("URL", { exact: true });
  await url.click();
  await url.press("End");
  await expect(panel.getByTestId("step-data")).toContainText("insere o caminho em “URL”");
  await tree.getByRole("button", { name: "Inserir account: {{ .input.body.account }}" }).click();
  await expect(url).toHaveValue("https://example.com/contas/{{ .input.body.account }}");
  await expect(url).toBeFocused();
  await url.press("Home");
  await expect(url).toHaveValue("https://example.com/contas/{{ .input.body.account }}");

  // Keyboard: Tab to an earlier step's value, Enter inserts it where the caret was left (the start).
  const tokenType = tree.getByRole("button", { name: "Inserir token_type: {{ .steps.credentials.body.token_type }}" });
  await tokenType.focus();
  await page.keyboard.press("Enter");
  await expect(url).toHaveValue("{{ .steps.credentials.body.token_type }}https://example.com/contas/{{ .input.body.account }}");
  // A header with a dash and a list position read through index.
  await url.fill("");
  // Headers start closed: opened from the keyboard-reachable toggle.
  await tree.getByRole("button", { name: "Expandir headers" }).first().click();
  await tree.getByRole("button", { name: 'Inserir x-tenant: {{ index .input.headers "x-tenant" }}' }).click();
  await expect(url).toHaveValue('{{ index .input.headers "x-tenant" }}');
  await expect(panel.getByTestId("expression-preview").first()).toContainText("t1");
  await expectNoHorizontalOverflow(page);
  await shot(page, "step-data-03-inserted");

  // The first step has no earlier step: only the input.
  await panel.getByRole("button", { name: "Fechar painel" }).click();
  await stepNode(page, "credentials").click();
  const first = stepPanel(page, "Obter credenciais").getByRole("list", { name: "Dados" });
  await expect(first.getByRole("button", { name: /^Inserir Início \(entrada\)/ })).toBeVisible();
  await expect(first.getByRole("button", { name: /^Inserir Obter credenciais/ })).toHaveCount(0);
});
