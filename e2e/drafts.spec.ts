import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

// "Salvo em 06/12 17:36 por Ana": a draft is named by when and by whom it was saved, never by a number.
const SAVED = /^Salvo em \d\d\/\d\d \d\d:\d\d por .+$/;

interface Problem {
  detail: string;
  errors?: { path: string; stepId?: string; field?: string }[];
}

test("an unfinished draft saves with its problems marked; running and publishing it are refused naming each step and field; a meaningless one is refused at save", async ({ page, request }) => {
  const flow = await createFlow(request, `Rascunho ${unique()}`);
  const puts: number[] = [];
  page.on("response", (r) => {
    if (r.request().method() === "PUT" && r.url().endsWith(`/api/flows/${flow.id}`)) puts.push(r.status());
  });

  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).press("Enter");
  const node = stepNode(page, "credentials");
  await expect(node.locator(".step-node__warning")).toBeVisible();
  const panel = stepPanel(page, "credentials");
  // No connection chosen, Type empty: half-done work.
  await panel.getByRole("tab", { name: "Propriedades" }).click();
  await panel.getByLabel("Conexão", { exact: true }).selectOption({ label: "Selecione uma conexão" });
  await panel.getByRole("tab", { name: "Parametrização" }).click();

  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(page.getByText(/Rascunho salvo\. 1 passo ainda tem campos a completar antes de executar ou publicar/)).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText(SAVED);
  await expect(node.locator(".step-node__warning")).toBeVisible();
  expect(puts).toEqual([200]);
  await shot(page, "drafts-01-saved-unfinished");

  // It is stored, problems and all.
  const stored = (await (await request.get(`/api/flows/${flow.id}`)).json()) as { definition: { steps: { id: string }[] }; problems: { stepId?: string; field?: string }[] };
  expect(stored.definition.steps.map((s) => s.id)).toEqual(["credentials"]);
  expect(stored.problems.map((p) => p.field)).toEqual(expect.arrayContaining(["connectionId", "authorizationDetails.0.type"]));
  await page.reload();
  await expect(stepNode(page, "credentials").locator(".step-node__warning")).toBeVisible();

  // Running it is refused, naming the step's fields; nothing starts.
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(page.getByText(/Não é possível executar: 1 passo tem campos a completar/)).toBeVisible();
  await expect(page).not.toHaveURL(/execucao=/);
  // The server's refusal marks nothing twice: the node still counts each problem once.
  await expect(stepNode(page, "credentials").locator(".step-node__warning")).toHaveAttribute("aria-label", "2 problemas neste passo");
  await shot(page, "drafts-02-run-refused");
  const run = await request.post(`/api/flows/${flow.id}/executions`, { data: {} });
  expect(run.status()).toBe(422);
  const runProblem = (await run.json()) as Problem;
  expect(runProblem.errors?.map((e) => `${e.stepId} ${e.field}`)).toEqual(expect.arrayContaining(["credentials connectionId", "credentials authorizationDetails.0.type"]));
  expect(runProblem.detail).toMatch(/^Não é possível executar: .*passo "credentials" \(connectionId\)/);
  // Saved again, the refusal is old news: it leaves with the save's own notification, not when closed.
  const notifications = page.getByRole("region", { name: "Notificações" });
  await panel.getByRole("combobox", { name: "Type", exact: true }).fill("accounts");
  await page.getByRole("button", { name: "Salvar", exact: true }).click();
  await expect(notifications.getByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/)).toBeVisible();
  await expect(notifications.getByText(/Não é possível executar/)).toBeHidden();
  await shot(page, "drafts-02b-saved-after-refusal");

  // So is publishing: the panel says why, and the API names each step and field.
  await page.getByRole("button", { name: "Publicar…" }).click();
  await expect(page.getByText(/O rascunho ainda não pode ser publicado: 1 passo tem campos a completar/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Publicar", exact: true })).toBeDisabled();
  await expectNoHorizontalOverflow(page);
  await shot(page, "drafts-03-publish-refused");
  const publish = await request.post(`/api/flows/${flow.id}/publish`, { data: {} });
  expect(publish.status()).toBe(422);
  expect(((await publish.json()) as Problem).errors?.map((e) => e.stepId)).toContain("credentials");

  // What makes a definition meaningless is still refused at save, by name, and nothing changes.
  const cycle = {
    definition: {
      trigger: { position: { x: 0, y: 120 } },
      steps: ["a", "b"].map((id, i) => ({ id, connector: "btg-id", operation: "get-credentials", connectionId: null, description: "", parameters: {}, position: { x: 300 + 200 * i, y: 120 } })),
      edges: [{ source: "trigger", target: "a" }, { source: "a", target: "b" }, { source: "b", target: "a" }],
    },
  };
  const refused = await request.put(`/api/flows/${flow.id}`, { data: cycle });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as Problem).detail).toMatch(/^Nada foi salvo: .*ciclo/);
  const unknown = await request.put(`/api/flows/${flow.id}`, { data: { definition: { ...cycle.definition, steps: [{ ...cycle.definition.steps[0]!, connector: "nao-existe" }], edges: [{ source: "trigger", target: "a" }] } } });
  expect(unknown.status()).toBe(422);
  expect(((await unknown.json()) as Problem).errors?.[0]).toMatchObject({ stepId: "a", field: "connector" });
  expect(((await (await request.get(`/api/flows/${flow.id}`)).json()) as { definition: { steps: { id: string }[] } }).definition.steps.map((s) => s.id)).toEqual(["credentials"]);
});

