import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, tokenFlowDefinition, unique } from "./helpers.js";

/** The Execuções page (top navigation): every flow's runs, filtered, paged, live, each opening in the editor. */
test("the Execuções page lists every flow's runs live, filters and pages them, and opens one in the editor", async ({ page, request }) => {
  const id = unique();
  const good = await createFlow(request, `Execuções boas ${id}`, tokenFlowDefinition((await createConnection(request, `BTG ${id}`)).id));
  const bad = await createFlow(request, `Execuções ruins ${id}`, tokenFlowDefinition((await createConnection(request, `BTG errada ${id}`, "wrong-secret")).id));

  // Reached from the top navigation, by keyboard.
  await page.goto("/fluxos");
  const nav = page.getByRole("navigation", { name: "Navegação principal" }).getByRole("link", { name: "Execuções" });
  await nav.focus();
  await expect(nav).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/execucoes$/);
  await expect(page.getByRole("heading", { name: "Execuções", level: 1 })).toBeVisible();
  await expect(page.getByTestId("runs-live")).toHaveText("Ao vivo: novas execuções aparecem aqui");

  // One flow's runs: none yet.
  await page.getByLabel("Fluxo", { exact: true }).selectOption({ label: good.name });
  await expect(page.getByText("Nenhuma execução com esses filtros")).toBeVisible();
  await shot(page, "runs-empty-filtered");

  // A run started elsewhere (the API, as this person: source editor) appears by itself and finishes in place.
  const run = async (flowId: string) => {
    const answer = await request.post(`/api/flows/${flowId}/executions`, { data: {} });
    expect(answer.status()).toBe(202);
    return ((await answer.json()) as { executionId: string }).executionId;
  };
  const first = await run(good.id);
  const rows = page.getByTestId("run-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(good.name);
  await expect(rows.first()).toContainText("Sucesso");
  await expect(rows.first()).toContainText("Editor");
  await expect(rows.first()).toContainText(/rascunho de \d\d\/\d\d \d\d:\d\d/);

  // Another flow's run doesn't enter this filtered list; with "Falhou" and every flow, it is there.
  await run(bad.id);
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Falhou" });
  await expect(rows).toHaveCount(0);
  await page.getByLabel("Fluxo", { exact: true }).selectOption({ label: "Todos os fluxos" });
  await expect(rows.filter({ hasText: bad.name })).toHaveCount(1);
  await expect(rows.filter({ hasText: good.name })).toHaveCount(0);
  await shot(page, "runs-failed-filter");

  // Source and time range.
  await page.getByRole("button", { name: "Limpar filtros" }).first().click();
  await page.getByLabel("Fluxo", { exact: true }).selectOption({ label: good.name });
  await page.getByLabel("Origem", { exact: true }).selectOption({ label: "Gateway" });
  await expect(page.getByText("Nenhuma execução com esses filtros")).toBeVisible();
  await page.getByLabel("Origem", { exact: true }).selectOption({ label: "Editor" });
  await expect(rows).toHaveCount(1);
  await page.getByLabel("Até", { exact: true }).fill("2020-01-01T00:00");
  await expect(page.getByText("Nenhuma execução com esses filtros")).toBeVisible();
  await page.getByLabel("De", { exact: true }).fill("2020-01-01T00:00");
  await page.getByLabel("Até", { exact: true }).fill("");
  await expect(rows).toHaveCount(1);
  // The filters are in the address: a reload keeps them.
  await page.reload();
  await expect(page.getByLabel("Origem", { exact: true })).toHaveValue("editor");
  await expect(rows).toHaveCount(1);

  // Paged: 25 at a time, older ones on request, none repeated. Live, every new run was added on top.
  for (let i = 0; i < 26; i++) await run(good.id);
  await expect(rows).toHaveCount(27);
  await page.reload();
  await expect(rows).toHaveCount(25);
  await page.getByRole("button", { name: "Carregar mais antigas" }).click();
  await expect(rows).toHaveCount(27);
  await expect(page.getByRole("button", { name: "Carregar mais antigas" })).toHaveCount(0);
  await expect(rows.last().getByRole("link")).toHaveAttribute("href", `/fluxos/${good.id}?execucao=${first}`);
  await expectNoHorizontalOverflow(page);
  await shot(page, "runs-paged");

  // A row opens its run in the editor's run view.
  await rows.last().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/fluxos/${good.id}\\?execucao=${first}$`));
  await expect(page.getByTestId("execution-bar")).toBeVisible();
  await shot(page, "runs-opened-in-editor");
});

test("the Execuções page says when there is nothing and when it couldn't load", async ({ page }) => {
  await page.goto("/execucoes?status=interrupted&from=2020-01-01T00:00:00.000Z&to=2020-01-02T00:00:00.000Z");
  await expect(page.getByText("Nenhuma execução com esses filtros")).toBeVisible();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("interrupted");
  // The list's request failing (a real answer from a route the server doesn't have): an error with a way to try again.
  await page.route("**/api/executions?*", (route) => route.continue({ url: route.request().url().replace("/api/executions?", "/api/nao-existe?") }));
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("Não foi possível carregar as execuções");
  await expect(page.getByRole("button", { name: "Tentar novamente" })).toBeVisible();
  await shot(page, "runs-load-failed");
  await page.unroute("**/api/executions?*");
  await page.getByRole("button", { name: "Tentar novamente" }).click();
  await expect(page.getByText("Nenhuma execução com esses filtros")).toBeVisible();
});

async function publicationOf(page: Page, name: string) {
  return page.getByRole("row").filter({ hasText: name }).getByTestId("flow-publication");
}

test("the flows list shows each flow's publication, unpublished changes and last run", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG lista ${id}`);
  const flow = await createFlow(request, `Estado ${id}`, tokenFlowDefinition(connection.id));
  await page.goto("/fluxos");
  const row = page.getByRole("row").filter({ hasText: flow.name });
  await expect(await publicationOf(page, flow.name)).toHaveText("Nunca publicado");
  await expect(row).toContainText("Nunca executado");

  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: {} })).status()).toBe(201);
  expect((await request.post(`/api/flows/${flow.id}/executions/sync`, { data: {} })).status()).toBe(200);
  await page.reload();
  await expect(await publicationOf(page, flow.name)).toHaveText("Publicado · v1");
  await expect(row).toContainText("Sucesso");

  const definition = tokenFlowDefinition(connection.id);
  definition.steps[0]!.description = "mudou";
  expect((await request.put(`/api/flows/${flow.id}`, { data: { definition } })).status()).toBe(200);
  await page.reload();
  await expect(await publicationOf(page, flow.name)).toContainText("Publicado · v1");
  await expect(await publicationOf(page, flow.name)).toContainText("Alterações não publicadas");
  await expectNoHorizontalOverflow(page);
  await shot(page, "flows-list-state");
});
