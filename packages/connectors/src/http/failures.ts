import { ref, stepMessage, type StepErrorInfo, type StepMessageCode, type StepMessageRef } from "@fluxo/contracts";
import { HttpClientError } from "../sdk/errors.js";
import type { HttpResponse } from "../sdk/types.js";
import { bodySnippet, errorCodeOf, errorDescriptionOf } from "./response.js";

/**
 * How a request failed, told to a person with what to do (texts: contracts' step-messages/http.ts);
 * `service` names who answered (`http.service.server`, `http.service.btg_api`).
 */

export function statusFailure(response: HttpResponse, service: StepMessageRef, scrub: (text: string) => string): StepErrorInfo {
  const { status } = response;
  // The service's own words when its error body has them, else the body itself (short).
  const described = errorDescriptionOf(response);
  const said = scrub(described ?? bodySnippet(response));
  const code = errorCodeOf(response);
  return {
    kind: "http_error",
    status,
    ...(code ? { code: scrub(code) } : {}),
    ...(said ? { description: said } : {}),
    ...stepMessage("http.status", { service, status, codeSuffix: code ? ` (${scrub(code)})` : "", said: said ? `: ${said}` : "", advice: adviceForStatus(status, response.headers["www-authenticate"]) }),
  };
}

const ADVICE_BY_STATUS: Record<number, StepMessageCode> = {
  401: "http.advice.unauthorized",
  404: "http.advice.not_found",
  405: "http.advice.method",
  409: "http.advice.conflict",
  413: "http.advice.too_large",
  415: "http.advice.media_type",
  429: "http.advice.rate_limited",
};

function adviceForStatus(status: number, wwwAuthenticate: string | undefined): StepMessageRef {
  if (status === 403) return ref(wwwAuthenticate?.includes("insufficient_scope") ? "http.advice.insufficient_scope" : "http.advice.forbidden");
  const advice = ADVICE_BY_STATUS[status];
  if (advice) return ref(advice);
  return ref(status >= 500 ? "http.advice.service_trouble" : "http.advice.check_parameters");
}

export function transportFailure(error: HttpClientError, url: string, service: StepMessageRef): StepErrorInfo {
  const { host } = new URL(url);
  switch (error.kind) {
    case "timeout":
      return { kind: "timeout", ...stepMessage("http.timeout", { service, host, limit: error.timeoutMs ?? 0, advice: ref("http.advice.timeout") }) };
    case "refused":
      return { kind: "refused", ...(error.code ? { code: error.code } : {}), ...stepMessage("http.refused", { host, reason: error.refusal?.text ?? ref("outbound.not_allowed"), advice: ref("http.advice.outbound_refused") }) };
    case "invalid_response":
      return {
        kind: "invalid_response",
        code: error.code ?? "invalid_response",
        ...(error.limitBytes ? stepMessage("http.response_too_large", { host, limit: formatBytes(error.limitBytes), advice: ref("http.advice.ask_less") }) : stepMessage("http.unreadable", { host })),
      };
    case "network": {
      const code = error.code;
      return { kind: "network", ...(code ? { code } : {}), ...stepMessage("http.network", { reason: networkReason(code, host), codeSuffix: code ? ` (${code})` : "", advice: ref("http.advice.service_down") }) };
    }
  }
}

function networkReason(code: string | undefined, host: string): StepMessageRef {
  switch (code) {
    case "ECONNREFUSED":
      return ref("http.network.refused", { host });
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return ref("network.not_found", { host });
    case "ECONNRESET":
      return ref("http.network.reset", { host });
    default:
      return ref("http.network.unreachable", { host });
  }
}

/** Failures where the request can't have reached the service, so trying again is always safe. */
export function neverSent(error: HttpClientError): boolean {
  return error.kind === "refused" || (error.kind === "network" && ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"].includes(error.code ?? ""));
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} kB`;
  return `${bytes} bytes`;
}
