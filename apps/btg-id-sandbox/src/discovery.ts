import { Router } from "express";
import { methodNotAllowed } from "./http-helpers.js";
import type { SigningKey } from "./keys.js";
import { sendJson } from "./oauth-error.js";
import { SUPPORTED_GRANT_TYPES } from "./token-endpoint.js";

export interface SandboxUrls {
  url: string;
  tokenUrl: string;
  jwksUrl: string;
  /** url + "/api", the resource APIs. */
  apiUrl: string;
}

/**
 * GET /.well-known/jwks.json and the server metadata (served both as
 * openid-configuration and as RFC 8414 oauth-authorization-server).
 */
export function discoveryRouter(urls: SandboxUrls, key: SigningKey): Router {
  const router = Router();
  const jwks = { keys: [key.publicJwk] };
  const metadata = {
    issuer: urls.url,
    token_endpoint: urls.tokenUrl,
    jwks_uri: urls.jwksUrl,
    grant_types_supported: [...SUPPORTED_GRANT_TYPES],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    // RFC 9396 §10.1 lists accepted types; the sandbox accepts any non-empty type, hence "*".
    authorization_details_types_supported: ["*"],
  };

  router
    .route("/.well-known/jwks.json")
    .get((_req, res) => sendJson(res, 200, jwks, { "Cache-Control": "public, max-age=300" }))
    .all(methodNotAllowed("GET, HEAD"));
  for (const path of ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"]) {
    router
      .route(path)
      .get((_req, res) => sendJson(res, 200, metadata, { "Cache-Control": "public, max-age=300" }))
      .all(methodNotAllowed("GET, HEAD"));
  }
  return router;
}