test("leaving with unsaved changes offers to save the draft, unfinished as it is", async ({ page, request }) => {
  const flow = await createFlow(request, `Sair salvando ${unique()}`);
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).press("Enter");
  await expect(page.getByTestId("save-state")).toHaveText("Alterações não salvas");

  await page.getByRole("link", { name: "Fluxos" }).first().click();
  const confirm = page.getByRole("alertdialog", { name: "Salvar antes de sair?" });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Sair sem salvar" })).toBeVisible();
  await expect(confirm.getByRole("button", { name: "Continuar editando" })).toBeVisible();
  await shot(page, "drafts-04-leave-offers-save");
  await confirm.getByRole("button", { name: "Salvar e sair" }).click();
  await expect(page).toHaveURL(/\/fluxos$/);
  const stored = (await (await request.get(`/api/flows/${flow.id}`)).json()) as { definition: { steps: { id: string }[] }; problems: unknown[] };
  expect(stored.definition.steps.map((s) => s.id)).toEqual(["credentials"]);
  expect(stored.problems.length).toBeGreaterThan(0);
});

test("one version counter: the draft is named by when and by whom it was saved, a save with nothing new changes nothing, a run says what it ran, and Publicar waits for something new", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG rascunho ${id}`);
  const flow = (await createFlow(request, `Versões ${id}`, tokenFlowDefinition(connection.id))) as unknown as { id: string; version: number; savedAt: string; definition: unknown };

  // Saving nothing new changes nothing: not the counter, not when it was saved.
  const again = await request.put(`/api/flows/${flow.id}`, { data: { definition: flow.definition, version: flow.version } });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ version: flow.version, savedAt: flow.savedAt });

  await page.goto(`/fluxos/${flow.id}`);
  const saveState = page.getByTestId("save-state");
  await expect(saveState).toHaveText(SAVED);
  await expect(page.getByTestId("publish-indicator")).toHaveText("Não publicado");
  await expect(page.locator(".editor-toolbar")).not.toContainText("versão");
  const savedText = await saveState.textContent();
  await shot(page, "drafts-05-draft-named-by-save");

  // A run of the draft says which draft: the one saved at that time.
  const when = savedText!.replace(/^Salvo em (\S+ \S+) por .*$/, "$1");
  await page.getByRole("button", { name: "Executar", exact: true }).click();
  await expect(page).toHaveURL(/execucao=/);
  await page.getByRole("button", { name: "Execuções" }).click();
  const history = page.getByRole("complementary", { name: "Execuções" }).getByRole("list", { name: "Execuções" });
  await expect(history.getByRole("listitem").first()).toContainText(`rascunho de ${when}`);
  await shot(page, "drafts-06-run-says-draft");
  await page.getByRole("button", { name: "Voltar à edição" }).click();

  // Publishing numbers it v1; then there is nothing new to publish, and the button says so by waiting.
  await page.getByRole("button", { name: "Publicar…" }).click();
  const publishButton = page.getByRole("button", { name: "Publicar", exact: true });
  await expect(publishButton).toBeEnabled();
  await publishButton.click();
  await expect(page.getByTestId("publish-indicator")).toHaveText("Publicado · v1");
  await expect(publishButton).toBeDisabled();
  await expect(page.getByTestId("publish-nothing-new")).toHaveText(/Nada novo para publicar: o rascunho é igual à v1/);
  await expect(saveState).toHaveText(savedText!);
  await expectNoHorizontalOverflow(page);
  await shot(page, "drafts-07-nothing-new-to-publish");
});
