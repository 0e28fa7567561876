import type { Request, RequestHandler, Response } from "express";
import { parseAuthorizationDetails } from "./authorization-details.js";
import type { AuthorizationDetail } from "./authorization-details.js";
import type { AuthorizationStore } from "./authorization-code/authorization-store.js";
import { exchangeCode } from "./authorization-code/code-exchange.js";
import { refreshTokens } from "./authorization-code/refresh-grant.js";
import { asOAuthError, readClientRequest } from "./client-request.js";
import { NO_STORE_HEADERS, OAuthError, invalidRequest, sendJson, sendOAuthError } from "./oauth-error.js";
import { admitRequest } from "./request-arrival.js";
import type { SandboxState } from "./sandbox-state.js";
import { SCOPE_SYNTAX, isValidScope } from "./scope.js";
import type { IssueIdToken, IssueToken } from "./token-issuer.js";

export const SUPPORTED_GRANT_TYPES = ["client_credentials", "authorization_code", "refresh_token"] as const;
export const DEFAULT_SCOPE = "apps";
const SUPPORTED_LIST = SUPPORTED_GRANT_TYPES.join(", ");

export interface TokenEndpointDeps {
  state: SandboxState;
  clients: ReadonlyMap<string, string>;
  issueToken: IssueToken;
  issueIdToken: IssueIdToken;
  store: AuthorizationStore;
  refreshTokenTtlSeconds: number;
  log: (line: string) => void;
}

/** grant_type=client_credentials: the client's own token, with the scope and authorization_details it asks for. */
async function clientCredentials(form: ReadonlyMap<string, string>, clientId: string, deps: TokenEndpointDeps): Promise<Record<string, unknown>> {
  const scope = form.get("scope") ?? DEFAULT_SCOPE;
  if (!isValidScope(scope)) throw new OAuthError(400, "invalid_scope", SCOPE_SYNTAX);

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

interface TokenAnswer {
  grantType: (typeof SUPPORTED_GRANT_TYPES)[number];
  body: Record<string, unknown>;
}

/** The part that a real BTG-ID server does: validate the request and issue a token. */
async function answerTokenRequest(req: Request, res: Response, deps: TokenEndpointDeps): Promise<TokenAnswer> {
  const { form, clientId } = await readClientRequest(req, res, deps.clients);
  const grantType = form.get("grant_type");
  switch (grantType) {
    case undefined:
      throw invalidRequest(`grant_type is required; this server supports ${SUPPORTED_LIST}`);
    case "client_credentials":
      return { grantType, body: await clientCredentials(form, clientId, deps) };
    case "authorization_code":
      return { grantType, body: await exchangeCode(form, clientId, deps) };
    case "refresh_token":
      return { grantType, body: await refreshTokens(form, clientId, deps) };
    default:
      throw new OAuthError(
        400,
        "unsupported_grant_type",
        `grant_type ${JSON.stringify(grantType)} is not supported; this server supports ${SUPPORTED_LIST}`,
      );
  }
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
      const { grantType, body } = await answerTokenRequest(req, res, deps);
      state.countTokenIssued(grantType);
      sendJson(res, 200, body, NO_STORE_HEADERS);
    } catch (err) {
      const oauthError = asOAuthError(err, deps.log, "/oauth2/token");
      state.countError(oauthError.error);
      sendOAuthError(res, oauthError);
    }
  };
}
