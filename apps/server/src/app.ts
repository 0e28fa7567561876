import { existsSync } from "node:fs";
import path from "node:path";
import express, { type Express } from "express";
import { authenticate } from "./auth/http-auth.js";
import { cors } from "./http/cors.js";
import { requestLog } from "./http/request-log.js";
import { gatewaySecurityHeaders, securityHeaders, type FixedContentSecurityPolicy } from "./http/security-headers.js";
import { gatewayRoutes } from "./gateway/gateway-routes.js";
import type { GatewayOptions } from "./gateway/gateway-options.js";
import { jsonBody } from "./http/json-body.js";
import { refuseUnstorableText } from "./http/storable-text.js";
import type { Logger } from "./logger.js";
import { problemHandler, unknownRoute } from "./http/problem.js";
import type { ApiDeps } from "./routes/api-route.js";
import { apiRoutes } from "./routes/api-routes.js";

export interface AppOptions {
  logger: Logger;
  bodyLimit: number;
  /** The built web app, served on the same origin with a fallback to index.html for its routes. */
  webDist: string | null;
  /** Browser origins allowed to call the API cross-origin (with an API key, never cookies); empty: no CORS. */
  corsOrigins: string[];
  gateway: GatewayOptions;
}

/**
 * The built app loads only its own scripts and styles (Vite emits no inline script), so
 * the policy allows nothing inline; React sets styles through the DOM, which CSP permits.
 */
const CONTENT_SECURITY_POLICY: FixedContentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

export function createApp(deps: ApiDeps, options: AppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  // No ETag on API answers: they are per person and change with every run, so hashing each body
  // for a 304 that never comes is waste. The web app's files keep theirs (express.static's own).
  app.set("etag", false);
  app.use(requestLog(options.logger, (url) => url === "/api/health"));
  // Machines call flows here with an API key; no CORS (server-to-server), its own body parsing,
  // and a data API's security headers rather than the web app's.
  app.use("/gateway", gatewaySecurityHeaders, gatewayRoutes(deps, options.gateway), unknownRoute);
  app.use(securityHeaders(CONTENT_SECURITY_POLICY));
  app.use("/api", cors(options.corsOrigins), jsonBody(options.bodyLimit), refuseUnstorableText, authenticate(deps.auth), apiRoutes(deps), unknownRoute);

  if (options.webDist && existsSync(path.join(options.webDist, "index.html"))) {
    const index = path.join(options.webDist, "index.html");
    app.use(express.static(options.webDist, { index: false, maxAge: "1h", setHeaders: noCacheForHtml }));
    app.get(/^\/(?!api\/|gateway\/).*/, (_req, res) => res.set("Cache-Control", "no-cache").sendFile(index));
  }
  app.use(unknownRoute);
  app.use(problemHandler(options.logger, { bodyLimit: options.bodyLimit }));
  return app;
}

function noCacheForHtml(res: express.Response, filePath: string): void {
  if (filePath.endsWith(".html")) res.set("Cache-Control", "no-cache");
}
