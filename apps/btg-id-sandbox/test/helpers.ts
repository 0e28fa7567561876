import { createHash, randomBytes } from "node:crypto";
import { expect } from "vitest";
import { completeAuthorization } from "../src/index.js";
import type { Sandbox } from "../src/index.js";

/** application/x-www-form-urlencoded encoding of one value (RFC 6749 Appendix B). */
export function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

/** client_secret_basic as RFC 6749 §2.3.1 specifies: form-encode, then base64. */
export function basicAuth(clientId: string, clientSecret: string): string {
  return `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`).toString("base64")}`;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: Record<string, unknown> | undefined;
}

export async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface TokenCall {
  form?: Record<string, string> | string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** POSTs to the token endpoint; the form defaults to grant_type=client_credentials. */
export async function postToken(sandbox: Sandbox, call: TokenCall = {}): Promise<Answer> {
  const form = call.form ?? { grant_type: "client_credentials" };
  const body = typeof form === "string" ? form : new URLSearchParams(form).toString();
  const response = await fetch(sandbox.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...call.headers },
    body,
    ...(call.signal ? { signal: call.signal } : {}),
  });
  return answerOf(response);
}

export const demoBasic = { Authorization: basicAuth("demo-client", "demo-secret") };

/** Polls until `check` holds (for things the server does asynchronously). */
export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const SCOPE = {
  accountsReadonly: "empresas.btgpactual.com/accounts.readonly",
  accounts: "empresas.btgpactual.com/accounts",
  paymentsReadonly: "empresas.btgpactual.com/payments.readonly",
  payments: "empresas.btgpactual.com/payments",
} as const;

export interface TokenOptions {
  scope?: string;
  authorizationDetails?: unknown[];
  clientId?: string;
  clientSecret?: string;
}

/** An access token from the sandbox (client_credentials), failing the test if none is issued. */
export async function getToken(sandbox: Sandbox, options: TokenOptions = {}): Promise<string> {
  const form: Record<string, string> = { grant_type: "client_credentials" };
  if (options.scope !== undefined) form.scope = options.scope;
  if (options.authorizationDetails !== undefined) form.authorization_details = JSON.stringify(options.authorizationDetails);
  const answer = await postToken(sandbox, {
    form,
    headers: { Authorization: basicAuth(options.clientId ?? "demo-client", options.clientSecret ?? "demo-secret") },
  });
  const token = answer.json?.access_token;
  if (answer.status !== 200 || typeof token !== "string") throw new Error(`no token: ${answer.status} ${answer.text}`);
  return token;
}

export interface ApiCall {
  method?: string;
  /** Sent as `Authorization: Bearer <token>`; omit for no Authorization header. */
  token?: string;
  /** Sent as JSON (Content-Type: application/json) unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls `<sandbox>/api<path>`. */
export async function callApi(sandbox: Sandbox, path: string, call: ApiCall = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (call.token !== undefined) headers.Authorization = `Bearer ${call.token}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(`${sandbox.apiUrl}${path}`, {
    method: call.method ?? (body === undefined ? "GET" : "POST"),
    headers: { ...headers, ...call.headers },
    ...(body === undefined ? {} : { body }),
    ...(call.signal ? { signal: call.signal } : {}),
  });
  return answerOf(response);
}

// ── Authorization Code + PKCE ────────────────────────────────────────────────

export const FLUXO_CALLBACK = "http://localhost:3000/api/oauth/callback";
export const ACCOUNTS_SCOPE = "empresas.btgpactual.com/accounts.readonly";

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An /oauth2/authorize URL as Fluxo builds it; `params` overrides or (undefined) removes parameters. */
export function authorizeUrl(sandbox: Sandbox, pkce: Pkce, params: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    response_type: "code",
    client_id: "demo-client",
    redirect_uri: FLUXO_CALLBACK,
    scope: ACCOUNTS_SCOPE,
    state: "st-123",
    code_challenge: pkce.challenge,
    code_challenge_method: "S256",
    prompt: "login",
    ...params,
  };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(all)) if (value !== undefined) query.set(name, value);
  return `${sandbox.url}/oauth2/authorize?${query.toString()}`;
}

/** Logs in as the demo account and consents; returns the code the client receives. */
export async function obtainCode(sandbox: Sandbox, pkce: Pkce, params: Record<string, string | undefined> = {}): Promise<string> {
  const back = await completeAuthorization(authorizeUrl(sandbox, pkce, params));
  const code = back.searchParams.get("code");
  if (code === null) throw new Error(`no code: ${back.href}`);
  return code;
}

export function exchangeCode(sandbox: Sandbox, code: string, verifier: string, form: Record<string, string> = {}, headers = demoBasic): Promise<Answer> {
  return postToken(sandbox, {
    headers,
    form: { grant_type: "authorization_code", code, redirect_uri: FLUXO_CALLBACK, code_verifier: verifier, ...form },
  });
}

export function refresh(sandbox: Sandbox, refreshToken: string, form: Record<string, string> = {}, headers = demoBasic): Promise<Answer> {
  return postToken(sandbox, { headers, form: { grant_type: "refresh_token", refresh_token: refreshToken, ...form } });
}

export interface HolderTokens {
  accessToken: string;
  refreshToken: string;
  body: Record<string, unknown>;
}

/** The whole grant: login, consent, code exchange. */
export async function connect(sandbox: Sandbox, params: Record<string, string | undefined> = {}): Promise<HolderTokens> {
  const pkce = newPkce();
  const answer = await exchangeCode(sandbox, await obtainCode(sandbox, pkce, params), pkce.verifier);
  return tokensOf(answer);
}

export function tokensOf(answer: Answer): HolderTokens {
  const body = answer.json;
  if (answer.status !== 200 || typeof body?.access_token !== "string" || typeof body.refresh_token !== "string") {
    throw new Error(`no tokens: ${answer.status} ${answer.text}`);
  }
  return { accessToken: body.access_token, refreshToken: body.refresh_token, body };
}

export const BALANCE_PATH = "/12345678/banking/accounts/001/balance";

/** The body of a token answer for the account holder, as it must be for `scope`. */
export function expectedHolderTokens(scope: string, idToken: boolean, refreshTokenExpiresIn = 864000): Record<string, unknown> {
  return {
    access_token: expect.stringMatching(/^eyJ/),
    token_type: "Bearer",
    expires_in: 86400,
    refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    refresh_token_expires_in: refreshTokenExpiresIn,
    scope,
    ...(idToken ? { id_token: expect.stringMatching(/^eyJ/) } : {}),
  };
}
