import type { Request, RequestHandler, Response } from "express";
import { parseAuthorizationDetails } from "./authorization-details.js";
import type { AuthorizationDetail } from "./authorization-details.js";
import { authenticateClient } from "./client-auth.js";
import { parseForm } from "./form.js";
import { NO_STORE_HEADERS, OAuthError, invalidRequest, sendJson, sendOAuthError } from "./oauth-error.js";
import { admitRequest } from "./request-arrival.js";
import { bodyError, readBodyText } from "./request-body.js";
import type { SandboxState } from "./sandbox-state.js";
import type { IssueToken } from "./token-issuer.js";

export const SUPPORTED_GRANT_TYPES = ["client_credentials"] as const;
export const DEFAULT_SCOPE = "apps";

// RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]+(?: [\x21\x23-\x5B\x5D-\x7E]+)*$/;

export interface TokenEndpointDeps {
  state: SandboxState;
  clients: ReadonlyMap<string, string>;
  issueToken: IssueToken;
  log: (line: string) => void;
}

/** The part that a real BTG-ID server does: validate the request and issue a token. */
async function answerTokenRequest(req: Request, res: Response, deps: TokenEndpointDeps): Promise<Record<string, unknown>> {
  if (!req.is("application/x-www-form-urlencoded")) {
    throw invalidRequest("Content-Type must be application/x-www-form-urlencoded");
  }
  let text: string;
  try {
    text = await readBodyText(req, res);
  } catch (err) {
    throw bodyError(err) ?? err;
  }
  const form = parseForm(text);

  const clientId = authenticateClient(req.get("authorization"), form, deps.clients);

  const grantType = form.get("grant_type");
  if (grantType === undefined) throw invalidRequest("grant_type is required; this server supports client_credentials");
  if (grantType !== "client_credentials") {
    throw new OAuthError(
      400,
      "unsupported_grant_type",
      `grant_type ${JSON.stringify(grantType)} is not supported; this server supports client_credentials`,
    );
  }

  const scope = form.get("scope") ?? DEFAULT_SCOPE;
  if (!SCOPE.test(scope)) {
    throw new OAuthError(400, "invalid_scope", "scope must be space-separated tokens of printable ASCII without quotes or backslashes");
  }

  const detailsText = form.get("authorization_details");
  const authorizationDetails: AuthorizationDetail[] | undefined =
    detailsText === undefined ? undefined : parseAuthorizationDetails(detailsText);

  const token = await deps.issueToken({ clientId, scope, ...(authorizationDetails ? { authorizationDetails } : {}) });
  const body: Record<string, unknown> = {
    access_token: token.accessToken,
    token_type: "Bearer",
    expires_in: token.expiresIn,
    scope,
  };
  if (authorizationDetails) body.authorization_details = authorizationDetails;
  return body;
}

/**
 * POST /oauth2/token: counts the request, waits the configured latency (plus a scripted
 * delay), plays the next scripted failure if any, otherwise answers like BTG-ID.
 */
export function tokenEndpoint(deps: TokenEndpointDeps): RequestHandler {
  const { state } = deps;
  return async (req, res) => {
    state.countTokenRequest();
    if (!(await admitRequest(req, res, state, "token"))) return;

    try {
      const body = await answerTokenRequest(req, res, deps);
      state.countTokenIssued();
      sendJson(res, 200, body, NO_STORE_HEADERS);
    } catch (err) {
      const oauthError =
        err instanceof OAuthError ? err : new OAuthError(500, "server_error", "the sandbox failed unexpectedly");
      if (!(err instanceof OAuthError)) {
        deps.log(`btg-id-sandbox: unexpected error on /oauth2/token: ${err instanceof Error ? err.message : String(err)}`);
      }
      state.countError(oauthError.error);
      sendOAuthError(res, oauthError);
    }
  };
}
