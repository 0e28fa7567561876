import { expect, test } from "./fixtures.js";
import { OWNER } from "./env.js";
import { expectNoHorizontalOverflow, shot } from "./helpers.js";

test("the top bar fits from 980 px up; the account's links open from the person's name, by keyboard too", async ({ page }) => {
  await page.goto("/fluxos");
  const topbar = page.locator(".topbar");
  const account = page.getByRole("button", { name: new RegExp(OWNER.name) });
  await expect(account).toBeVisible();

  for (const width of [980, 1280]) {
    await page.setViewportSize({ width, height: 720 });
    await expectNoHorizontalOverflow(page);
    expect(await topbar.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    // Everything in the bar is inside the window, the last control included.
    expect((await account.boundingBox())!.x + (await account.boundingBox())!.width).toBeLessThanOrEqual(width);
    await shot(page, `topbar-01-${width}`);
  }

  // Closed, its links are out of the tab order; Enter opens it, Tab walks them, Esc closes it and gives the focus back.
  await expect(page.getByRole("link", { name: "Configurações", exact: true })).toBeHidden();
  await account.focus();
  await page.keyboard.press("Enter");
  await expect(account).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  const settings = page.getByRole("link", { name: "Configurações", exact: true });
  await expect(settings).toBeFocused();
  // The focus ring shows on the item the keyboard is on.
  expect(await settings.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
  await expect(page.getByRole("link", { name: "Referência da API", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sair", exact: true })).toBeVisible();
  await shot(page, "topbar-02-account-open");
  await page.keyboard.press("Escape");
  await expect(account).toHaveAttribute("aria-expanded", "false");
  await expect(account).toBeFocused();

  // A link followed closes it; so does the focus leaving it.
  await account.click();
  await settings.click();
  await expect(page).toHaveURL(/\/configuracoes$/);
  await expect(settings).toBeHidden();
  await account.click();
  await page.getByRole("link", { name: "Fluxos" }).first().focus();
  await expect(settings).toBeHidden();

  // Another page at 980 px: nothing scrolls sideways.
  await page.setViewportSize({ width: 980, height: 720 });
  await page.getByRole("link", { name: "Execuções" }).click();
  await expectNoHorizontalOverflow(page);
  await shot(page, "topbar-03-980-executions");
});
