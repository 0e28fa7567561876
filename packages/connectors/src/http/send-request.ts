import { asRef, stepMessage, type StepErrorInfo, type StepMessageRef, type StepResult } from "@fluxo/contracts";
import { HttpClientError, StepError } from "../sdk/errors.js";
import { redactHeaders, secretScrubber } from "../sdk/redact.js";
import type { HttpRequest, HttpResponse, OperationContext } from "../sdk/types.js";
import type { RequestAuth } from "./connection.js";
import { neverSent, statusFailure, transportFailure } from "./failures.js";
import { encodeBody } from "./request-body.js";
import type { NameValue, RequestParameters } from "./request-fields.js";
import { toStepResult } from "./response.js";

const MAX_REDIRECTS = 5;
const IDEMPOTENCY_HEADERS = new Set(["idempotency-key", "x-idempotency-key"]);

export type RequestContext = Pick<OperationContext<unknown>, "http" | "signal" | "recordHttp" | "evaluate">;

export interface SendOptions {
  auth: RequestAuth;
  /** Who answers, for messages: "O servidor", "A API do BTG". */
  /** Who answers, as a person reads it: `http.service.server`, `http.service.btg_api`. */
  service: StepMessageRef;
}

export interface OutgoingRequest extends RequestParameters {
  /** Absolute http(s) URL, before the query parameters are added. */
  url: string;
}

/** One answer, after redirects, and the URL it came from. */
export interface Answer {
  response: HttpResponse;
  url: string;
  result: StepResult;
}

/**
 * Sends the request (following redirects when asked; each hop goes through the client, so the
 * outbound policy checks it again) and returns the answer. Every hop is recorded, headers
 * redacted and the connection's secrets masked. A status ≥ 400 fails when `failOnErrorStatus`.
 */
export async function sendRequest(ctx: RequestContext, request: OutgoingRequest, options: SendOptions, label?: string): Promise<Answer> {
  const scrub = secretScrubber(options.auth.secrets);
  const { body, contentType } = encodeBody(request);
  const headers: Record<string, string> = {};
  if (contentType) headers["content-type"] = contentType;
  for (const { name, value } of request.headers) headers[name.toLowerCase()] = value;
  Object.assign(headers, options.auth.headers); // the connection's authentication wins over a typed header
  const idempotent = !["POST", "PATCH"].includes(request.method) || request.retryNonIdempotent || Object.keys(headers).some((name) => IDEMPOTENCY_HEADERS.has(name));

  let url = withQuery(request.url, [...request.query, ...options.auth.query]);
  let method = request.method;
  let sentBody: string | undefined = body;
  const origin = new URL(url).origin;
  for (let hop = 0; ; hop++) {
    const hopHeaders = new URL(url).origin === origin ? headers : withoutCredentials(headers, options.auth);
    const response = await exchange(ctx, { method, url, headers: hopHeaders, ...(sentBody !== undefined ? { body: sentBody } : {}), timeoutMs: request.timeoutMs }, { scrub, service: options.service, idempotent, label: hop === 0 ? label : `${label ? `${label}, ` : ""}redirecionamento ${hop}` });
    const location = response.headers["location"];
    if (request.followRedirects && isRedirect(response.status) && location) {
      if (hop >= MAX_REDIRECTS) throw new StepError({ kind: "http_error", status: response.status, ...stepMessage("http.too_many_redirects", { service: options.service, max: MAX_REDIRECTS, last: safeUrl(resolve(location, url)) }) });
      const next = resolve(location, url);
      if (!/^https?:$/.test(new URL(next).protocol)) throw new StepError({ kind: "refused", status: response.status, ...stepMessage("http.redirect_scheme", { service: options.service, scheme: new URL(next).protocol }) });
      // 303, and 301/302 after a POST, become a GET without a body (as browsers do); 307/308 keep both.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
        method = method === "HEAD" ? "HEAD" : "GET";
        sentBody = undefined;
        delete headers["content-type"];
      }
      url = next;
      continue;
    }
    if (request.failOnErrorStatus && response.status >= 400) {
      const failure = statusFailure(response, options.service, scrub);
      throw new StepError(idempotent || response.status === 429 ? failure : { ...failure, retryable: false });
    }
    return { response, url, result: toStepResult(response) };
  }
}

interface ExchangeOptions {
  scrub: (text: string) => string;
  /** Who answers, as a person reads it: `http.service.server`, `http.service.btg_api`. */
  service: StepMessageRef;
  idempotent: boolean;
  label: string | undefined;
}

async function exchange(ctx: RequestContext, request: Omit<HttpRequest, "signal">, options: ExchangeOptions): Promise<HttpResponse> {
  const record = (status: number | null, responseHeaders: Record<string, string>, durationMs: number, responseBytes?: number) =>
    ctx.recordHttp({
      method: request.method,
      url: options.scrub(request.url),
      requestHeaders: Object.fromEntries(Object.entries(redactHeaders(request.headers ?? {})).map(([name, value]) => [name, options.scrub(value)])),
      status,
      responseHeaders: redactHeaders(responseHeaders),
      durationMs,
      ...(options.label ? { label: options.label } : {}),
      ...(responseBytes !== undefined ? { responseBytes } : {}),
    });
  try {
    const response = await ctx.http({ ...request, signal: ctx.signal });
    record(response.status, response.headers, response.durationMs, response.bodyBytes.byteLength);
    return response;
  } catch (error) {
    if (!(error instanceof HttpClientError)) throw error;
    record(null, {}, error.durationMs ?? 0);
    const failure: StepErrorInfo = transportFailure(error, request.url, options.service);
    const mayRetry = options.idempotent || neverSent(error) || error.kind === "invalid_response";
    throw new StepError(mayRetry ? failure : { ...failure, retryable: false, ...stepMessage("http.not_retried", { failure: asRef(failure) }) }, { cause: error });
  }
}

export function withQuery(url: string, query: readonly NameValue[]): string {
  if (query.length === 0) return url;
  const target = new URL(url);
  for (const { name, value } of query) target.searchParams.append(name, value);
  return target.toString();
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

function resolve(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    throw new StepError({ kind: "invalid_response", ...stepMessage("http.bad_redirect") });
  }
}

/** Origin and path: a redirect's query could carry anything. */
function safeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** Credentials stay with the origin the person chose: another origin gets none (as browsers and curl do). */
function withoutCredentials(headers: Record<string, string>, auth: RequestAuth): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === "authorization" || name === "cookie" || name === "proxy-authorization" || name in auth.headers) continue;
    kept[name] = value;
  }
  return kept;
}
