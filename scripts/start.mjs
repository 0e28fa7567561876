// `npm start`: install, generate, build the web app, then run the server (it migrates the
// database and, without DATABASE_URL, uses the embedded PostgreSQL and the local BTG-ID sandbox).
import { spawn } from "node:child_process";
import { bin, buildWeb, generatePrismaClient, install, root, step } from "./lib.mjs";

install();
generatePrismaClient();
buildWeb();
step("Iniciando o Fluxo");
const server = spawn(bin("tsx"), ["apps/server/src/main.ts"], { cwd: root, stdio: "inherit", env: { NODE_ENV: "production", ...process.env } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
