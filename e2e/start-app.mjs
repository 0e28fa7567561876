// Starts the built app for the e2e suite on a fresh embedded PostgreSQL server in a temp folder
// (the app starts and stops it; SIGTERM from Playwright reaches the app, which stops it).
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

// npm test builds the web app first; a direct `playwright test` on a fresh checkout builds it here.
if (!existsSync("apps/web/dist/index.html")) {
  const build = spawnSync(path.resolve("apps/web/node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: "apps/web", stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), "fluxo-e2e-"));
const child = spawn(path.resolve("node_modules/.bin/tsx"), ["apps/server/src/main.ts"], {
  stdio: ["inherit", "pipe", "inherit"],
  env: { ...process.env, NODE_ENV: "production", FLUXO_DATA_DIR: dataDir, FLUXO_SANDBOX: "true", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
});
// Playwright drops the server's stdout; its log (warnings and errors) is kept next to the screenshots.
mkdirSync("e2e/artifacts", { recursive: true });
const log = createWriteStream("e2e/artifacts/server.log");
child.stdout.pipe(log);
child.stdout.pipe(process.stdout);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
