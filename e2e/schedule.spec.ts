import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, tokenFlowDefinition, unique } from "./helpers.js";

test("the Agendador: blocked until published, a wrong cron named, a schedule that runs with source Agendador, edited and paused", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG agendado ${id}`);
  const flow = await createFlow(request, `Agendado ${id}`, tokenFlowDefinition(connection.id));

  // Never published: the section says why it can't schedule, its fields disabled.
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByTestId("trigger-node").click();
  const panel = page.getByRole("complementary", { name: "Início" });
  const section = panel.getByTestId("schedule-section");
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByRole("alert").or(section.locator(".alert"))).toContainText("Publique o fluxo para agendá-lo");
  await expect(section.getByLabel("Expressão cron")).toBeDisabled();
  await shot(page, "schedule-never-published");

  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: { note: "para agendar" } })).status()).toBe(201);
  await page.reload();
  await page.getByTestId("trigger-node").click();
  const cron = section.getByLabel("Expressão cron");
  await expect(cron).toBeEnabled();

  // A wrong field is named, in Portuguese, before anything is sent; saving waits for a fix.
  await cron.fill("*/5 99 * * *");
  await expect(section.getByText('O campo hora ("99") não é válido: use 0 a 23')).toBeVisible();
  await expect(section.getByRole("button", { name: "Agendar" })).toBeDisabled();
  await section.getByLabel("Fuso horário").fill("America/Sao Paulo");
  await expect(section.getByText("não é um fuso horário IANA conhecido")).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shot(page, "schedule-invalid");

  // Every 3 seconds, read in São Paulo: explained, with the next five times.
  await cron.fill("*/3 * * * * *");
  await section.getByLabel("Fuso horário").fill("America/Sao_Paulo");
  await expect(section.getByTestId("schedule-explanation")).toHaveText("A cada 3 segundos");
  await expect(section.getByTestId("schedule-next-runs").getByRole("listitem")).toHaveCount(5);
  await section.getByLabel("Payload de entrada de cada execução").fill('{"body": {"origem": "agendador"}}');
  await section.getByRole("button", { name: "Agendar" }).click();
  await expect(page.getByText("Agendamento salvo", { exact: true })).toBeVisible();
  await expect(page.getByTestId("trigger-node").getByTestId("schedule-line")).toContainText("A cada 3 segundos · próxima");
  await expectNoHorizontalOverflow(page);
  await shot(page, "schedule-saved");

  // Its runs show up on the Execuções page under the origin "Agendador".
  await page.goto("/execucoes");
  await page.getByLabel("Origem", { exact: true }).selectOption({ label: "Agendador" });
  await page.getByLabel("Fluxo", { exact: true }).selectOption({ label: `Agendado ${id}` });
  const row = page.getByRole("row").filter({ hasText: `Agendado ${id}` }).first();
  await expect(row).toContainText("Agendador", { timeout: 20_000 });
  await expect(row).toContainText("Sucesso", { timeout: 20_000 });
  await shot(page, "schedule-runs");

  // The flows list shows the next run.
  await page.goto("/fluxos");
  await expect(page.getByRole("row").filter({ hasText: `Agendado ${id}` }).getByTestId("schedule-line")).toContainText("A cada 3 segundos · próxima");

  // Edit it, then pause it: kept, not firing, and said so on the node and in the list.
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByTestId("trigger-node").click();
  await expect(cron).toHaveValue("*/3 * * * * *");
  await cron.fill("0 9 * * 1-5");
  await expect(section.getByTestId("schedule-explanation")).toContainText("09:00");
  await section.getByRole("button", { name: "Salvar agendamento" }).click();
  await expect(page.getByText("Agendamento salvo", { exact: true })).toBeVisible();
  await section.getByRole("switch", { name: "Agendamento ativo" }).uncheck();
  await section.getByRole("button", { name: "Salvar agendamento" }).click();
  await expect(page.getByText("Agendamento salvo (pausado)")).toBeVisible();
  await expect(page.getByTestId("trigger-node").getByTestId("schedule-line")).toContainText("· pausado");
  await shot(page, "schedule-paused");
  const saved = (await (await request.get(`/api/flows/${flow.id}/schedule`)).json()) as { cron: string; enabled: boolean; nextRuns: string[]; input: { body: unknown } };
  expect(saved).toMatchObject({ cron: "0 9 * * 1-5", enabled: false, nextRuns: [], input: { body: { origem: "agendador" } } });

  await page.goto("/fluxos");
  await expect(page.getByRole("row").filter({ hasText: `Agendado ${id}` }).getByTestId("schedule-line")).toContainText("pausado");
  await shot(page, "schedule-flows-list");
});
