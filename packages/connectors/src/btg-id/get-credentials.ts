import { ref, stepMessage, type StepMessageCode } from "@fluxo/contracts";
import type { StepResult } from "@fluxo/contracts";
import { defineOperation } from "../sdk/define.js";
import { StepError } from "../sdk/errors.js";
import type { CacheableResult } from "../sdk/result-cache.js";
import type { OperationContext } from "../sdk/types.js";
import { parseConnection, tokenEndpoint, type BtgIdConnection } from "./connection.js";
import { grantedToken, grantedTokenResult, usesConsent } from "./granted-token.js";
import { getCredentialsFields, getCredentialsParameters, type AuthorizationDetailEntry, type GetCredentialsParameters } from "./parameters.js";
import { tokenLifetimeSeconds } from "./test-connection.js";
import { requestToken } from "./token-request.js";

/** A reused token is renewed this long before it expires: 10 % of its life, at most 5 minutes. */
export function reuseMargin(lifetimeSeconds: number): number {
  return Math.min(300, lifetimeSeconds * 0.1);
}

export const getCredentials = defineOperation({
  key: "get-credentials",
  name: "Obter Credenciais",
  description: "Obtém um access token (JWT) do BTG-ID com os Authorization Details informados; com uma conexão Authorization Code, entrega o token atual da conta conectada.",
  fields: getCredentialsFields,
  parameters: getCredentialsParameters,
  async run(ctx) {
    const connection = parseConnection(ctx.connection);
    // A consented connection hands out its current token: the step's grant fields don't apply.
    if (usesConsent(connection)) return grantedTokenResult(await grantedToken(ctx, connection));
    return obtainToken(ctx, connection, ctx.parameters);
  },
});

type TokenContext = Pick<OperationContext<unknown>, "http" | "signal" | "recordHttp" | "cache">;
type TokenParameters = Omit<GetCredentialsParameters, "timeoutMs"> & { timeoutMs: number };

/**
 * The token for these parameters: reused while still valid when `reuseToken` (single-flight:
 * concurrent executions wait for one request), else asked of the BTG-ID. `fresh` drops a
 * reused one first (the API refused it).
 */
export async function obtainToken(ctx: TokenContext, connection: BtgIdConnection & { id: string }, params: TokenParameters, options: { fresh?: boolean; label?: string } = {}): Promise<StepResult> {
  const form = tokenRequestForm(params);
  const obtain = async (): Promise<CacheableResult> => {
    const issuedAt = Date.now();
    const token = await requestToken({
      connection,
      form,
      timeoutMs: params.timeoutMs,
      http: ctx.http,
      signal: ctx.signal,
      recordHttp: (summary) => ctx.recordHttp(options.label ? { ...summary, label: options.label } : summary),
    });
    const result: StepResult = { code: token.status, headers: token.headers, body: token.body };
    // Without a known lifetime the token is used once and not kept.
    const lifetime = tokenLifetimeSeconds(token.body, issuedAt) ?? 0;
    const expiresAt = new Date(issuedAt + lifetime * 1000);
    return { result, expiresAt, reusableUntil: new Date(expiresAt.getTime() - reuseMargin(lifetime) * 1000) };
  };
  if (!params.reuseToken || !ctx.cache) return (await obtain()).result;

  // The same client (secret included: an edited connection must not reuse an old token),
  // endpoint and request form. The cache hashes these parts; they are never stored as is.
  const keyParts = ["btg-id/token", connection.id, connection.clientId, connection.clientSecret, tokenEndpoint(connection.environmentUrl), form];
  if (options.fresh) await ctx.cache.invalidate(keyParts);
  const cached = await ctx.cache.getOrLoad(keyParts, obtain);
  return {
    ...cached.result,
    cache: { hit: cached.hit, storedAt: cached.storedAt.toISOString(), reusableUntil: cached.reusableUntil.toISOString(), expiresAt: cached.expiresAt.toISOString() },
  };
}

/** The token request's form fields; only what the chosen grant uses is sent. */
export function tokenRequestForm(params: Omit<GetCredentialsParameters, "reuseToken" | "timeoutMs">): Record<string, string> {
  const form: Record<string, string> = { grant_type: params.grantType };
  if (params.grantType === "authorization_code") {
    form["code"] = present(params.code, "code", "btg_id.label.authorization_code");
    form["redirect_uri"] = present(params.redirectUri, "redirectUri", "btg_id.label.redirect_uri");
  }
  if (params.grantType === "refresh_token") {
    form["refresh_token"] = present(params.refreshToken, "refreshToken", "btg_id.label.refresh_token");
  }
  if (params.authorizationDetails.length > 0) form["authorization_details"] = JSON.stringify(params.authorizationDetails.map(toAuthorizationDetail));
  if (params.scope) form["scope"] = params.scope;
  return form;
}

/** An RFC 9396 entry with the fields that are not set left out (not sent as "" or []). */
export function toAuthorizationDetail(entry: AuthorizationDetailEntry): Record<string, string | string[]> {
  const detail: Record<string, string | string[]> = { type: entry.type };
  if (entry.resource) detail["resource"] = entry.resource;
  if (entry.locations?.length) detail["locations"] = entry.locations;
  if (entry.privileges?.length) detail["privileges"] = entry.privileges;
  if (entry.actions?.length) detail["actions"] = entry.actions;
  if (entry.datatypes?.length) detail["datatypes"] = entry.datatypes;
  if (entry.identifier) detail["identifier"] = entry.identifier;
  return detail;
}

// The parameters schema already requires these for their grant; this covers a caller that skipped it.
function present(value: string | undefined, path: string, label: StepMessageCode): string {
  if (value) return value;
  const text = stepMessage("btg_id.grant_value_missing", { label: ref(label) });
  throw new StepError({ kind: "invalid_parameters", ...text, fields: [{ path, message: text.message }] });
}
