import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// #18 item 11: the preview tells a typo apart from a right path that has no sample data yet.
test("the expression preview tells a typo ('não existe') from a right path with no sample data yet", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG prévia ${id}`);
  const flow = await createFlow(request, `Prévia ${id}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  const entry = stepPanel(page, "credentials").getByRole("group", { name: "Entrada 1" });
  const resource = entry.getByLabel("Resource", { exact: true });
  const preview = entry.getByTestId("expression-preview").first();

  // Never run, no payload: a right path has nothing to show yet, and says why.
  await resource.fill("{{ .input.body.account }}");
  await expect(preview).toHaveText("Prévia" + "sem dados de exemplo ainda (defina o Payload de entrada ou execute o fluxo para ver o valor)");
  await expect(preview).not.toHaveClass(/expression-preview--unknown_path/);
  await preview.scrollIntoViewIfNeeded();
  await shot(page, "expression-preview-01-no-sample");

  // A typo is wrong whatever the data: it says so, and what is there instead.
  await resource.fill("{{ .input.bodi.account }}");
  await expect(preview).toHaveText("Prévia" + ".input.bodi não existe: .input tem só body, headers, query_params. Confira a grafia.");
  await expect(preview).toHaveClass(/expression-preview--unknown_path/);
  await expectNoHorizontalOverflow(page);
  await preview.scrollIntoViewIfNeeded();
  await shot(page, "expression-preview-02-typo");
});

// The preview shows a value as the step will send it: encoded for its place in a URL.
test("an HTTP step's URL previews each value encoded for where it lands", async ({ page, request }) => {
  const id = unique();
  const flow = await createFlow(request, `Prévia URL ${id}`, {
    trigger: { position: { x: 0, y: 120 } },
    steps: [{ id: "http", connector: "http", operation: "request", connectionId: null, description: "", parameters: { method: "GET", url: "https://api.example.com/", headers: [], query: [] }, position: { x: 300, y: 120 } }],
    edges: [{ source: "trigger", target: "http" }],
  });
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Payload de entrada" }).click();
  const payload = page.getByRole("dialog", { name: "Payload de entrada" });
  await payload.getByLabel("Entrada (JSON)").fill(JSON.stringify({ body: { conta: "12 34/../x", busca: "a&b" } }));
  // The run fails (nothing answers there from here): what matters is the payload it leaves as sample data.
  await payload.getByRole("button", { name: "Executar" }).click();
  await expect(payload).toBeHidden();
  await expect(page.getByTestId("execution-bar")).toContainText("Falhou", { timeout: 30_000 });
  await page.getByRole("button", { name: "Voltar à edição" }).click();

  await stepNode(page, "http").click();
  const url = stepPanel(page, "http").getByLabel("URL", { exact: true });
  await url.fill("https://api.example.com/contas/{{ .input.body.conta }}?q={{ .input.body.busca }}");
  const preview = stepPanel(page, "http").getByTestId("expression-preview").first();
  await expect(preview.locator("code")).toHaveText("https://api.example.com/contas/12%2034%2F..%2Fx?q=a%26b");
  await preview.scrollIntoViewIfNeeded();
  await shot(page, "expression-preview-03-url-encoded");
});
