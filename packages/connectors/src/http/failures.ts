import type { StepErrorInfo } from "@fluxo/contracts";
import { HttpClientError } from "../sdk/errors.js";
import type { HttpResponse } from "../sdk/types.js";
import { bodySnippet, errorCodeOf, errorDescriptionOf } from "./response.js";

/** How a request failed, told to a person (pt-BR) with what to do; `service` names who answered ("O servidor", "A API do BTG"). */

export function statusFailure(response: HttpResponse, service: string, scrub: (text: string) => string): StepErrorInfo {
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
    message: `${service} respondeu ${status}${code ? ` (${scrub(code)})` : ""}${said ? `: ${said}` : ""}. ${adviceForStatus(status, response.headers["www-authenticate"])}`,
  };
}

function adviceForStatus(status: number, wwwAuthenticate: string | undefined): string {
  if (status === 401) return "A credencial foi recusada: confira a autenticação da conexão (ou o token do passo anterior).";
  if (status === 403) {
    return wwwAuthenticate?.includes("insufficient_scope")
      ? "O token não dá acesso a este recurso: peça-o com o escopo ou os Authorization Details que cobrem este caminho."
      : "A credencial não dá acesso a este recurso.";
  }
  if (status === 404) return "Confira a URL (ou o caminho) e os identificadores nela.";
  if (status === 405) return "Confira o Método.";
  if (status === 409) return "O pedido conflita com o estado do recurso (por exemplo, a mesma chave de idempotência com outro corpo).";
  if (status === 413) return "O corpo enviado é grande demais para o serviço.";
  if (status === 415) return "Confira o Tipo do corpo.";
  if (status === 429) return "O serviço limitou os pedidos: aguarde e tente de novo.";
  if (status >= 500) return "O serviço está com problemas: tente de novo em alguns minutos.";
  return "Confira os parâmetros do passo.";
}

export function transportFailure(error: HttpClientError, url: string, service: string): StepErrorInfo {
  const { host } = new URL(url);
  switch (error.kind) {
    case "timeout":
      return { kind: "timeout", message: `${service} (${host}) não respondeu em ${error.timeoutMs} ms. Tente de novo ou aumente o Tempo limite (ms) em Avançado.` };
    case "refused":
      return {
        kind: "refused",
        ...(error.code ? { code: error.code } : {}),
        message: `O Fluxo não chama ${host}: ${error.refusal?.reason ?? "o endereço não é permitido"}. Use um endereço público, ou peça ao administrador que o libere (FLUXO_OUTBOUND_ALLOWLIST).`,
      };
    case "invalid_response":
      return {
        kind: "invalid_response",
        code: error.code ?? "invalid_response",
        message: error.limitBytes
          ? `A resposta de ${host} passou do limite de ${formatBytes(error.limitBytes)} e não foi lida (FLUXO_HTTP_RESPONSE_LIMIT). Peça menos dados (filtros, paginação) ou aumente o limite.`
          : `A resposta de ${host} não pôde ser lida.`,
      };
    case "network": {
      const code = error.code;
      return { kind: "network", ...(code ? { code } : {}), message: `${networkReason(code, host)}${code ? ` (${code})` : ""}. Confira a URL e se o serviço está no ar; depois tente de novo.` };
    }
  }
}

function networkReason(code: string | undefined, host: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return `${host} recusou a conexão`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `O endereço ${host} não foi encontrado`;
    case "ECONNRESET":
      return `A conexão com ${host} caiu antes da resposta`;
    default:
      return `Não foi possível falar com ${host}`;
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
