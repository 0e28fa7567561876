import type { Page, Response } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, shot, tokenFlowDefinition, unique } from "./helpers.js";

/** Every answer of 400 or more the page gets: each is a red line in the browser's console. */
function failedResponses(page: Page): string[] {
  const failed: string[] = [];
  page.on("response", (response: Response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  return failed;
}

test("a published flow's editor asks for its schedule only when the flow's answer says it has one: none gives no 404, and the Agendador still reads right either way", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG resumo ${id}`);
  const flow = await createFlow(request, `Resumo do agendamento ${id}`, tokenFlowDefinition(connection.id));
  expect((await request.post(`/api/flows/${flow.id}/publish`, { data: { note: "sem agendamento" } })).status()).toBe(201);
  const failed = failedResponses(page);
  const scheduleAsked: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === `/api/flows/${flow.id}/schedule`) scheduleAsked.push(r.method());
  });

  // Published, no schedule: the Início node has no schedule line, the Agendador offers "Agendar" with its fields enabled.
  await page.goto(`/fluxos/${flow.id}`);
  await expect(page.getByTestId("trigger-node")).toBeVisible();
  await expect(page.getByTestId("trigger-node").getByTestId("schedule-line")).toHaveCount(0);
  await page.getByTestId("trigger-node").click();
  const section = page.getByRole("complementary", { name: "Início" }).getByTestId("schedule-section");
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByLabel("Expressão cron")).toBeEnabled();
  await expect(section.getByRole("button", { name: "Agendar" })).toBeVisible();
  await expect(section.getByRole("button", { name: "Remover agendamento" })).toHaveCount(0);
  await shot(page, "schedule-brief-none");
  expect(scheduleAsked).toEqual([]);
  expect(failed).toEqual([]);

  // With one (set elsewhere, through the API): the node shows it before anything is opened, and the form holds it.
  expect((await request.put(`/api/flows/${flow.id}/schedule`, { data: { cron: "0 9 * * 1-5", enabled: true } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("trigger-node").getByTestId("schedule-line")).toContainText("próxima");
  await page.getByTestId("trigger-node").click();
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByLabel("Expressão cron")).toHaveValue("0 9 * * 1-5");
  await expect(section.getByRole("button", { name: "Salvar agendamento" })).toBeVisible();
  await shot(page, "schedule-brief-set");
  expect(scheduleAsked).toEqual(["GET"]);

  // Removed in the editor: the node's line goes, and a reload asks for nothing again.
  await section.getByRole("button", { name: "Remover agendamento" }).click();
  await expect(page.getByText("Agendamento removido", { exact: true })).toBeVisible();
  await expect(page.getByTestId("trigger-node").getByTestId("schedule-line")).toHaveCount(0);
  await expect(section.getByRole("button", { name: "Agendar" })).toBeVisible();
  await page.reload();
  await page.getByTestId("trigger-node").click();
  await expect(section.getByRole("button", { name: "Agendar" })).toBeVisible();
  expect(scheduleAsked).toEqual(["GET", "DELETE"]);
  expect(failed).toEqual([]);
});
