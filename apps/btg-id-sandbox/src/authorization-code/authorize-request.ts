import { SCOPE_SYNTAX, isValidScope, scopeTokens } from "../scope.js";
import { isWellFormedS256Challenge } from "./pkce.js";
import { isRegisteredRedirectUri } from "./redirect-uris.js";

/** The fields of a valid /oauth2/authorize request. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string | undefined;
  nonce: string | undefined;
  codeChallenge: string;
}

/**
 * What to do with an /oauth2/authorize request: go on with the login; show an error page
 * (no trustworthy redirect URI: RFC 6749 §4.1.2.1 forbids redirecting then); or send the
 * error back to the client's redirect URI.
 */
export type AuthorizeDecision =
  | { kind: "ok"; request: AuthorizeRequest }
  | { kind: "page"; error: string; description: string; message: string }
  | { kind: "redirect"; redirectUri: string; state: string | undefined; error: string; description: string };

export interface AuthorizeSettings {
  clients: ReadonlyMap<string, string>;
  /** Exact redirect URIs registered besides the loopback callbacks. */
  redirectUris: readonly string[];
}

const PROMPTS = new Set(["login", "consent", "select_account"]);
const MAX_STATE_LENGTH = 2048;

/** Validates the query of GET /oauth2/authorize, in the order RFC 6749 §4.1.2.1 requires. */
export function decideAuthorize(query: URLSearchParams, settings: AuthorizeSettings): AuthorizeDecision {
  const repeated = [...new Set([...query.keys()].filter((name) => query.getAll(name).length > 1))];
  // An empty parameter counts as omitted (RFC 6749 §3.1).
  const get = (name: string) => (query.get(name) === "" ? undefined : (query.get(name) ?? undefined));

  // 1. The client and its redirect URI: until both are trusted, errors are shown here.
  for (const name of ["client_id", "redirect_uri"]) {
    if (repeated.includes(name)) {
      return { kind: "page", error: "invalid_request", description: `${name} is included more than once`, message: `O parâmetro ${name} aparece mais de uma vez no pedido.` };
    }
  }
  const clientId = get("client_id");
  if (clientId === undefined) {
    return { kind: "page", error: "invalid_request", description: "client_id is required", message: "O pedido não diz qual aplicativo pede acesso (falta client_id)." };
  }
  if (!settings.clients.has(clientId)) {
    return { kind: "page", error: "invalid_client", description: `unknown client_id ${JSON.stringify(clientId)}`, message: `O aplicativo “${clientId}” não está cadastrado neste sandbox.` };
  }
  const redirectUri = get("redirect_uri");
  if (redirectUri === undefined) {
    return { kind: "page", error: "invalid_request", description: "redirect_uri is required", message: "O pedido não traz o endereço de retorno do aplicativo (falta redirect_uri)." };
  }
  if (!isRegisteredRedirectUri(redirectUri, settings.redirectUris)) {
    return {
      kind: "page",
      error: "invalid_request",
      description: `redirect_uri ${JSON.stringify(redirectUri)} is not registered for client ${JSON.stringify(clientId)}`,
      message: `O endereço de retorno ${redirectUri} não está cadastrado para o aplicativo “${clientId}”. Use http://localhost:<porta>/api/oauth/callback (ou 127.0.0.1) ou cadastre o endereço: FLUXO_PUBLIC_URL no sandbox que o Fluxo inicia, BTG_SANDBOX_REDIRECT_URIS no sandbox avulso.`,
    };
  }

  // 2. Everything else goes back to the client, with its state.
  const state = repeated.includes("state") ? undefined : get("state");
  const back = (error: string, description: string): AuthorizeDecision => ({ kind: "redirect", redirectUri, state, error, description });
  if (repeated.length > 0) return back("invalid_request", `${repeated.join(", ")} included more than once`);
  if (state !== undefined && state.length > MAX_STATE_LENGTH) return back("invalid_request", `state must be at most ${MAX_STATE_LENGTH} characters`);

  const responseType = get("response_type");
  if (responseType === undefined) return back("invalid_request", "response_type is required; this server supports code");
  if (responseType !== "code") return back("unsupported_response_type", `response_type ${JSON.stringify(responseType)} is not supported; this server supports code`);

  const codeChallenge = get("code_challenge");
  if (codeChallenge === undefined) return back("invalid_request", "code_challenge is required: this server requires PKCE (RFC 7636) with code_challenge_method=S256");
  const method = get("code_challenge_method");
  if (method !== "S256") {
    return back("invalid_request", `code_challenge_method must be S256 (got ${method === undefined ? "none, which means plain" : JSON.stringify(method)})`);
  }
  if (!isWellFormedS256Challenge(codeChallenge)) {
    return back("invalid_request", "code_challenge must be the base64url SHA-256 of the code_verifier: 43 characters of A-Z, a-z, 0-9, '-' and '_'");
  }

  const scope = get("scope");
  if (scope === undefined) return back("invalid_scope", "scope is required, e.g. empresas.btgpactual.com/accounts.readonly");
  if (!isValidScope(scope)) return back("invalid_scope", SCOPE_SYNTAX);

  const prompt = get("prompt");
  if (prompt !== undefined) {
    const values = scopeTokens(prompt);
    if (values.includes("none")) return back("login_required", "prompt=none is not possible: the account holder must log in at this server every time");
    const unknown = values.filter((value) => !PROMPTS.has(value));
    if (unknown.length > 0) return back("invalid_request", `prompt ${JSON.stringify(unknown.join(" "))} is not supported; use login, consent or select_account`);
  }

  return { kind: "ok", request: { clientId, redirectUri, scope, state, nonce: get("nonce"), codeChallenge } };
}
