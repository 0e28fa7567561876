import { Router } from "express";
import { methodNotAllowed } from "./http-helpers.js";
import { SCOPES } from "./api/grants.js";
import { SIGNING_ALG } from "./keys.js";
import type { SigningKey } from "./keys.js";
import { sendJson } from "./oauth-error.js";
import { SUPPORTED_GRANT_TYPES } from "./token-endpoint.js";

export interface SandboxUrls {
  url: string;
  authorizationUrl: string;
  tokenUrl: string;
  revocationUrl: string;
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
  const clientAuthMethods = ["client_secret_basic", "client_secret_post"];
  const metadata = {
    issuer: urls.url,
    authorization_endpoint: urls.authorizationUrl,
    token_endpoint: urls.tokenUrl,
    revocation_endpoint: urls.revocationUrl,
    jwks_uri: urls.jwksUrl,
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: [...SUPPORTED_GRANT_TYPES],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: clientAuthMethods,
    revocation_endpoint_auth_methods_supported: clientAuthMethods,
    // RFC 9207: the authorization response carries iss.
    authorization_response_iss_parameter_supported: true,
    scopes_supported: ["openid", ...Object.values(SCOPES)],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    claims_supported: ["sub", "email", "name", "auth_time", "nonce"],
    prompt_values_supported: ["login", "consent", "select_account"],
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
