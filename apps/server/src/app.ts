import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Express } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import type { Logger } from "./logger.js";
import { problemHandler, unknownRoute } from "./http/problem.js";
import { apiRoutes, type ApiDeps } from "./routes/api-routes.js";

export interface AppOptions {
  logger: Logger;
  bodyLimit: number;
  /** The built web app, served on the same origin with a fallback to index.html for its routes. */
  webDist: string | null;
}

export function createApp(deps: ApiDeps, options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: options.logger,
      autoLogging: { ignore: (req) => req.url === "/api/health" },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "debug"),
      serializers: { req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }) },
    }),
  );
  app.use("/api", express.json({ limit: options.bodyLimit }), apiRoutes(deps), unknownRoute);

  if (options.webDist && existsSync(path.join(options.webDist, "index.html"))) {
    const index = path.join(options.webDist, "index.html");
    app.use(express.static(options.webDist, { index: false, maxAge: "1h", setHeaders: noCacheForHtml }));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.set("Cache-Control", "no-cache").sendFile(index));
  }
  app.use(unknownRoute);
  app.use(problemHandler(options.logger));
  return app;
}

function noCacheForHtml(res: express.Response, filePath: string): void {
  if (filePath.endsWith(".html")) res.set("Cache-Control", "no-cache");
}
