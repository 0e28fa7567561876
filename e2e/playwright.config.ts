import { defineConfig } from "@playwright/test";
import { APP_URL, APP_PORT, OWNER_STATE, SANDBOX_PORT, STRICT_SANDBOX_PORT, STRICT_SANDBOX_URL } from "./env.js";

// Debian's Chromium (TOOLCHAIN.md): Playwright's own browser download can't work here.
const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  outputDir: "artifacts/test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { outputFolder: "artifacts/report", open: "never" }]],
  use: {
    baseURL: APP_URL,
    viewport: { width: 1280, height: 720 },
    locale: "pt-BR",
    timezoneId: "America/Sao_Paulo",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: { executablePath: "/usr/bin/chromium", args: chromiumArgs },
  },
  // "setup" creates the owner through the browser once (the first-run screen) and saves the
  // session; every spec then starts signed in as that owner (auth.spec.ts makes its own sessions).
  projects: [
    { name: "setup", testMatch: /owner\.setup\.ts$/, use: { browserName: "chromium" } },
    { name: "chromium", dependencies: ["setup"], use: { browserName: "chromium", storageState: OWNER_STATE } },
  ],
  // The real app, built, on a fresh embedded database, with the real local BTG-ID sandbox.
  webServer: [
    {
      command: "node e2e/start-app.mjs",
      cwd: "..",
      url: `${APP_URL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: !process.env.CI,
      env: { PORT: String(APP_PORT), BTG_SANDBOX_PORT: String(SANDBOX_PORT) },
      stdout: "ignore",
      stderr: "pipe",
    },
    // The app's own sandbox stays lenient (other specs read balances with client-credentials tokens);
    // "Conectar com o BTG" is shown against this strict one, where only the account's consent reads a balance.
    {
      command: "node_modules/.bin/tsx apps/btg-id-sandbox/src/main.ts",
      cwd: "..",
      url: `${STRICT_SANDBOX_URL}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: !process.env.CI,
      env: { BTG_SANDBOX_PORT: String(STRICT_SANDBOX_PORT), BTG_SANDBOX_STRICT_GRANTS: "true" },
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
