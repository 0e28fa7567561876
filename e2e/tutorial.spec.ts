import { expect, test } from "./fixtures.js";
import { DEMO_CLIENT, SANDBOX_URL } from "./env.js";
import { expectNoHorizontalOverflow, expectWholeText, shot, stepNode, stepPanel, unique } from "./helpers.js";

test("the BTG-ID tutorial: connection form, new flow, drag the connector, configure, save, run live, read the token", async ({ page, request }) => {
  const id = unique();
  const connectionName = `BTG sandbox ${id}`;

  // A connection, through its form.
  await page.goto("/conexoes");
  // The header's button (an empty list shows a second one).
  await page.getByRole("button", { name: "Nova conexão" }).first().click();
  const form = page.getByRole("dialog", { name: "Nova conexão" });
  // Two connectors now (BTG-ID, HTTP): the dialog asks which first.
  await form.getByRole("button", { name: /^BTG-ID/ }).click();
  await form.getByLabel("Nome", { exact: true }).fill(connectionName);
  await form.getByLabel("ID do Cliente").fill(DEMO_CLIENT.clientId);
  await form.getByLabel("Chave Secreta do Cliente").fill(DEMO_CLIENT.clientSecret);
  await form.getByLabel("URL do ambiente").fill(SANDBOX_URL);
  await form.getByRole("button", { name: "Salvar" }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole("button", { name: connectionName, exact: true })).toBeVisible();

  // A flow, opened in the editor.
  await page.goto("/fluxos");
  await page.getByRole("button", { name: "Novo fluxo" }).first().click();
  const create = page.getByRole("dialog", { name: "Novo fluxo" });
  await create.getByLabel("Nome", { exact: true }).fill(`Token BTG ${id}`);
  await create.getByRole("button", { name: "Criar e abrir" }).click();
  await expect(page).toHaveURL(/\/fluxos\/[^/?]+$/);
  await expect(page.getByTestId("trigger-node")).toBeVisible();
  await shot(page, "tutorial-01-empty-editor");

  // Drag BTG-ID from the palette onto the canvas (real HTML5 drag and drop).
  // Dropped to the right of Início, where a reader would put the next step.
  const pane = page.locator(".react-flow__pane");
  const paneBox = (await pane.boundingBox())!;
  const triggerBox = (await page.getByTestId("trigger-node").boundingBox())!;
  const dropAt = { x: triggerBox.x - paneBox.x + triggerBox.width + 180, y: triggerBox.y - paneBox.y + triggerBox.height / 2 };
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).dragTo(pane, { targetPosition: dropAt });
  const node = stepNode(page, "credentials");
  await expect(node).toBeVisible();
  await expect(node).toContainText("Obter Credenciais");
  await expect(page.locator(".react-flow__edge")).toHaveCount(1);
  // It landed where it was dropped: its left edge to the right of Início (measured again, as the
  // view may have moved to keep the new step clear of the panel that opened).
  const panelLeft = (await stepPanel(page, "credentials").boundingBox())!.x;
  await expect.poll(async () => { const box = (await node.boundingBox())!; return box.x + box.width; }).toBeLessThanOrEqual(panelLeft);
  const triggerNow = (await page.getByTestId("trigger-node").boundingBox())!;
  expect((await node.boundingBox())!.x).toBeGreaterThan(triggerNow.x + triggerNow.width);

  // Parametrização.
  const panel = stepPanel(page, "credentials");
  await expect(panel.getByRole("tab", { name: "Parametrização" })).toHaveAttribute("aria-selected", "true");
  await expect(panel.getByLabel("Operação")).toHaveValue("get-credentials");
  await expect(panel.getByLabel("Grant Type")).toHaveValue("client_credentials");
  const entry = panel.getByRole("group", { name: "Entrada 1" });
  await entry.getByLabel("Type", { exact: true }).fill("account");
  await entry.getByLabel("Resource", { exact: true }).fill(`conta-${id}`);
  await entry.getByRole("button", { name: "Adicionar item em Locations" }).click();
  await entry.getByLabel("Locations 1", { exact: true }).fill("https://api.btgpactual.com/accounts");
  await entry.getByRole("button", { name: "Adicionar item em Privileges" }).click();
  await entry.getByLabel("Privileges 1", { exact: true }).fill("read");
  await page.keyboard.press("Enter");
  await entry.getByLabel("Privileges 2", { exact: true }).fill("write");
  await shot(page, "tutorial-02-parametrizacao");

  // Propriedades.
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await panel.getByLabel("Conexão", { exact: true }).selectOption({ label: connectionName });
  await expect(panel.getByLabel("ID do passo")).toHaveValue("credentials");
  await expect(node.locator(".step-node__warning")).toHaveCount(0);
  await shot(page, "tutorial-03-propriedades");
  await expectNoHorizontalOverflow(page);
  // At 1280 px, with the widest actions ("Salvar e executar"), the flow's name and "Alterações não salvas" read whole.
  await expectWholeText(page.getByRole("heading", { level: 1, name: `Token BTG ${id}` }));
  await expectWholeText(page.getByTestId("save-state"));

  // Save, then run.
  await expect(page.getByTestId("save-state")).toHaveText("Alterações não salvas");
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  // The draft is named by when and by whom it was saved; numbers are for published versions.
  await expect(page.getByTestId("save-state")).toHaveText(/^Salvo em \d\d\/\d\d \d\d:\d\d por /);
  // The sandbox holds its next answer for a moment, so the running state can be seen.
  const held = await request.post(`${SANDBOX_URL}/_sandbox/failures`, { data: { failures: [{ kind: "delay", ms: 1500 }] } });
  expect(held.ok()).toBe(true);
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(page).toHaveURL(/[?&]execucao=/);

  // The node goes running, then green, from the live event stream.
  await expect(node.getByText("Executando")).toBeVisible();
  await expect(page.getByTestId("execution-bar")).toContainText("Executando");
  await shot(page, "tutorial-04a-running");
  await expect(node.getByText("Sucesso")).toBeVisible();
  await expect(page.getByTestId("execution-bar")).toContainText("Sucesso");
  await shot(page, "tutorial-04-run-succeeded");

  // Detalhes do passo: the JWT's claims include the authorization_details typed in.
  await node.click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details).toBeVisible();
  const claims = details.getByTestId("jwt-claims");
  await expect(claims).toContainText(DEMO_CLIENT.clientId);
  const granted = claims.getByRole("group", { name: "authorization_details" });
  for (const text of ["account", `conta-${id}`, "https://api.btgpactual.com/accounts", "read", "write"]) await expect(granted).toContainText(text);
  await expect(claims).toContainText(/expira em/);
  await expectNoHorizontalOverflow(page);
  await shot(page, "tutorial-05-step-details");
});
