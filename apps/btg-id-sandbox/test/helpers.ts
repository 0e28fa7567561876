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
