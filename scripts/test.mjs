// `npm test`: everything — type-check, unit and integration tests (real PostgreSQL, real
// sandbox over HTTP), then the Playwright e2e suite against the built app in Chromium.
import { bin, buildWeb, ensureChromium, generatePrismaClient, install, run, step } from "./lib.mjs";

install();
generatePrismaClient();

const results = [];
const check = (name, fn) => {
  step(name);
  const status = fn();
  results.push({ name, ok: status === 0 });
};

check("Verificando tipos (tsc -b)", () => run(bin("tsc"), ["-b"]));
check("Testes unitários e de integração (vitest)", () => run(bin("vitest"), ["run"]));
buildWeb();
ensureChromium();
check("Testes e2e (Playwright + Chromium)", () => run(bin("playwright"), ["test", "--config", "e2e/playwright.config.ts"]));

const failed = results.filter((r) => !r.ok);
process.stdout.write(`\n${results.map((r) => `${r.ok ? "✔" : "✖"} ${r.name}`).join("\n")}\n`);
process.stdout.write(`${results.length - failed.length} passed, ${failed.length} failed\n`);
process.exit(failed.length > 0 ? 1 : 0);
