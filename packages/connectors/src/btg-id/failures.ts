import { ref, stepMessage, type StepErrorInfo, type StepMessageCode, type StepMessageRef } from "@fluxo/contracts";
import { HttpClientError } from "../sdk/errors.js";

/** What the person is told for each way a token request fails, saying what to do (texts: contracts' step-messages/btg-id.ts). */

const MAX_DESCRIPTION_LENGTH = 500;

export interface OAuthErrorBody {
  error: string;
  error_description?: string;
}

export function oauthErrorFailure(status: number, body: OAuthErrorBody): StepErrorInfo {
  const code = body.error;
  const description = body.error_description?.slice(0, MAX_DESCRIPTION_LENGTH);
  return {
    kind: "http_error",
    status,
    code,
    ...(description ? { description } : {}),
    ...stepMessage(status >= 500 ? "btg_id.token_unavailable" : "btg_id.token_refused", { status, code, said: description ? `: ${description}` : "", advice: adviceFor(status, code) }),
  };
}

const ADVICE_BY_CODE: Record<string, StepMessageCode> = {
  invalid_client: "btg_id.advice.check_credentials",
  unauthorized_client: "btg_id.advice.unauthorized_client",
  unsupported_grant_type: "btg_id.advice.unsupported_grant_type",
  invalid_grant: "btg_id.advice.invalid_grant",
  invalid_authorization_details: "btg_id.advice.invalid_authorization_details",
  invalid_scope: "btg_id.advice.invalid_scope",
  invalid_request: "btg_id.advice.invalid_request",
  temporarily_unavailable: "btg_id.advice.service_trouble",
  server_error: "btg_id.advice.service_trouble",
};

function adviceFor(status: number, code: string): StepMessageRef {
  const advice = Object.hasOwn(ADVICE_BY_CODE, code) ? ADVICE_BY_CODE[code] : undefined;
  return advice ? ref(advice) : adviceForStatus(status);
}

function adviceForStatus(status: number): StepMessageRef {
  if (status === 401 || status === 403) return ref("btg_id.advice.check_credentials");
  if (status === 404) return ref("btg_id.advice.check_url");
  if (status === 429) return ref("btg_id.advice.rate_limited");
  if (status >= 500) return ref("btg_id.advice.service_trouble");
  return ref("btg_id.advice.check_connection");
}

/** A non-2xx answer that is not an RFC 6749 error object (empty, or JSON without `error`). */
export function statusFailure(status: number, location: string | undefined): StepErrorInfo {
  if (status >= 300 && status < 400) {
    return { kind: "http_error", status, ...stepMessage("btg_id.redirect", { status, target: location ? ref("btg_id.redirect_target", { location }) : "" }) };
  }
  return { kind: "http_error", status, ...stepMessage("btg_id.status", { status, advice: adviceForStatus(status) }) };
}

export function notJsonFailure(status: number, contentType: string | undefined): StepErrorInfo {
  return { kind: "invalid_response", status, ...stepMessage("btg_id.not_json", { status, type: contentType ? ` (${contentType.split(";")[0]})` : "" }) };
}

export function missingTokenFailure(status: number): StepErrorInfo {
  return { kind: "invalid_response", status, ...stepMessage("btg_id.no_access_token", { status }) };
}

export function transportFailure(error: HttpClientError, tokenUrl: string): StepErrorInfo {
  const { host } = new URL(tokenUrl);
  if (error.kind === "timeout") return { kind: "timeout", ...stepMessage("btg_id.timeout", { host, limit: error.timeoutMs ?? 0, advice: ref("btg_id.advice.timeout") }) };
  if (error.kind === "refused") {
    // The reason names the host, the address and the rule; it is the client's, never the server's words.
    return { kind: "refused", ...(error.code ? { code: error.code } : {}), ...stepMessage("btg_id.refused", { host, reason: error.refusal?.text ?? ref("outbound.not_allowed"), advice: ref("btg_id.advice.check_url") }) };
  }
  if (error.kind === "invalid_response") return { kind: "invalid_response", ...stepMessage("btg_id.response_too_large", { host, advice: ref("btg_id.advice.check_url") }) };
  const code = error.code;
  return { kind: "network", ...(code ? { code } : {}), ...stepMessage("btg_id.network", { reason: networkReason(code, host), codeSuffix: code ? ` (${code})` : "", advice: ref("btg_id.advice.service_down") }) };
}

function networkReason(code: string | undefined, host: string): StepMessageRef {
  switch (code) {
    case "ECONNREFUSED":
      return ref("btg_id.network.refused", { host });
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return ref("network.not_found", { host });
    case "ECONNRESET":
      return ref("btg_id.network.reset", { host });
    default:
      return ref("btg_id.network.unreachable", { host });
  }
}
