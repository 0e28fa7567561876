import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectEditorFitsViewport, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

test("expressions: an earlier step's result chosen from the suggestions, a payload-driven list, live previews, run, resolved values", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG expressões ${id}`);
  const flow = await createFlow(request, `Expressões ${id}`, tokenFlowDefinition(connection.id));
  const puts: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "PUT" && r.url().includes(`/api/flows/${flow.id}`)) puts.push(r.url());
  });
  const location = `https://api.btgpactual.com/payload-${id}`;

  // A first run gives the suggestions the first step's result paths, and the previews its values.
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Payload de entrada" }).click();
  const dialog = page.getByRole("dialog", { name: "Payload de entrada" });
  await dialog.getByLabel("Entrada (JSON)").fill(JSON.stringify({ body: { locations: [location] } }, null, 2));
  await dialog.getByRole("button", { name: "Executar" }).click();
  await expect(stepNode(page, "credentials").getByText("Sucesso")).toBeVisible();
  await page.getByRole("button", { name: "Voltar à edição" }).click();

  // A second BTG-ID step, after the first.
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).click();
  const panel = stepPanel(page, "credentials_2");
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await panel.getByLabel("Conexão", { exact: true }).selectOption({ label: connection.name });
  await panel.getByRole("tab", { name: "Parametrização" }).click();
  const entry = panel.getByRole("group", { name: "Entrada 1" });
  await entry.getByLabel("Type", { exact: true }).fill("account");

  // Resource from the first step's token_type, chosen in two steps from the suggestions.
  const resource = entry.getByRole("combobox", { name: "Resource", exact: true });
  await resource.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await resource.click();
  await page.keyboard.type("{{ .steps.cre");
  const suggestions = page.getByRole("listbox", { name: "Sugestões de expressão" });
  await expect(suggestions.getByRole("option")).toHaveText([/^\.steps\.credentials/, /\.code/, /\.headers/, /\.body/]);
  // Only steps that run before this one.
  await expect(suggestions.getByRole("option", { name: /credentials_2/ })).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await shot(page, "expressions-01-autocomplete");
  await page.keyboard.press("Enter");
  await expect(resource).toHaveValue("{{ .steps.credentials");
  await page.keyboard.type(".body.tok");
  const tokenType = suggestions.getByRole("option", { name: /\.steps\.credentials\.body\.token_type/ });
  await expect(tokenType).toBeVisible();
  await expect(resource).toHaveAttribute("aria-activedescendant", (await tokenType.getAttribute("id"))!);
  await page.keyboard.press("Enter");
  await page.keyboard.type(" }}");
  await expect(resource).toHaveValue("{{ .steps.credentials.body.token_type }}");
  const resourcePreview = entry.getByTestId("expression-preview").first();
  await expect(resourcePreview).toHaveText("Prévia · textoBearer");

  // Locations from the payload, as one expression that yields the list.
  await entry.getByRole("button", { name: "Usar expressão em Locations" }).click();
  await entry.getByLabel("Locations (expressão)").fill("{{ .input.body.locations }}");
  await expect(entry.getByTestId("expression-preview").nth(1)).toHaveText(`Prévia · lista["${location}"]`);
  await entry.getByLabel("Locations (expressão)").evaluate((element) => element.scrollIntoView({ block: "center" }));
  await shot(page, "expressions-02-preview");
  // The access token never shows in a preview.
  await panel.getByText("Avançado").last().click(); // the step's (an Authorization Details entry has its own)
  const scope = panel.getByLabel("Scope", { exact: true });
  await scope.fill("{{ .steps.credentials.body.access_token }}");
  const scopePreview = panel.getByTestId("expression-preview").last();
  await expect(scopePreview).toContainText("••••");
  await scopePreview.scrollIntoViewIfNeeded();
  await shot(page, "expressions-02b-masked-token");
  await scope.fill("");

  // A syntax error is shown at its column as it is typed; the draft still saves, the error marked.
  const type = entry.getByLabel("Type", { exact: true });
  await type.fill("{{ .input.body.type }");
  await expect(entry.getByText("coluna 21: esperava '}}'")).toBeVisible();
  await expect(entry.getByTestId("expression-excerpt").locator("mark")).toHaveText("}");
  await expect(stepNode(page, "credentials_2").locator(".step-node__warning")).toHaveAttribute("aria-label", "1 problema neste passo");
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/)).toBeVisible();
  await expect(stepNode(page, "credentials_2").locator(".step-node__warning")).toHaveAttribute("aria-label", "1 problema neste passo");
  expect(puts).toHaveLength(1);
  await expectEditorFitsViewport(page);
  await shot(page, "expressions-03-syntax-error");
  await type.fill("account");
  await expect(stepNode(page, "credentials_2").locator(".step-node__warning")).toHaveCount(0);

  // Save and run with the remembered payload; the second step's details show the resolved values.
  await page.getByRole("button", { name: "Salvar e executar" }).click();
  await expect(stepNode(page, "credentials_2").getByText("Sucesso")).toBeVisible();
  expect(puts).toHaveLength(2);
  await stepNode(page, "credentials_2").click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  const resolved = details.getByRole("group", { name: "Entrada resolvida" });
  await expect(resolved).toContainText("Bearer");
  await expect(resolved).toContainText(location);
  const granted = details.getByTestId("jwt-claims").getByRole("group", { name: "authorization_details" });
  await expect(granted).toContainText("Bearer");
  await expect(granted).toContainText(location);
  await expectNoHorizontalOverflow(page);
  await shot(page, "expressions-04-resolved-values");

  // The first execution is painted on the one-step version it ran, and says so.
  await page.getByRole("button", { name: "Execuções" }).click();
  // The entry itself, not its "Executar de novo" beside it.
  await page.getByRole("list", { name: "Execuções" }).getByRole("listitem").last().getByRole("button").first().click();
  // It says what it ran by the draft's save time, not by a number.
  await expect(page.getByTestId("execution-version")).toHaveText(/^Esta execução rodou: rascunho de \d\d\/\d\d \d\d:\d\d$/);
  await expect(stepNode(page, "credentials")).toBeVisible();
  await expect(stepNode(page, "credentials_2")).toHaveCount(0);
  await shot(page, "expressions-05-past-version");
  await page.getByRole("button", { name: "Voltar à edição" }).click();
  await expect(stepNode(page, "credentials_2")).toBeVisible();
});
