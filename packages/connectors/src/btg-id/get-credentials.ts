import { defineOperation } from "../sdk/define.js";
import { StepError } from "../sdk/errors.js";
import { parseConnection } from "./connection.js";
import { getCredentialsFields, getCredentialsParameters, type AuthorizationDetailEntry, type GetCredentialsParameters } from "./parameters.js";
import { requestToken } from "./token-request.js";

export const getCredentials = defineOperation({
  key: "get-credentials",
  name: "Obter Credenciais",
  description: "Obtém um access token (JWT) do BTG-ID com os Authorization Details informados.",
  fields: getCredentialsFields,
  parameters: getCredentialsParameters,
  async run(ctx) {
    const connection = parseConnection(ctx.connection);
    const token = await requestToken({
      connection,
      form: tokenRequestForm(ctx.parameters),
      timeoutMs: ctx.parameters.timeoutMs,
      http: ctx.http,
      signal: ctx.signal,
      recordHttp: (summary) => ctx.recordHttp(summary),
    });
    return { code: token.status, headers: token.headers, body: token.body };
  },
});

/** The token request's form fields; only what the chosen grant uses is sent. */
export function tokenRequestForm(params: GetCredentialsParameters): Record<string, string> {
  const form: Record<string, string> = { grant_type: params.grantType };
  if (params.grantType === "authorization_code") {
    form["code"] = present(params.code, "code", "o Código de autorização");
    form["redirect_uri"] = present(params.redirectUri, "redirectUri", "a Redirect URI");
  }
  if (params.grantType === "refresh_token") {
    form["refresh_token"] = present(params.refreshToken, "refreshToken", "o Refresh Token");
  }
  form["authorization_details"] = JSON.stringify(params.authorizationDetails.map(toAuthorizationDetail));
  if (params.scope) form["scope"] = params.scope;
  return form;
}

/** An RFC 9396 entry with the fields that are not set left out (not sent as "" or []). */
export function toAuthorizationDetail(entry: AuthorizationDetailEntry): Record<string, string | string[]> {
  const detail: Record<string, string | string[]> = { type: entry.type };
  if (entry.resource) detail["resource"] = entry.resource;
  if (entry.locations?.length) detail["locations"] = entry.locations;
  if (entry.privileges?.length) detail["privileges"] = entry.privileges;
  return detail;
}

// The parameters schema already requires these for their grant; this covers a caller that skipped it.
function present(value: string | undefined, path: string, labelWithArticle: string): string {
  if (value) return value;
  const message = `Informe ${labelWithArticle} para o Grant Type escolhido.`;
  throw new StepError({ kind: "invalid_parameters", message, fields: [{ path, message }] });
}
