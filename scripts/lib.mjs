// Shared by the root scripts: run commands, with the pinned pnpm, from the repository root.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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
  // --prefer-offline: once npm's cache has this pnpm, npx doesn't ask the registry again (offline it
  // would wait ~70 s for that before using the cache); a fresh machine still downloads it.
  runOrExit("npx", ["--prefer-offline", "-y", pnpmSpec, ...args], options);
}

export const bin = (name) => path.join(root, "node_modules", ".bin", name);

// A second `npm start` should take seconds (issue 19): each step below is skipped when the files
// it was last run from are unchanged (a content hash, kept under node_modules so a fresh install redoes them all).
const FINGERPRINTS = path.join(root, "node_modules/.cache/fluxo-start");
const NOT_INPUTS = new Set(["node_modules", "dist", ".tsbuild", "test-results", "generated"]);

/** The files of `input` (a file, or a folder walked without its build outputs and dependencies), sorted. */
function filesOf(input) {
  if (!existsSync(input)) return [];
  if (!statSync(input).isDirectory()) return [input];
  return readdirSync(input, { withFileTypes: true })
    .filter((entry) => !NOT_INPUTS.has(entry.name) && !entry.name.endsWith(".tsbuildinfo"))
    .flatMap((entry) => filesOf(path.join(input, entry.name)))
    .sort();
}

/** Runs `work` unless `inputs` (paths from the root) are as they were the last time it succeeded and `output` exists. */
function unlessUnchanged(name, inputs, output, work) {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap((input) => filesOf(path.join(root, input)))) {
    hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  const fingerprint = hash.digest("hex");
  const file = path.join(FINGERPRINTS, name);
  if (existsSync(path.join(root, output)) && existsSync(file) && readFileSync(file, "utf8") === fingerprint) return;
  work();
  mkdirSync(FINGERPRINTS, { recursive: true });
  writeFileSync(file, fingerprint);
}

const WORKSPACE_MANIFESTS = ["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", ...["apps", "packages"].flatMap((dir) => readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}/package.json`))];

export function install() {
  unlessUnchanged("install", WORKSPACE_MANIFESTS, "node_modules/.modules.yaml", () => {
    step("Instalando dependências (pnpm)");
    pnpm(["install", "--frozen-lockfile", "--prefer-offline", "--reporter=append-only"]);
  });
}

/** The Prisma client is generated code (gitignored); the CLI needs some DATABASE_URL to read the schema. */
export function generatePrismaClient() {
  unlessUnchanged("prisma-client", ["prisma/schema.prisma", "pnpm-lock.yaml"], "apps/server/src/generated/prisma/client.ts", () => {
    step("Gerando o cliente Prisma");
    runOrExit(bin("prisma"), ["generate", "--no-hints"], { env: { DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://fluxo@127.0.0.1:5432/fluxo" }, stdio: ["ignore", "ignore", "inherit"] });
  });
}

export function buildWeb() {
  unlessUnchanged("web", ["apps/web", "packages", "pnpm-lock.yaml"], "apps/web/dist/index.html", () => {
    step("Construindo o app web");
    runOrExit(path.join(root, "apps/web/node_modules/.bin/vite"), ["build", "--logLevel", "warn"], { cwd: path.join(root, "apps/web") });
  });
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
