import { expect, test } from "./fixtures.js";
import { SANDBOX_URL } from "./env.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, tokenFlowDefinition, unique } from "./helpers.js";

test("a published flow answers its sync gateway URL, and the call shows up live in the open history", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG gateway ${id}`);
  const flow = await createFlow(request, `Gateway ${id}`, tokenFlowDefinition(connection.id));

  await page.goto(`/fluxos/${flow.id}`);
  await expect(page.getByTestId("publish-indicator")).toContainText("Não publicado");
  await page.getByRole("button", { name: "Publicar…" }).click();
  await page.getByLabel("Nota da versão (opcional)").fill("primeira versão");
  await page.getByRole("button", { name: "Publicar", exact: true }).click();
  await expect(page.getByTestId("publish-indicator")).toContainText("Publicado · v1");
  const versions = page.getByRole("list", { name: "Versões publicadas" });
  await expect(versions.getByRole("listitem")).toHaveCount(1);
  await expect(versions).toContainText("primeira versão");
  const syncUrl = await page.locator(".gateway-url__value").nth(1).textContent();
  expect(syncUrl).toMatch(/\/gateway\/flows\/gateway-[a-z0-9-]+\/sync$/);
  await shot(page, "publish-panel");

  // What another system does: an API key (made through the API) and a curl-equivalent call.
  const keyResponse = await request.post("/api/api-keys", { data: { name: `gateway ${id}` } });
  expect(keyResponse.status()).toBe(201);
  const { key } = (await keyResponse.json()) as { key: string };

  // The history is open, and empty, before the call: the run must show up in it by itself.
  await page.getByRole("button", { name: "Execuções" }).click();
  const panel = page.getByRole("complementary", { name: "Execuções" });
  await expect(panel.getByText("Nenhuma execução ainda")).toBeVisible();
  await expect(panel.getByTestId("history-live")).toHaveText("Ao vivo: novas execuções aparecem aqui");
  // The panel narrowed the canvas: the view follows, so no step sits under the panel.
  const canvas = page.locator(".canvas");
  const step = page.locator('.react-flow__node[data-id="credentials"]');
  await expect(async () => {
    const [pane, node] = [await canvas.boundingBox(), await step.boundingBox()];
    expect(node!.x + node!.width).toBeLessThanOrEqual(pane!.x + pane!.width);
  }).toPass();
  // The sandbox holds its answer a moment, so the run can be seen running.
  expect((await request.post(`${SANDBOX_URL}/_sandbox/failures`, { data: { failures: [{ kind: "delay", ms: 1500 }] } })).ok()).toBe(true);
  const answering = fetch(syncUrl!, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: "{}" });

  const history = panel.getByRole("list", { name: "Execuções" });
  const item = history.getByRole("listitem").first();
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(item).toContainText("Executando");
  await expect(item).toContainText("v1");
  await expect(item.getByTestId("trigger-source")).toHaveText("gateway");
  await shot(page, "publish-history-running");

  const answer = await answering;
  expect(answer.status).toBe(200);
  const token = (await answer.json()) as { access_token: string; token_type: string };
  expect(token.token_type).toBe("Bearer");
  expect(token.access_token.split(".")).toHaveLength(3);

  await expect(item).toContainText("Sucesso");
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expectNoHorizontalOverflow(page);
  await shot(page, "publish-history");
});
