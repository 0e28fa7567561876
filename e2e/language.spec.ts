import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// #18 item 8: switching to English translates the connectors' metadata (served by the server in the request's
// language), the canvas controls and the app's own messages; switching back leaves nothing English behind.
test("in English the palette, the step's fields and the canvas controls are English; back in Portuguese nothing English stays, not even a notification", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG idioma ${id}`);
  const flow = await createFlow(request, `Idioma ${id}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await expect(page.getByRole("button", { name: "Aproximar" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Enquadrar o fluxo" })).toBeVisible();

  await page.getByLabel("Idioma").selectOption("en");
  // The connector catalog, from the server, in English: palette, node, panel fields and options.
  const palette = page.getByRole("complementary", { name: "Connectors" });
  await expect(palette.getByText("Wait", { exact: true })).toBeVisible();
  await expect(palette.getByText("Condition", { exact: true })).toBeVisible();
  await expect(stepNode(page, "credentials")).toContainText("Get Credentials");
  await expect(page.getByRole("button", { name: "Zoom in" })).toBeVisible();
  await stepNode(page, "credentials").click();
  const panel = stepPanel(page, "credentials");
  await expect(panel.getByLabel("Operation")).toContainText("Get Credentials");
  await expect(panel.getByText("How to obtain the token.")).toBeVisible();
  await expect(panel.getByText("Reuse a valid token")).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await shot(page, "language-01-english");

  // A notification written in English…
  await panel.getByRole("tab", { name: "Properties" }).click();
  await panel.getByLabel("Description").fill("in English");
  await page.keyboard.press("Control+s");
  const saved = page.getByRole("status").filter({ hasText: "Flow saved" });
  await expect(saved).toBeVisible();
  // …goes when the language goes back, and every word is Portuguese again.
  await page.getByLabel("Language").selectOption("pt-BR");
  await expect(saved).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Aproximar" })).toBeVisible();
  await expect(stepNode(page, "credentials")).toContainText("Obter Credenciais");
  await stepPanel(page, "credentials").getByRole("tab", { name: "Parametrização" }).click();
  await expect(stepPanel(page, "credentials").getByText("Reutilizar token válido")).toBeVisible();
  await shot(page, "language-02-back-to-portuguese");

  // A payload that isn't JSON is placed in Portuguese words only (no "Expected double-quoted property name").
  await page.getByRole("button", { name: "Payload de entrada" }).click();
  const dialog = page.getByRole("dialog", { name: "Payload de entrada" });
  await dialog.getByLabel("Entrada (JSON)").fill('{ "body": {\n  x: 1 } }');
  await dialog.getByRole("button", { name: "Executar" }).click();
  await expect(dialog.getByText("JSON inválido na linha 2, coluna 3: confira aspas, vírgulas e chaves.")).toBeVisible();
  await expect(dialog).not.toContainText("Expected");
  await shot(page, "language-03-invalid-json");
});

// #18 item 8: a step's error is stored with a code and its params, so it reads in the language chosen — the banner's
// one line and the step's details — while BTG's own words (its error code and description) stay as BTG sent them.
test("a failed step's error reads in English in the run banner and the details after switching, and in Portuguese again after switching back", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG erro idioma ${id}`, "not-the-secret");
  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.name = "Obter credenciais";
  const flow = await createFlow(request, `Erro em inglês ${id}`, definition);
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  const failure = page.getByTestId("execution-failure");
  await expect(failure).toContainText("Confira o ID do Cliente e a Chave Secreta do Cliente");

  await page.getByLabel("Idioma").selectOption("en");
  await expect(failure).toContainText("Obter credenciais failed:");
  await expect(failure).toContainText("BTG-ID refused the token request (401 invalid_client)");
  await expect(failure).toContainText("Check the Client ID and the Client Secret in the connection.");
  await expect(failure).not.toContainText("Confira");
  const details = page.getByRole("complementary", { name: "Step details" });
  const error = details.getByTestId("step-error");
  await expect(error).toContainText("invalid_client");
  await expect(error).toContainText("BTG-ID refused the token request (401 invalid_client)");
  await expect(error).toContainText("Check the Client ID and the Client Secret in the connection.");
  await expect(error).not.toContainText("recusou");
  await expectNoHorizontalOverflow(page);
  await shot(page, "language-04-step-error-english");

  await page.getByLabel("Language").selectOption("pt-BR");
  await expect(failure).toContainText("O BTG-ID recusou o pedido de token (401 invalid_client)");
  await expect(page.getByRole("complementary", { name: "Detalhes do passo" }).getByTestId("step-error")).toContainText("Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.");
  await shot(page, "language-05-step-error-portuguese-again");
});

// #18 item 8: expression errors and the Agendador's hints are codes too, so an English user reads them in English —
// the field's syntax error, the live preview, a run that fails on an expression, a wrong cron and time zone.
test("in English an expression's errors, a run failing on one and a wrong cron read in English", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG expressão idioma ${id}`);
  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.parameters.authorizationDetails = [{ type: "account", resource: "{{ upper .input.body.conta }}", locations: ["https://api.btgpactual.com/accounts"], privileges: ["read"] }];
  const flow = await createFlow(request, `Expressão em inglês ${id}`, definition);
  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: { note: "para agendar" } })).status()).toBe(201);
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByLabel("Idioma").selectOption("en");

  // A run whose expression fails: the banner and the step's details say why in English.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const failure = page.getByTestId("execution-failure");
  await expect(failure).toContainText(`a value is missing in "Authorization Details (item 1) › Resource", column 10: .input.body.conta doesn't exist`);
  await expect(failure).not.toContainText(/expressão|coluna|não existe/);
  const error = page.getByRole("complementary", { name: "Step details" }).getByTestId("step-error");
  await expect(error).toContainText(`a value is missing in "Authorization Details (item 1) › Resource", column 10`);
  await expect(error).not.toContainText(/expressão|coluna|não existe/);
  await expectNoHorizontalOverflow(page);
  await shot(page, "language-06-expression-run-english");

  // Back to editing: a broken expression's field error and a failing preview, in English.
  await page.getByRole("button", { name: "Back to editing" }).click();
  await stepNode(page, "credentials").click();
  const entry = stepPanel(page, "credentials").getByRole("group", { name: "Entry 1" });
  const resource = entry.getByLabel("Resource", { exact: true });
  await resource.fill("{{ .input.body.account ");
  await expect(entry.getByText("column 24: expected '}}'")).toBeVisible();
  await resource.fill("{{ upper 1 }}");
  const preview = entry.getByTestId("expression-preview").first();
  await expect(preview).toContainText("column 10: upper: expected text, got number");
  await expect(preview).not.toContainText(/coluna|esperava|recebeu/);
  // The autocomplete's function help is English too.
  await resource.fill("");
  await page.keyboard.type("{{ up");
  await expect(page.getByRole("option", { name: /upper/ })).toContainText("upper TEXT");
  await shot(page, "language-07-expression-autocomplete-english");
  await resource.press("Escape");
  await resource.fill("{{ upper 1 }}");
  await expectNoHorizontalOverflow(page);
  await preview.scrollIntoViewIfNeeded();
  await shot(page, "language-08-expression-preview-english");

  // The Agendador's hints, computed in the browser, in English.
  await page.getByTestId("trigger-node").click();
  const section = page.getByRole("complementary", { name: "Start" }).getByTestId("schedule-section");
  await section.scrollIntoViewIfNeeded();
  await section.getByLabel("Cron expression").fill("*/5 99 * * *");
  await expect(section.getByText('The hour field ("99") is not valid: use 0 to 23, lists (1,15), ranges (1-5) or steps (*/5)')).toBeVisible();
  await section.getByLabel("Time zone").fill("America/Sao Paulo");
  await expect(section.getByText('"America/Sao Paulo" is not a known IANA time zone')).toBeVisible();
  await expect(section).not.toContainText(/não é válido|fuso horário/);
  await expectNoHorizontalOverflow(page);
  await shot(page, "language-09-cron-english");
});

