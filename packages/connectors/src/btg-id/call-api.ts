import { fieldText, ref, type StepResult } from "@fluxo/contracts";
import { z } from "zod";
import { sendWithPagination } from "../http/pagination.js";
import { redactCredentialHeaders } from "../http/request-operation.js";
import { requestFields, requestShape } from "../http/request-fields.js";
import { defineOperation } from "../sdk/define.js";
import { StepError } from "../sdk/errors.js";
import type { FieldDefinition } from "../sdk/types.js";
import { apiBaseUrl, parseConnection } from "./connection.js";
import { obtainToken } from "./get-credentials.js";
import { grantedToken, usesConsent } from "./granted-token.js";
import { checkGrantFields, getCredentialsFields, tokenShape } from "./parameters.js";

const PATH_PROBLEM = fieldText("btg_id.field.path");

const pathSchema = z
  .unknown()
  .transform((value) => (typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : value))
  .pipe(z.string({ error: PATH_PROBLEM }).min(1, PATH_PROBLEM))
  .superRefine((path, ctx) => {
    // The token must only go to the connection's API: no other host, no way out of it.
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith("//")) ctx.addIssue({ code: "custom", message: fieldText("btg_id.field.path_with_address") });
    else if (!path.startsWith("/")) ctx.addIssue({ code: "custom", message: PATH_PROBLEM });
    // "." and ".." segments, also percent-encoded (%2e) or after a backslash, which URL parsers read as "/".
    else if (/(^|[/\\])(\.|%2e){1,2}([/\\]|$)/i.test(path.split("?")[0]!)) ctx.addIssue({ code: "custom", message: fieldText("btg_id.field.path_dots") });
    else if (/[\s#]/.test(path)) ctx.addIssue({ code: "custom", message: fieldText("btg_id.field.path_spaces") });
  });

export const callApiParameters = z
  .object({ path: pathSchema, ...tokenShape, ...requestShape })
  .superRefine(checkGrantFields);

const pathField: FieldDefinition = {
  key: "path",
  label: "Caminho",
  type: "text",
  required: true,
  expression: true,
  templateFormat: "url-path",
  placeholder: "/12345678/banking/accounts/001/balance",
  help: "Caminho sob a URL da API da conexão, como na documentação do BTG (a empresa primeiro). O mesmo caminho vale na sandbox local e no BTG.",
  schema: pathSchema,
};

/** The token fields of Obter Credenciais, under "Token"; Authorization Details optional (a Scope may be enough). */
const tokenFields: FieldDefinition[] = getCredentialsFields
  .filter((field) => field.key !== "timeoutMs")
  .map((field) => {
    if (field.key === "authorizationDetails") return { ...field, default: [], help: "O que o token deve permitir (RFC 9396), se o BTG pedir Authorization Details para esta API; ou use o Scope." };
    if (field.key === "scope") return { ...field, advanced: false, placeholder: "empresas.btgpactual.com/accounts.readonly", help: "Escopos OAuth do BTG separados por espaço (ex.: empresas.btgpactual.com/accounts.readonly)." };
    return field;
  });

export const callApi = defineOperation({
  key: "call-api",
  name: "Chamar API",
  description: "Chama uma API do BTG com um token do BTG-ID, obtido ou reutilizado pelo próprio passo.",
  fields: [...requestFields(pathField), ...tokenFields],
  parameters: callApiParameters,
  redactInput: redactCredentialHeaders,
  async run(ctx) {
    const connection = parseConnection(ctx.connection);
    const params = ctx.parameters;
    const base = apiBaseUrl(connection);
    const url = `${base}${params.path}`;
    const sendWith = (accessToken: string) => {
      const auth = { headers: { authorization: `Bearer ${accessToken}` }, query: [], secrets: [accessToken] };
      return sendWithPagination(ctx, { ...params, url }, { auth, service: ref("http.service.btg_api") }, "API");
    };
    if (usesConsent(connection)) {
      const granted = await grantedToken(ctx, connection);
      try {
        return await sendWith(granted.accessToken);
      } catch (error) {
        // The API refused the account's token (revoked, expired early): one refresh, one more try.
        if (!(error instanceof StepError) || error.info.status !== 401) throw error;
        return sendWith((await grantedToken(ctx, connection, granted.accessToken)).accessToken);
      }
    }
    const send = (token: StepResult) => sendWith((token.body as { access_token: string }).access_token);
    const token = await obtainToken(ctx, connection, params, { label: "Token" });
    try {
      return await send(token);
    } catch (error) {
      // A reused token the API refuses (revoked, keys rotated): one fresh token, one more try.
      if (!(error instanceof StepError) || error.info.status !== 401 || token.cache?.hit !== true) throw error;
      return send(await obtainToken(ctx, connection, params, { fresh: true, label: "Token (novo)" }));
    }
  },
});
