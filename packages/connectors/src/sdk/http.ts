import { fetch as undiciFetch } from "undici";
import { HttpClientError } from "./errors.js";
import { createOutboundDispatcher } from "./outbound-dispatcher.js";
import { compileOutboundPolicy, OutboundRefusedError, type OutboundGuard, type OutboundPolicy, type OutboundRefusal } from "./outbound-policy.js";
import type { HttpClient, HttpRequest, HttpResponse } from "./types.js";

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

interface BaseOptions {
  /** Reading a larger body fails with `HttpClientError` kind `invalid_response`. */
  maxResponseBytes?: number;
}

/**
 * Without `policy` the client calls anything (tests, trusted callers). With it, every call
 * goes through `policy` at connect time; a custom `fetch` could bypass that, so the two
 * don't mix.
 */
export type HttpClientOptions =
  | (BaseOptions & {
      /** Defaults to the global `fetch`; injectable so the client can wrap an instrumented one. */
      fetch?: typeof globalThis.fetch;
      policy?: undefined;
    })
  | (BaseOptions & { policy: OutboundPolicy; fetch?: undefined });

/** What the client reads of a fetch response; both Node's global fetch and undici's satisfy it. */
interface FetchedResponse {
  status: number;
  headers: { get(name: string): string | null; forEach(callback: (value: string, name: string) => void): void };
  body: ReadableStream<Uint8Array> | null;
}

type Send = (url: string, init: { method: string; headers?: Record<string, string>; body?: string; redirect: "manual"; signal: AbortSignal }) => Promise<FetchedResponse>;

/**
 * The HTTP client the server hands to the engine. Redirects come back as responses
 * (a token request must not silently follow one to another host with its credentials).
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  if (options.policy && options.fetch) throw new TypeError("createHttpClient: policy and fetch can't be combined (a custom fetch could bypass the policy)");
  const guard = options.policy ? compileOutboundPolicy(options.policy) : undefined;
  const send: Send = guard ? guardedSend(guard) : (options.fetch ?? globalThis.fetch.bind(globalThis));
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;

  return async (request: HttpRequest): Promise<HttpResponse> => {
    const origin = originOf(request.url);
    const timeoutSignal = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeoutSignal]) : timeoutSignal;
    const startedAt = performance.now();
    const elapsedMs = () => Math.round(performance.now() - startedAt);

    try {
      const response = await send(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: "manual",
        signal,
      });
      const bodyText = await readBodyText(response, maxResponseBytes, origin);
      return { status: response.status, headers: headersToRecord(response.headers), bodyText, durationMs: elapsedMs() };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (error instanceof HttpClientError) throw error;
      const refused = refusalIn(error);
      if (refused) throw refusedError(origin, refused, elapsedMs(), error);
      if (timeoutSignal.aborted) {
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
    }
  };
}

function guardedSend(guard: OutboundGuard): Send {
  const dispatcher = createOutboundDispatcher(guard);
  return (url, init) => undiciFetch(url, { ...init, dispatcher });
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

/** fetch wraps what the connector failed with: `TypeError("fetch failed", { cause })`. */
function refusalIn(error: unknown, depth = 0): OutboundRefusal | undefined {
  if (depth > 5 || typeof error !== "object" || error === null) return undefined;
  if (error instanceof OutboundRefusedError) return error.refusal;
  return refusalIn((error as { cause?: unknown }).cause, depth + 1);
}

function headersToRecord(headers: FetchedResponse["headers"]): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}

async function readBodyText(response: FetchedResponse, maxBytes: number, origin: string): Promise<string> {
  const tooLarge = () =>
    new HttpClientError("invalid_response", `A resposta de ${origin} passou do limite de ${maxBytes} bytes.`);

  const declaredLength = Number(response.headers.get("content-length"));
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return "";

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Node's fetch wraps the socket error: `TypeError("fetch failed", { cause })`, where the
 * cause (or, for multi-address hosts, one of an AggregateError's errors) carries the
 * system code. A peer closing mid-exchange surfaces as undici's `UND_ERR_SOCKET`.
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
