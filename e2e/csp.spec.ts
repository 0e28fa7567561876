import { expect, test } from "./fixtures.js";

test("the CSP guard notices a violation (so a clean run means the app has none)", async ({ page, cspViolations }) => {
  await page.goto("/fluxos");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(cspViolations).toEqual([]);
  // An inline script, as an injected one would be: the CSP refuses it and the guard records it.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__inlineRan = true";
    document.body.append(script);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.join("\n")).toMatch(/script-src/);
  expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
  cspViolations.length = 0; // provoked on purpose: the guard must not fail this spec
});
