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
