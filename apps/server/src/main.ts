import v8 from "node:v8";
import { loadConfig } from "./config.js";

// V8 lets a busy server's old generation fill with garbage up to several times its live size
// before collecting it; growing it by 30 % at a time keeps RSS near what is actually used
// (bench/README.md: peak RSS at load 260–290 → ~210 MB, for no measurable CPU).
v8.setFlagsFromString("--heap-growing-percent=30");

// The process entry (`npm start` runs this): start everything, print where it is, stop cleanly.
// With FLUXO_ROLE=worker (queue mode) the same entry runs a queue worker instead of the API.
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.FLUXO_ROLE === "worker") {
    const { startWorker } = await import("./worker.js");
    const worker = await startWorker(config);
    process.stdout.write(`Fluxo worker pronto (fila de execuções em ${new URL(config.REDIS_URL!).host}, ${config.FLUXO_WORKER_CONCURRENCY} execuções por vez)\n`);
    stopOnSignals(worker);
    return;
  }
  const { startServer } = await import("./server.js");
  const server = await startServer(config);
  const lines = [
    "",
    `  Fluxo está no ar: ${server.url}`,
    `  Banco de dados: ${
      server.database.kind === "embedded"
        ? `PostgreSQL embutido em ${config.dataDir}/postgres (127.0.0.1:${server.database.fields.port}, usuário ${server.database.fields.user}, senha em ${config.dataDir}/postgres.json)`
        : "PostgreSQL (DATABASE_URL)"
    }`,
  ];
  if (server.encryptionKey.source === "generated") {
    lines.push(`  Chave de criptografia dos segredos criada em ${server.encryptionKey.file} (guarde-a: sem ela os segredos salvos não abrem)`);
  }
  if (server.sandbox) {
    const { DEMO_ACCOUNT } = await import("@fluxo/btg-id-sandbox");
    lines.push(`  Sandbox BTG-ID local: ${server.sandbox.url}  (ID do Cliente: demo-client · Chave Secreta do Cliente: demo-secret)`);
    lines.push(`  Conta de demonstração no login do sandbox: ${DEMO_ACCOUNT.email} · senha ${DEMO_ACCOUNT.password}${config.BTG_SANDBOX_STRICT_GRANTS ? " (modo estrito: as APIs bancárias só aceitam tokens do Authorization Code)" : ""}`);
  }
  lines.push("");
  process.stdout.write(`${lines.join("\n")}\n`);
  stopOnSignals(server);
}

function stopOnSignals(server: { logger: { info(o: object, m: string): void; error(o: object, m: string): void }; close(): Promise<void> }): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`Fluxo não pôde iniciar: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
