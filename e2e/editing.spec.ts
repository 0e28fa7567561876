import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A box once the view has stopped moving (a pan animates for a quarter second). */
async function settledBox(locator: Locator): Promise<Box> {
  let last: Box = { x: Number.NaN, y: Number.NaN, width: 0, height: 0 };
  await expect
    .poll(
      async () => {
        const box = (await locator.boundingBox())!;
        const same = Math.abs(box.x - last.x) < 0.5 && Math.abs(box.y - last.y) < 0.5;
        last = box;
        return same;
      },
      { intervals: [150] },
    )
    .toBe(true);
  return last;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function box(page: Page, selector: string): Promise<Box> {
  return (await page.locator(selector).boundingBox())!;
}

test("Enter in a Locations item, then one click on Privileges' Adicionar: the click lands and the typing goes into the new item", async ({ page, request }) => {
  const id = unique();
  const connection = await createConnection(request, `BTG clique ${id}`);
  const flow = await createFlow(request, `Clique ${id}`, tokenFlowDefinition(connection.id));

  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  const entry = stepPanel(page, "credentials").getByRole("group", { name: "Entrada 1" });
  const locations = entry.getByRole("group", { name: "Locations" });
  const privileges = entry.getByRole("group", { name: "Privileges" });

  // Enter at the end of the list adds an empty item and moves into it…
  await locations.getByLabel("Locations 1", { exact: true }).press("Enter");
  await expect(locations.getByLabel("Locations 2", { exact: true })).toBeFocused();
  // …which is left empty: one click on the next list's button must still land.
  await privileges.getByRole("button", { name: "Adicionar item em Privileges" }).click();
  await expect(privileges.getByLabel("Privileges 2", { exact: true })).toBeFocused();
  await page.keyboard.type("write");
  await expect(privileges.getByLabel("Privileges 2", { exact: true })).toHaveValue("write");

  // The empty item left behind isn't called an error while editing.
  await expect(locations.getByLabel("Locations 2", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
  await expect(entry.getByText("Preencha este campo.")).toHaveCount(0);
  await shot(page, "editing-01-click-lands");
});

test("a step dropped over the canvas's controls is moved into view, clear of them, of the panel and of the other nodes", async ({ page, request }) => {
  const flow = await createFlow(request, `Soltar ${unique()}`);
  await page.goto(`/fluxos/${flow.id}`);
  await expect(page.getByTestId("trigger-node")).toBeVisible();

  // Dropped in the canvas's bottom-left corner, where the zoom buttons are.
  const pane = page.locator(".react-flow__pane");
  const paneBox = (await pane.boundingBox())!;
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).dragTo(pane, { targetPosition: { x: 140, y: paneBox.height - 60 } });
  const node = stepNode(page, "credentials");
  await expect(node).toBeVisible();
  await expect(stepPanel(page, "credentials")).toBeVisible();

  const card = await settledBox(node);
  const canvas = await box(page, ".editor__canvas");
  expect(card.x).toBeGreaterThanOrEqual(canvas.x);
  expect(card.y).toBeGreaterThanOrEqual(canvas.y);
  expect(card.x + card.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(card.y + card.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  for (const selector of [".react-flow__controls", ".react-flow__minimap", ".side-panel", '[data-testid="trigger-node"]']) {
    expect(overlaps(card, await box(page, selector)), `the new step overlaps ${selector}`).toBe(false);
  }
  await shot(page, "editing-02-dropped-in-view");
});

test("Enter on a palette item adds the step and moves focus to its first field", async ({ page, request }) => {
  const flow = await createFlow(request, `Teclado ${unique()}`);
  await page.goto(`/fluxos/${flow.id}`);
  await page.getByRole("button", { name: "Adicionar BTG-ID" }).press("Enter");
  const panel = stepPanel(page, "credentials");
  await expect(panel.getByLabel("Operação")).toBeFocused();
  // Focus is visible, and the keyboard carries on from there into the fields.
  await expect(panel.getByLabel("Operação")).toHaveCSS("outline-style", "solid");
  await page.keyboard.press("Tab");
  await expect(panel.getByLabel("Grant Type")).toBeFocused();
  await shot(page, "editing-03-focus-first-field");
});
