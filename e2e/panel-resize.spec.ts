import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.js";
import { createConnection, createFlow, expectEditorFitsViewport, expectNoHorizontalOverflow, shot, stepNode, stepPanel, tokenFlowDefinition, unique } from "./helpers.js";

async function panelWidth(page: Page): Promise<number> {
  return Math.round((await stepPanel(page, "credentials").boundingBox())!.width);
}

// #18 item 13: the side panel's left edge resizes it, by pointer and by keyboard, within bounds that keep the canvas usable; the width is remembered.
test("the side panel resizes by dragging its edge or with the arrows, stays within bounds at 1280×720, and keeps its width after a reload", async ({ page, request }) => {
  const connection = await createConnection(request, `BTG largura ${unique()}`);
  const flow = await createFlow(request, `Largura ${unique()}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  const handle = page.getByRole("separator", { name: "Largura do painel" });
  const start = await panelWidth(page);

  // Keyboard: ← widens, → narrows, Home is the narrowest.
  await handle.focus();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => panelWidth(page)).toBe(start + 48);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => panelWidth(page)).toBe(start + 24);
  await page.keyboard.press("Home");
  await expect.poll(() => panelWidth(page)).toBe(320);
  await expect(handle).toHaveAttribute("aria-valuenow", "320");
  await shot(page, "panel-resize-01-narrowest");

  // Pointer: dragging the edge 150 px to the left widens the panel by as much.
  const box = (await handle.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => panelWidth(page)).toBe(470);

  // Far to the left: it stops where the canvas keeps 480 px beside the 220 px palette (1280 − 220 − 480 = 580 px), nothing overflows.
  const wide = (await handle.boundingBox())!;
  await page.mouse.move(wide.x + wide.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(10, y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => panelWidth(page)).toBe(580);
  await expect(handle).toHaveAttribute("aria-valuemax", "580");
  await expect(page.locator(".react-flow__renderer")).toBeVisible();
  expect((await page.locator(".editor__canvas").boundingBox())!.width).toBeGreaterThanOrEqual(480);
  await expectNoHorizontalOverflow(page);
  await expectEditorFitsViewport(page);
  await shot(page, "panel-resize-02-widest");

  // Remembered: after a reload, and for the other panels (the history) too.
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => panelWidth(page)).toBe(556);
  await page.reload();
  await stepNode(page, "credentials").click();
  await expect.poll(() => panelWidth(page)).toBe(556);
  await stepPanel(page, "credentials").getByRole("button", { name: "Fechar painel" }).click();
  await page.getByRole("button", { name: "Execuções" }).click();
  await expect.poll(async () => Math.round((await page.getByRole("complementary", { name: "Execuções" }).boundingBox())!.width)).toBe(556);
});

test("at 1920×1080 the panel may grow to 800 px", async ({ page, request }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const connection = await createConnection(request, `BTG largura grande ${unique()}`);
  const flow = await createFlow(request, `Largura grande ${unique()}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  const handle = page.getByRole("separator", { name: "Largura do painel" });
  await handle.focus();
  await page.keyboard.press("End");
  await expect.poll(() => panelWidth(page)).toBe(800);
  await expectNoHorizontalOverflow(page);
  await shot(page, "panel-resize-03-1920");
});

async function paletteWidth(page: Page): Promise<number> {
  return Math.round((await page.getByRole("complementary", { name: "Conectores" }).boundingBox())!.width);
}

// The palette at the left resizes the same way (the same separator, mirrored: → widens), within its bounds, kept per person.
test("the palette resizes by dragging its right edge or with the arrows, within bounds at 1280×720, and keeps its width after a reload", async ({ page, request }) => {
  const connection = await createConnection(request, `BTG paleta ${unique()}`);
  const flow = await createFlow(request, `Paleta ${unique()}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  const handle = page.getByRole("separator", { name: "Largura da paleta" });
  await expect.poll(() => paletteWidth(page)).toBe(220);

  await handle.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => paletteWidth(page)).toBe(244);
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => paletteWidth(page)).toBe(196);
  await page.keyboard.press("Home");
  await expect.poll(() => paletteWidth(page)).toBe(180);
  await expect(handle).toHaveAttribute("aria-valuemin", "180");
  await expect(handle).toHaveAttribute("aria-valuenow", "180");
  await shot(page, "panel-resize-04-palette-narrowest");

  // Pointer: dragging the edge 100 px to the right widens it by as much; far right stops at 360.
  const box = (await handle.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 100, y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => paletteWidth(page)).toBe(280);
  const wider = (await handle.boundingBox())!;
  await page.mouse.move(wider.x + wider.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(1000, y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => paletteWidth(page)).toBe(360);
  await expect(handle).toHaveAttribute("aria-valuemax", "360");
  // The widest palette beside the step panel still leaves a usable canvas, and nothing overflows.
  await stepNode(page, "credentials").click();
  expect((await page.locator(".editor__canvas").boundingBox())!.width).toBeGreaterThanOrEqual(480);
  await expectNoHorizontalOverflow(page);
  await expectEditorFitsViewport(page);
  await shot(page, "panel-resize-05-palette-widest");

  // Kept after a reload, apart from the step panel's width.
  await handle.focus();
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => paletteWidth(page)).toBe(336);
  await page.reload();
  await expect.poll(() => paletteWidth(page)).toBe(336);
  await expect(page.getByRole("separator", { name: "Largura da paleta" })).toHaveAttribute("aria-valuenow", "336");
});

async function dragFar(page: Page, handleName: string, toX: number): Promise<void> {
  const box = (await page.getByRole("separator", { name: handleName }).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(toX, y, { steps: 5 });
  await page.mouse.up();
}

async function canvasWidth(page: Page): Promise<number> {
  return Math.round((await page.locator(".editor__canvas").boundingBox())!.width);
}

// Both panels at their widest at 1280×720 still leave the canvas 480 px: each handle stops beside the other panel as it is, and a narrower window shrinks the panels.
test("with the palette and the side panel both dragged to their widest, the canvas keeps 480 px at 1280×720 and in a narrower window", async ({ page, request }) => {
  const connection = await createConnection(request, `BTG duas larguras ${unique()}`);
  const flow = await createFlow(request, `Duas larguras ${unique()}`, tokenFlowDefinition(connection.id));
  await page.goto(`/fluxos/${flow.id}`);
  await stepNode(page, "credentials").click();
  const palette = page.getByRole("separator", { name: "Largura da paleta" });
  const side = page.getByRole("separator", { name: "Largura do painel" });

  // The palette to its widest (360), then the side panel as far as it goes: it stops at 1280 − 360 − 480 = 440.
  await dragFar(page, "Largura da paleta", 1000);
  await expect.poll(() => paletteWidth(page)).toBe(360);
  await dragFar(page, "Largura do painel", 10);
  await expect.poll(() => panelWidth(page)).toBe(440);
  await expect(side).toHaveAttribute("aria-valuemax", "440");
  expect(await canvasWidth(page)).toBeGreaterThanOrEqual(480);
  await expect(page.locator(".react-flow__renderer")).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectEditorFitsViewport(page);
  await shot(page, "panel-resize-06-both-widest");

  // The keyboard stops there too; Home narrows the side panel, and the palette keeps its own limit of 360.
  await side.focus();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => panelWidth(page)).toBe(440);
  await page.keyboard.press("Home");
  await expect.poll(() => panelWidth(page)).toBe(320);
  await expect(palette).toHaveAttribute("aria-valuemax", "360");

  // The side panel at its widest first: now the palette's handle stops at 1280 − 580 − 480 = 220.
  await palette.focus();
  await page.keyboard.press("Home");
  await expect.poll(() => paletteWidth(page)).toBe(180);
  await side.focus();
  await page.keyboard.press("End");
  await expect.poll(() => panelWidth(page)).toBe(620);
  await palette.focus();
  await page.keyboard.press("End");
  await expect.poll(() => paletteWidth(page)).toBe(180);
  await expect(palette).toHaveAttribute("aria-valuemax", "180");
  expect(await canvasWidth(page)).toBeGreaterThanOrEqual(480);

  // A narrower window shrinks the side panel first, then the palette, each to its minimum, the canvas keeping 480 px.
  await page.setViewportSize({ width: 1100, height: 720 });
  await expect.poll(() => panelWidth(page)).toBe(440);
  expect(await canvasWidth(page)).toBeGreaterThanOrEqual(480);
  await page.setViewportSize({ width: 980, height: 720 });
  await expect.poll(() => panelWidth(page)).toBe(320);
  await expect.poll(() => paletteWidth(page)).toBe(180);
  expect(await canvasWidth(page)).toBeGreaterThanOrEqual(480);
  expect(await page.locator(".editor__canvas").evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(980 - 320);
  // The top bar fits too: nothing scrolls sideways.
  await expectNoHorizontalOverflow(page);
  await shot(page, "panel-resize-07-narrow-window");
  // Back to 1280: the kept widths come back.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect.poll(() => panelWidth(page)).toBe(620);
  expect(await canvasWidth(page)).toBeGreaterThanOrEqual(480);
});
