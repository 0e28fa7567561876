import type { HttpExchangeSummary, StepErrorInfo } from "@fluxo/contracts";
import { HttpClientError, StepError } from "../sdk/errors.js";
import { redactHeaders, scrubStepError, secretScrubber } from "../sdk/redact.js";
import type { HttpClient, HttpResponse } from "../sdk/types.js";
import { tokenEndpoint, type BtgIdConnection } from "./connection.js";
import { missingTokenFailure, notJsonFailure, oauthErrorFailure, statusFailure, transportFailure, type OAuthErrorBody } from "./failures.js";

export interface TokenRequest {
  connection: BtgIdConnection;
  /** Form fields besides client authentication, e.g. `grant_type`, `authorization_details`. */
  form: Record<string, string>;
  timeoutMs: number;
  http: HttpClient;
  signal: AbortSignal;
  recordHttp?: (summary: HttpExchangeSummary) => void;
}

/** A successful token response (RFC 6749 §5.1); other members are kept as the server sent them. */
export interface TokenResponseBody {
  access_token: string;
  token_type?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  [member: string]: unknown;
}

export interface TokenResponse {
  status: number;
  headers: Record<string, string>;
  body: TokenResponseBody;
}

/** `POST {environment}/oauth2/token`; throws `StepError` for every kind of failure. */
export async function requestToken(request: TokenRequest): Promise<TokenResponse> {
  const { url, headers, recordedHeaders, scrub } = clientOf(request.connection);
  const fail = (info: StepErrorInfo, cause?: unknown): StepError => new StepError(scrubStepError(info, scrub), { cause });
  const record = (status: number | null, responseHeaders: Record<string, string>, durationMs: number) =>
    request.recordHttp?.({ method: "POST", url, requestHeaders: recordedHeaders, status, responseHeaders: redactHeaders(responseHeaders), durationMs });

  let response: HttpResponse;
  try {
    response = await request.http({
      method: "POST",
      url,
      headers,
      body: new URLSearchParams(request.form).toString(),
      timeoutMs: request.timeoutMs,
      signal: request.signal,
    });
  } catch (error) {
    // Anything else is the caller's cancellation or a bug: not ours to reword.
    if (!(error instanceof HttpClientError)) throw error;
    record(null, {}, error.durationMs ?? 0);
    throw fail(transportFailure(error, url), error);
  }
  record(response.status, response.headers, response.durationMs);

  const outcome = interpretResponse(response, url);
  if ("failure" in outcome) throw fail(outcome.failure);
  return { status: response.status, headers: response.headers, body: outcome.body };
}

/** What every token request of one connection sends and masks the same way. */
interface TokenClient {
  url: string;
  headers: Readonly<Record<string, string>>;
  /** The headers as the step's exchange records them, the credentials masked. */
  recordedHeaders: Readonly<Record<string, string>>;
  /** Whatever the server echoes back (e.g. in error_description) must not reveal the secret. */
  scrub: (text: string) => string;
}

/**
 * By connection object: a run gets the connection parseConnection validated and froze, the same
 * object while the server keeps the connection (an edit loads a new one), so its Basic
 * credentials, headers and scrubber are worked out once instead of on every token request.
 */
const clients = new WeakMap<BtgIdConnection, TokenClient>();

function clientOf(connection: BtgIdConnection): TokenClient {
  let client = clients.get(connection);
  if (!client) {
    const basicCredentials = encodeBasicCredentials(connection.clientId, connection.clientSecret);
    const headers = Object.freeze({ Authorization: `Basic ${basicCredentials}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" });
    client = {
      url: tokenEndpoint(connection.environmentUrl),
      headers,
      recordedHeaders: Object.freeze(redactHeaders(headers)),
      scrub: secretScrubber([connection.clientSecret, formUrlEncode(connection.clientSecret), basicCredentials]),
    };
    clients.set(connection, client);
  }
  return client;
}

function interpretResponse(response: HttpResponse, url: string): { body: TokenResponseBody } | { failure: StepErrorInfo } {
  const { status, headers, bodyText } = response;
  const json = parseJson(bodyText);
  if (status >= 200 && status < 300) {
    if (!json.ok) return { failure: notJsonFailure(status, headers["content-type"]) };
    if (!isTokenResponseBody(json.value)) return { failure: missingTokenFailure(status) };
    return { body: json.value };
  }
  if (status >= 300 && status < 400) return { failure: statusFailure(status, redirectTarget(headers["location"], url)) };
  if (json.ok && isOAuthErrorBody(json.value)) return { failure: oauthErrorFailure(status, json.value) };
  if (!json.ok && bodyText.trim() !== "") return { failure: notJsonFailure(status, headers["content-type"]) };
  return { failure: statusFailure(status, undefined) };
}

/** Origin and path only: a redirect's query could carry anything. */
function redirectTarget(location: string | undefined, base: string): string | undefined {
  if (!location) return undefined;
  try {
    const target = new URL(location, base);
    return `${target.origin}${target.pathname}`;
  } catch {
    return undefined;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isTokenResponseBody(value: unknown): value is TokenResponseBody {
  return isRecord(value) && typeof value["access_token"] === "string" && value["access_token"] !== "";
}

function isOAuthErrorBody(value: unknown): value is OAuthErrorBody {
  if (!isRecord(value) || typeof value["error"] !== "string" || value["error"] === "") return false;
  const description = value["error_description"];
  return description === undefined || typeof description === "string";
}

/** The application/x-www-form-urlencoded serialization of one value. */
function formUrlEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice("v=".length);
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined and base64-encoded. */
export function encodeBasicCredentials(clientId: string, clientSecret: string): string {
  // After form-urlencoding the text is ASCII, which is all btoa accepts.
  return btoa(`${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`);
}
