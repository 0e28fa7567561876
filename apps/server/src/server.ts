import { existsSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startSandbox, type Sandbox } from "@fluxo/btg-id-sandbox";
import { createHttpClient } from "@fluxo/connectors";
import { createApp } from "./app.js";
import type { Config } from "./config.js";
import { ConnectionService } from "./connections/connection-service.js";
import { openDatabase, type Database } from "./db/database.js";
import { EventBus } from "./executions/event-bus.js";
import { ExecutionRunner } from "./executions/execution-runner.js";
import { ExecutionService } from "./executions/execution-service.js";
import { PrismaExecutionStore } from "./executions/prisma-execution-store.js";
import { recoverInterrupted } from "./executions/recover-interrupted.js";
import { FlowService } from "./flows/flow-service.js";
import { createLogger, type Logger } from "./logger.js";

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

export interface RunningServer {
  url: string;
  database: Database;
  sandbox: Sandbox | null;
  logger: Logger;
  runner: ExecutionRunner;
  recovered: { interrupted: string[]; queued: string[] };
  close(): Promise<void>;
}

/** Opens the database (migrated), recovers interrupted executions, starts the sandbox if asked, then listens. */
export async function startServer(config: Config, logger: Logger = createLogger(config.LOG_LEVEL)): Promise<RunningServer> {
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.dataDir, poolSize: config.DATABASE_POOL_SIZE });
  const cleanup: (() => Promise<void>)[] = [() => database.close()];
  try {
    const sandbox = config.sandbox ? await startSandbox({ host: config.BTG_SANDBOX_HOST, port: config.BTG_SANDBOX_PORT }) : null;
    if (sandbox) cleanup.unshift(() => sandbox.close());

    const { prisma } = database;
    const http = createHttpClient();
    const bus = new EventBus();
    const connections = new ConnectionService(prisma, http);
    const flows = new FlowService(prisma, connections);
    const runner = new ExecutionRunner({ prisma, store: new PrismaExecutionStore(prisma), bus, http, connections, logger });
    const executions = new ExecutionService(prisma, flows, runner);

    const recovered = await recoverInterrupted(prisma);
    if (recovered.interrupted.length > 0) logger.warn({ executions: recovered.interrupted }, "executions left running by a previous process were marked interrupted");
    for (const id of recovered.queued) runner.start(id);

    const health = async () => {
      await prisma.$queryRaw`SELECT 1`;
      return { status: "ok", database: database.kind, sandboxUrl: sandbox?.url ?? null };
    };
    const webDist = config.FLUXO_WEB_DIST ?? (existsSync(defaultWebDist) ? defaultWebDist : null);
    const app = createApp({ connections, flows, executions, bus, health, sandboxUrl: sandbox?.url ?? null }, { logger, bodyLimit: config.FLUXO_BODY_LIMIT, webDist });

    const server: Server = await new Promise((resolve, reject) => {
      const s = app.listen(config.PORT, config.HOST, () => resolve(s));
      s.once("error", reject);
    });
    const { port } = server.address() as AddressInfo;
    const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
    return {
      url: `http://${host}:${port}`,
      database,
      sandbox,
      logger,
      runner,
      recovered,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await runner.drain(10_000);
        server.closeAllConnections();
        for (const step of cleanup) await step();
      },
    };
  } catch (error) {
    for (const step of cleanup) await step().catch(() => undefined);
    throw error;
  }
}
