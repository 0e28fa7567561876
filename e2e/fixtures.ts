import { test as base, expect, type BrowserContext } from "@playwright/test";

export { expect };

/**
 * Every spec imports `test` from here: it fails a spec whose pages report any
 * Content-Security-Policy violation (the app must work under its own CSP, with no inline
 * scripts or styles sneaking in). Both the DOM's `securitypolicyviolation` event and
 * Chromium's console error are watched, in the spec's context and in any context it opens.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context, browser }, use) => {
      const violations: string[] = [];
      await watchCsp(context, violations);
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<typeof newContext>) => {
        const opened = await newContext.apply(browser, args);
        await watchCsp(opened, violations);
        return opened;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "the page reported Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

const BINDING = "__fluxoCspViolation";

async function watchCsp(context: BrowserContext, violations: string[]): Promise<void> {
  await context.exposeBinding(BINDING, (_source, text: string) => void violations.push(text));
  await context.addInitScript((binding) => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as Record<string, (text: string) => void>)[binding];
      report?.(`${event.effectiveDirective} refused ${event.blockedURI || "inline"} (${event.sourceFile || event.documentURI}:${event.lineNumber})`);
    });
  }, BINDING);
  context.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
}
