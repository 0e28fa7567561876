import { fieldText, ref } from "@fluxo/contracts";
import { z } from "zod";
import { defineOperation } from "../sdk/define.js";
import { isCredentialHeader, REDACTED } from "../sdk/redact.js";
import { requestAuth } from "./connection.js";
import { sendWithPagination } from "./pagination.js";
import { requestFields, requestShape } from "./request-fields.js";

const URL_PROBLEM = fieldText("http.field.url");

const urlSchema = z
  .unknown()
  .transform((value) => (typeof value === "string" ? value.trim() : value))
  .pipe(z.string({ error: URL_PROBLEM }).min(1, URL_PROBLEM))
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return ctx.addIssue({ code: "custom", message: fieldText("http.field.not_a_url", { value: value.slice(0, 100) }) });
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: fieldText("http.field.url_protocol", { protocol: url.protocol }) });
    else if (url.username || url.password) ctx.addIssue({ code: "custom", message: fieldText("http.field.url_credentials") });
  });

export const requestParameters = z.object({ url: urlSchema, ...requestShape });

export const httpRequest = defineOperation({
  key: "request",
  name: "Requisição HTTP",
  description: "Chama qualquer API HTTP: método, URL, parâmetros, cabeçalhos e corpo, com a autenticação da conexão (opcional).",
  fields: requestFields({
    key: "url",
    label: "URL",
    type: "url",
    required: true,
    expression: true,
    templateFormat: "url",
    placeholder: "https://api.exemplo.com/clientes/{{ .input.body.id }}",
    help: "Endereço completo, com http:// ou https://. Aceita expressões: no caminho e na consulta, o valor de cada uma vai codificado (/, ?, # e espaços viram %2F, %3F, %23, %20); para inserir um caminho com barras, termine a expressão com | urlPath.",
    schema: urlSchema,
  }),
  parameters: requestParameters,
  redactInput: redactCredentialHeaders,
  async run(ctx) {
    const auth = requestAuth(ctx.connection);
    return sendWithPagination(ctx, ctx.parameters, { auth, service: ref("http.service.server") });
  },
});

/** The stored input keeps a typed Authorization (or API key) header's name, not its value. */
export function redactCredentialHeaders(input: Record<string, unknown>): Record<string, unknown> {
  const headers = input["headers"];
  if (!Array.isArray(headers)) return input;
  return {
    ...input,
    headers: headers.map((entry: unknown) => {
      if (typeof entry !== "object" || entry === null) return entry;
      const { name } = entry as { name?: unknown };
      return typeof name === "string" && isCredentialHeader(name.trim()) ? { ...entry, value: REDACTED } : entry;
    }),
  };
}
