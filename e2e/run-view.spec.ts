import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectNoHorizontalOverflow, shot, stepNode, tokenFlowDefinition, unique } from "./helpers.js";

/** Where a node sits on the screen once the view has stopped moving (a pan animates for a quarter second). */
async function settledBox(locator: Locator): Promise<{ x: number; y: number }> {
  let last = { x: Number.NaN, y: Number.NaN };
  await expect
    .poll(
      async () => {
        const box = (await locator.boundingBox())!;
        const same = Math.abs(box.x - last.x) < 0.5 && Math.abs(box.y - last.y) < 0.5;
        last = { x: box.x, y: box.y };
        return same;
      },
      { intervals: [150] },
    )
    .toBe(true);
  return last;
}

async function expectAt(locator: Locator, at: { x: number; y: number }): Promise<void> {
  const now = await settledBox(locator);
  expect(Math.abs(now.x - at.x), "moved horizontally").toBeLessThanOrEqual(1);
  expect(Math.abs(now.y - at.y), "moved vertically").toBeLessThanOrEqual(1);
}

test("a failed run names the failed step and its error in the banner, opens its details, and the nodes stay put in and out of the run view", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG banner ${id}`, "not-the-secret");
  const definition = tokenFlowDefinition(connection.id);
  // The banner and the details call the step by the name a person gave it, not by its id.
  definition.steps[0]!.name = "Obter credenciais";
  const flow = await createFlow(request, `Banner de falha ${id}`, definition);

  await page.goto(`/fluxos/${flow.id}`);
  const node = stepNode(page, "credentials");
  const trigger = page.getByTestId("trigger-node");
  await expect(node).toContainText("Pronto");
  // Editing the step, as one does before running it.
  await node.click();
  await expect(page.getByRole("complementary", { name: "Obter credenciais", exact: true })).toBeVisible();
  const nodeAt = await settledBox(node);
  const triggerAt = await settledBox(trigger);

  await page.getByRole("button", { name: "Executar", exact: true }).click();

  // The banner says which step failed and why, in one line.
  const failure = page.getByTestId("execution-failure");
  await expect(failure).toContainText("Obter credenciais falhou:");
  await expect(failure).toContainText("invalid_client");
  await expect(failure).toContainText("Confira o ID do Cliente e a Chave Secreta do Cliente");
  // One sentence: at most two lines even on this canvas narrowed by the panel.
  expect((await failure.boundingBox())!.height).toBeLessThan(48);
  // The failed step's details opened by themselves.
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details.getByTestId("step-error")).toContainText("invalid_client");
  await expect(details.getByText("Obter credenciais · credentials")).toBeVisible();
  await expect(node.getByText("Falhou")).toBeVisible();
  // The palette stays (unusable while an execution is shown) and the nodes didn't move.
  await expect(page.getByRole("complementary", { name: "Conectores" })).toBeVisible();
  await expectAt(node, nodeAt);
  await expectAt(trigger, triggerAt);
  await expectNoHorizontalOverflow(page);
  await shot(page, "run-view-01-failure-banner");

  // Cut at two lines, the reason reads whole in place, and cut again on "Mostrar menos".
  const failureText = failure.locator(".execution-bar__failure-text");
  const isCut = () => failureText.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
  expect(await isCut()).toBe(true);
  const showAll = failure.getByRole("button", { name: "Mostrar tudo" });
  await showAll.focus();
  await page.keyboard.press("Enter");
  const showLess = failure.getByRole("button", { name: "Mostrar menos" });
  await expect(showLess).toHaveAttribute("aria-expanded", "true");
  await expect(showLess).toBeFocused();
  expect(await isCut()).toBe(false);
  await expect(failureText).toContainText("Confira o ID do Cliente e a Chave Secreta do Cliente");
  // It lies over the canvas: the nodes don't move, nothing scrolls sideways.
  await expectAt(node, nodeAt);
  await expectNoHorizontalOverflow(page);
  await shot(page, "run-view-01b-failure-whole");
  await showLess.click();
  expect(await isCut()).toBe(true);

  // Closed, the details come back from the banner's link.
  await details.getByRole("button", { name: "Fechar detalhes" }).click();
  await expect(details).toBeHidden();
  await failure.getByRole("button", { name: "Ver detalhes de Obter credenciais" }).click();
  await expect(details.getByTestId("step-error")).toContainText("invalid_client");

  // Back to editing: the failed step's configuration takes the details' place; nothing moves.
  await page.getByRole("button", { name: "Voltar à edição" }).click();
  await expect(page.getByTestId("execution-bar")).toBeHidden();
  await expect(page.getByRole("complementary", { name: "Obter credenciais", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Adicionar BTG-ID" })).toBeVisible();
  await expectAt(node, nodeAt);
  await expectAt(trigger, triggerAt);
  await shot(page, "run-view-02-back-to-editing");
});

test("running again keeps the open step's details, and a reused token says 'Token reutilizado'", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG reuso ${id}`);
  const flow = await createFlow(request, `Reuso ${id}`, tokenFlowDefinition(connection.id));

  await page.goto(`/fluxos/${flow.id}`);
  const node = stepNode(page, "credentials");
  await expect(node).toContainText("Pronto");
  const run = page.getByRole("button", { name: "Executar", exact: true });
  await run.click();
  await expect(node.getByText("Sucesso")).toBeVisible();
  const firstBar = await page.getByTestId("execution-bar").textContent();
  await node.click();
  const details = page.getByRole("complementary", { name: "Detalhes do passo" });
  await expect(details.getByTestId("token-view")).toBeVisible();
  // The first run asked BTG-ID for the token.
  await expect(details.getByText("Token reutilizado")).toHaveCount(0);

  // Again: a new execution, the same step's details stay open and fill with the new run.
  await run.click();
  await expect(page.getByTestId("execution-bar")).not.toHaveText(firstBar!);
  await expect(node.getByText("Sucesso")).toBeVisible();
  await expect(details).toBeVisible();
  await expect(details.getByTestId("token-view")).toBeVisible();
  // The second reused it, and says so where one looks first: beside the status, and on the node.
  await expect(details.getByTestId("token-reused")).toHaveText("Token reutilizado");
  await expect(node.getByTestId("token-reused")).toBeVisible();
  await shot(page, "run-view-03-token-reused");
});
