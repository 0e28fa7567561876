// Prints the gzip size of what the browser downloads first (index.html's scripts and styles
// and the modules they import statically), then of each lazily loaded chunk.
// Run after a build: node apps/web/scripts/bundle-size.mjs
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");
const gz = (file) => gzipSync(readFileSync(path.join(dist, file))).length / 1024;
const html = readFileSync(path.join(dist, "index.html"), "utf8");
const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  if (!file.endsWith(".js")) return;
  for (const match of readFileSync(path.join(dist, file), "utf8").matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) visit(`assets/${match[1]}`);
};
for (const match of html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)) visit(match[1]);

const total = [...initial].reduce((sum, file) => sum + gz(file), 0);
console.log(`initial: ${total.toFixed(1)} KB gzip (${[...initial].join(", ")})`);
for (const file of readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js") && !initial.has(`assets/${f}`)).sort()) {
  console.log(`  lazy ${file}: ${gz(`assets/${file}`).toFixed(1)} KB gzip`);
}
