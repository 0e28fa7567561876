import { loadConfig } from "./config.js";
import { startServer } from "./server.js";

// The process entry (`npm start` runs this): start everything, print where it is, stop cleanly.
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const lines = [
    "",
    `  Fluxo está no ar: ${server.url}`,
    `  Banco de dados: ${server.database.kind === "embedded" ? `PostgreSQL embutido em ${config.dataDir}` : "PostgreSQL (DATABASE_URL)"}`,
  ];
  if (server.sandbox) {
    lines.push(`  Sandbox BTG-ID local: ${server.sandbox.url}  (ID do Cliente: demo-client · Chave Secreta do Cliente: demo-secret)`);
  }
  lines.push("");
  process.stdout.write(`${lines.join("\n")}\n`);

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
