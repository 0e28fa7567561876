import { createServer } from "node:http";
import type { Server } from "node:http";
import type { Socket } from "node:net";
import express from "express";
import type { ErrorRequestHandler } from "express";
import { apiRouter } from "./api/api-router.js";
import { AuthorizationStore } from "./authorization-code/authorization-store.js";
import { authorizeRouter } from "./authorization-code/authorize-router.js";
import { PaymentStore } from "./api/payments.js";
import { SandboxConfigError, resolveOptions } from "./config.js";
import type { SandboxConfig } from "./config.js";
import { controlRouter } from "./control.js";
import { discoveryRouter } from "./discovery.js";
import type { SandboxUrls } from "./discovery.js";
import { methodNotAllowed, notFound } from "./http-helpers.js";
import { generateSigningKey } from "./keys.js";
import type { SigningKey } from "./keys.js";
import { OAuthError, sendOAuthError } from "./oauth-error.js";
import { bodyError } from "./request-body.js";
import { SandboxState } from "./sandbox-state.js";
import { tokenEndpoint } from "./token-endpoint.js";
import { createIdTokenIssuer, createTokenIssuer } from "./token-issuer.js";
import { revocationEndpoint } from "./revocation-endpoint.js";
import type { Sandbox, SandboxOptions } from "./types.js";

/** The URL clients use: a wildcard bind address is reached through loopback. */
export function baseUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(new SandboxConfigError(`the BTG-ID sandbox could not listen on ${host}:${port}: ${err.code ?? err.message}`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

interface AppParts {
  config: SandboxConfig;
  urls: SandboxUrls;
  key: SigningKey;
  state: SandboxState;
}

function buildApp({ config, urls, key, state }: AppParts): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");

  const issuerSettings = { key, issuer: urls.url, ttlSeconds: config.tokenTtlSeconds };
  const issueToken = createTokenIssuer(issuerSettings);
  const issueIdToken = createIdTokenIssuer(issuerSettings);
  // Codes, refresh tokens and revocations outlive reset(): a connected app stays connected.
  const store = new AuthorizationStore();
  const { clients, log } = config;
  app
    .route("/oauth2/token")
    .post(tokenEndpoint({ state, issueToken, issueIdToken, store, clients, refreshTokenTtlSeconds: config.refreshTokenTtlSeconds, log }))
    .all(methodNotAllowed("POST"));
  app
    .route("/oauth2/revoke")
    .post(revocationEndpoint({ state, clients, store, key, issuer: urls.url, log }))
    .all(methodNotAllowed("POST"));
  app.use(authorizeRouter({ state, store, clients, redirectUris: config.redirectUris, issuer: urls.url, codeTtlSeconds: config.codeTtlSeconds }));
  app.use(discoveryRouter(urls, key));
  app.use("/_sandbox", controlRouter(state));
  const payments = new PaymentStore();
  state.onReset(() => payments.clear());
  app.use(
    "/api",
    apiRouter({
      state,
      key,
      issuer: urls.url,
      apiUrl: urls.apiUrl,
      tokenUrl: urls.tokenUrl,
      jwksUrl: urls.jwksUrl,
      payments,
      isRevoked: (jti) => store.isAccessTokenRevoked(jti),
      strictGrants: config.strictGrants,
      log,
    }),
  );
  app.use(notFound);

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    const known = bodyError(err);
    if (!known) config.log(`btg-id-sandbox: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    if (res.headersSent) return;
    sendOAuthError(res, known ?? new OAuthError(500, "server_error", "the sandbox failed unexpectedly"));
  };
  app.use(onError);
  return app;
}

/**
 * Starts a BTG-ID look-alike on `host:port` (default 127.0.0.1, a random free port).
 * Resolves once it accepts connections (after generating its RSA key).
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const config = resolveOptions(options);
  const server = createServer();
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  // The key first: a server that listens before it can answer would leave early
  // connections (a client polling a fixed port) without a request handler.
  const key = await generateSigningKey();
  const port = await listen(server, config.port, config.host);

  const url = baseUrl(config.host, port);
  const urls: SandboxUrls = {
    url,
    authorizationUrl: `${url}/oauth2/authorize`,
    tokenUrl: `${url}/oauth2/token`,
    revocationUrl: `${url}/oauth2/revoke`,
    jwksUrl: `${url}/.well-known/jwks.json`,
    apiUrl: `${url}/api`,
  };
  const state = new SandboxState(config.latencyMs);
  // Attached in the microtask that follows 'listening', before any connection can be read.
  server.on("request", buildApp({ config, urls, key, state }));

  let closing: Promise<void> | undefined;
  return {
    ...urls,
    setLatency: (ms) => state.setLatency(ms),
    scriptFailures: (failures) => state.scriptFailures(failures),
    stats: () => state.stats(),
    reset: () => state.reset(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive, hanging and waiting (latency) connections would otherwise hold close()
        // open; destroying them also ends their pending waits.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
