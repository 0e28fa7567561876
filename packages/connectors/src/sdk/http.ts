import { getGlobalDispatcher, request as undiciRequest, type Dispatcher } from "undici";
import { HttpClientError } from "./errors.js";
import { createOutboundDispatcher } from "./outbound-dispatcher.js";
import { compileOutboundPolicy, OutboundRefusedError, type OutboundPolicy, type OutboundRefusal } from "./outbound-policy.js";
import type { HttpClient, HttpRequest, HttpResponse } from "./types.js";

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpClientOptions {
  /** Every call goes through the policy at connect time; without one the client calls anything (tests, trusted callers). */
  policy?: OutboundPolicy;
  /** Reading a larger body fails with `HttpClientError` kind `invalid_response`. */
  maxResponseBytes?: number;
}

/** Why the client aborted a request itself. */
const TIMED_OUT = Symbol("timed out");

/**
 * The HTTP client the server hands to the engine. Redirects come back as responses
 * (a token request must not silently follow one to another host with its credentials).
 * It uses undici's `request`, not `fetch`: no WHATWG Request/Response/stream objects on a
 * path every execution takes.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const dispatcher: Dispatcher = options.policy ? createOutboundDispatcher(compileOutboundPolicy(options.policy)) : getGlobalDispatcher();
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const origin = originOf(request.url);
    if (request.signal?.aborted) throw request.signal.reason;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), request.timeoutMs);
    const forwardAbort = () => controller.abort(request.signal!.reason);
    request.signal?.addEventListener("abort", forwardAbort, { once: true });
    const startedAt = performance.now();
    const elapsedMs = () => Math.round(performance.now() - startedAt);

    try {
      const response = await undiciRequest(request.url, { dispatcher, method: request.method, headers: request.headers, body: request.body, signal: controller.signal });
      const bodyBytes = await readBody(response, maxResponseBytes, origin);
      return { status: response.statusCode, headers: headersToRecord(response.headers), bodyText: bodyBytes.toString("utf8"), bodyBytes, durationMs: elapsedMs() };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (error instanceof HttpClientError) throw error;
      const refused = refusalIn(error);
      if (refused) throw refusedError(origin, refused, elapsedMs(), error);
      if (controller.signal.reason === TIMED_OUT) {
        throw new HttpClientError("timeout", `${origin} não respondeu em ${request.timeoutMs} ms.`, {
          timeoutMs: request.timeoutMs,
          durationMs: elapsedMs(),
        });
      }
      const code = networkErrorCode(error);
      throw new HttpClientError(
        "network",
        `Falha de rede ao chamar ${origin}${code ? ` (${code})` : ""}.`,
        { code, durationMs: elapsedMs() },
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", forwardAbort);
    }
  };
}

/** Throws (a programming error, not a network one) when the URL is not absolute http(s). */
function originOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`HttpClient only speaks http(s), got ${parsed.protocol}`);
  }
  return parsed.origin;
}

function refusedError(origin: string, refusal: OutboundRefusal, durationMs: number, cause: unknown): HttpClientError {
  return new HttpClientError("refused", `Chamada a ${origin} recusada: ${refusal.reason}.`, { code: refusal.rule, refusal, durationMs }, { cause });
}

/** The guard's refusal, on the error or somewhere along its causes. */
function refusalIn(error: unknown, depth = 0): OutboundRefusal | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) return undefined;
  if (error instanceof OutboundRefusedError) return error.refusal;
  return refusalIn((error as { cause?: unknown }).cause, depth + 1);
}

function headersToRecord(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) record[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return record;
}

async function readBody(response: Dispatcher.ResponseData, maxBytes: number, origin: string): Promise<Buffer> {
  // Dropping the body makes undici emit an abort error on it: expected here, not an uncaught one.
  response.body.on("error", () => undefined);
  const tooLarge = () => {
    response.body.destroy();
    return new HttpClientError("invalid_response", `A resposta de ${origin} passou do limite de ${maxBytes} bytes.`, { code: "response_too_large", limitBytes: maxBytes });
  };
  const declaredLength = Number(response.headers["content-length"]);
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) throw tooLarge();

  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    received += chunk.byteLength;
    if (received > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, received);
}

/**
 * The system code of a failed connection: on the error or its cause (or, for multi-address
 * hosts, on one of an AggregateError's errors). A peer closing mid-exchange surfaces as
 * undici's `UND_ERR_SOCKET`.
 */
function networkErrorCode(error: unknown): string | undefined {
  const codes: string[] = [];
  collectCodes(error, codes, 0);
  const systemCode = codes.find((code) => /^E[A-Z]+$/.test(code));
  if (systemCode) return systemCode;
  if (codes.includes("UND_ERR_SOCKET")) return "ECONNRESET";
  return codes[0];
}

function collectCodes(error: unknown, codes: string[], depth: number): void {
  if (depth > 5 || typeof error !== "object" || error === null) return;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") codes.push(code);
  if (Array.isArray(errors)) for (const inner of errors) collectCodes(inner, codes, depth + 1);
  collectCodes(cause, codes, depth + 1);
}
