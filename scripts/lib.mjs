// Shared by the root scripts: run commands, with the pinned pnpm, from the repository root.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const pnpmSpec = pkg.packageManager; // "pnpm@x.y.z": a fresh machine needs nothing but Node and npm

export function step(title) {
  process.stdout.write(`\n▶ ${title}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    process.stderr.write(`\n✖ ${command} ${args.join(" ")} failed (exit ${status})\n`);
    process.exit(status);
  }
}

export function pnpm(args, options) {
  runOrExit("npx", ["-y", pnpmSpec, ...args], options);
}

export const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function install() {
  step("Instalando dependências (pnpm)");
  pnpm(["install", "--frozen-lockfile", "--prefer-offline", "--reporter=append-only"]);
}

/** The Prisma client is generated code (gitignored); the CLI needs some DATABASE_URL to read the schema. */
export function generatePrismaClient() {
  step("Gerando o cliente Prisma");
  runOrExit(bin("prisma"), ["generate", "--no-hints"], { env: { DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://fluxo@127.0.0.1:5432/fluxo" }, stdio: ["ignore", "ignore", "inherit"] });
}

export function buildWeb() {
  step("Construindo o app web");
  runOrExit(path.join(root, "apps/web/node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: path.join(root, "apps/web") });
}

export const chromiumPath = "/usr/bin/chromium";

/** Browser tests use Debian's Chromium (a browser download can't work on these machines). */
export function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  step("Instalando o Chromium do Debian (apt-get)");
  if (process.getuid?.() !== 0) {
    process.stderr.write("Chromium is missing at /usr/bin/chromium; install it with: sudo apt-get install -y chromium\n");
    process.exit(1);
  }
  runOrExit("apt-get", ["update", "-qq"]);
  runOrExit("apt-get", ["install", "-y", "-qq", "chromium"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
}