// #18 item 8 (server): what the server writes reaches an English user in English — the editor's own marks, the run
// the server refuses for an unfinished step (and a value only the server checks), the connection test's success and
// a wrong secret's failure.
test("an English user reads the server's words in English: an unfinished step, a refused run, a connection test's success and failure", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG English ${id}`);
  const wrong = await createConnection(request, `BTG wrong ${id}`, "not-the-secret");
  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.parameters = { grantType: "client_credentials", authorizationDetails: [{ type: "" }], timeoutMs: 5 };
  const flow = await createFlow(request, `Unfinished ${id}`, definition);
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByLabel("Idioma").selectOption("en");

  // The run is refused by the server: the step's empty Type and its out-of-range timeout, each in English.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await expect(page.getByText(/Can't run: 1 step has fields to complete/)).toBeVisible();
  await expect(page).not.toHaveURL(/execucao=/);
  const panel = stepPanel(page, "credentials");
  await expect(panel.getByText("Fill in this field.").first()).toBeVisible();
  await expect(panel.getByText("Give the Timeout (ms) as a whole number of milliseconds between 1000 and 120000.")).toBeVisible();
  await expect(panel).not.toContainText("Informe");
  await expect(panel).not.toContainText("Preencha");
  await expectNoHorizontalOverflow(page);
  await shot(page, "language-09-run-refused-english");
  await panel.getByText("Give the Timeout (ms)").scrollIntoViewIfNeeded();
  await shot(page, "language-09b-server-only-field-english");

  // The connection test: a success and a wrong secret's failure, both in English.
  await page.goto("/conexoes");
  await page.getByRole("button", { name: `Edit connection ${connection.name}` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit connection" });
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(dialog.getByText("Connection succeeded")).toBeVisible();
  await expect(dialog.getByText(/^Connection working: BTG-ID issued a token valid for 24 h \(it expires at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)\. \(\d+ ms\)$/)).toBeVisible();
  await expect(dialog).not.toContainText("Conexão funcionando");
  await expectNoHorizontalOverflow(page);
  await shot(page, "language-10-connection-test-english");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: `Edit connection ${wrong.name}` }).click();
  await dialog.getByRole("button", { name: "Test connection" }).click();
  await expect(dialog.getByText("Connection test failed")).toBeVisible();
  await expect(dialog).toContainText("BTG-ID refused the token request (401 invalid_client)");
  await expect(dialog).toContainText("Check the Client ID and the Client Secret in the connection.");
  await expect(dialog).not.toContainText("recusou");
  await shot(page, "language-11-connection-wrong-secret-english");
});
