import type { StepErrorInfo } from "@fluxo/contracts";
import { HttpClientError } from "../sdk/errors.js";

/** What the person is told for each way a token request fails (pt-BR, saying what to do). */

const CHECK_CREDENTIALS = "Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.";
const CHECK_URL = "Confira a URL do ambiente na conexão.";
const MAX_DESCRIPTION_LENGTH = 500;

export interface OAuthErrorBody {
  error: string;
  error_description?: string;
}

export function oauthErrorFailure(status: number, body: OAuthErrorBody): StepErrorInfo {
  const code = body.error;
  const description = body.error_description?.slice(0, MAX_DESCRIPTION_LENGTH);
  const said = description ? `: ${description}` : "";
  const advice = adviceFor(status, code);
  return {
    kind: "http_error",
    status,
    code,
    ...(description ? { description } : {}),
    message: `${status >= 500 ? "O BTG-ID não conseguiu atender" : "O BTG-ID recusou"} o pedido de token (${status} ${code})${said}. ${advice}`,
  };
}

function adviceFor(status: number, code: string): string {
  switch (code) {
    case "invalid_client":
      return CHECK_CREDENTIALS;
    case "unauthorized_client":
      return "Este cliente não pode usar o Grant Type escolhido: escolha outro ou peça a liberação ao BTG.";
    case "unsupported_grant_type":
      return "O servidor não aceita este Grant Type: escolha client_credentials ou outro que o BTG tenha liberado para o cliente.";
    case "invalid_grant":
      return "O Código de autorização ou o Refresh Token é inválido, expirou ou já foi usado: obtenha um novo.";
    case "invalid_authorization_details":
      return "Confira Type, Resource, Locations e Privileges de cada item de Authorization Details.";
    case "invalid_scope":
      return "Confira o Scope em Avançado, ou deixe-o vazio.";
    case "invalid_request":
      return "Confira os parâmetros do passo.";
    case "temporarily_unavailable":
    case "server_error":
      return "O serviço está com problemas: tente de novo em alguns minutos.";
    default:
      return adviceForStatus(status);
  }
}

function adviceForStatus(status: number): string {
  if (status === 401 || status === 403) return CHECK_CREDENTIALS;
  if (status === 404) return CHECK_URL;
  if (status === 429) return "O BTG limita os pedidos de token por hora: aguarde e tente de novo, reaproveitando o token enquanto ele for válido.";
  if (status >= 500) return "O serviço está com problemas: tente de novo em alguns minutos.";
  return "Confira a conexão e os parâmetros do passo.";
}

/** A non-2xx answer that is not an RFC 6749 error object (empty, or JSON without `error`). */
export function statusFailure(status: number, location: string | undefined): StepErrorInfo {
  if (status >= 300 && status < 400) {
    const target = location ? ` para ${location}` : "";
    return {
      kind: "http_error",
      status,
      message: `O BTG-ID respondeu com um redirecionamento (${status})${target}, que não é seguido para não enviar as credenciais a outro endereço. ${CHECK_URL}`,
    };
  }
  return { kind: "http_error", status, message: `O BTG-ID respondeu ${status}. ${adviceForStatus(status)}` };
}

export function notJsonFailure(status: number, contentType: string | undefined): StepErrorInfo {
  const type = contentType ? ` (${contentType.split(";")[0]})` : "";
  return {
    kind: "invalid_response",
    status,
    message: `O BTG-ID respondeu ${status} com um conteúdo que não é JSON${type}. ${CHECK_URL} Se ela estiver certa, o serviço pode estar fora do ar: tente de novo em alguns minutos.`,
  };
}

export function missingTokenFailure(status: number): StepErrorInfo {
  return {
    kind: "invalid_response",
    status,
    message: `O BTG-ID respondeu ${status} sem um access_token. ${CHECK_URL}`,
  };
}

export function transportFailure(error: HttpClientError, tokenUrl: string): StepErrorInfo {
  const { host } = new URL(tokenUrl);
  if (error.kind === "timeout") {
    const limit = error.timeoutMs;
    return {
      kind: "timeout",
      message: `O BTG-ID (${host}) não respondeu em ${limit} ms. Tente de novo; se continuar, confira a URL do ambiente ou aumente o Tempo limite (ms) do passo.`,
    };
  }
  if (error.kind === "refused") {
    // The reason names the host, the address and the rule; it is the client's, never the server's words.
    const reason = error.refusal?.reason ?? "o endereço não é permitido";
    return {
      kind: "refused",
      ...(error.code ? { code: error.code } : {}),
      message: `O Fluxo não chama a URL do ambiente ${host}: ${reason}. Confira a URL do ambiente na conexão.`,
    };
  }
  if (error.kind === "invalid_response") {
    return { kind: "invalid_response", message: `A resposta do BTG-ID (${host}) é grande demais para ser um token. ${CHECK_URL}` };
  }
  const code = error.code;
  const reason = networkReason(code, host);
  return {
    kind: "network",
    ...(code ? { code } : {}),
    message: `${reason}${code ? ` (${code})` : ""}. Confira a URL do ambiente na conexão e se o serviço está no ar; depois tente de novo.`,
  };
}

function networkReason(code: string | undefined, host: string): string {
  switch (code) {
    case "ECONNREFUSED":
      return `O BTG-ID em ${host} recusou a conexão`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `O endereço ${host} não foi encontrado`;
    case "ECONNRESET":
      return `A conexão com o BTG-ID em ${host} caiu antes da resposta`;
    default:
      return `Não foi possível falar com o BTG-ID em ${host}`;
  }
}
