import { fieldText } from "@fluxo/contracts";
import { z } from "zod";
import type { FieldDefinition } from "../sdk/types.js";

/**
 * The schemas validate RESOLVED values (expressions already evaluated), as a form or an
 * expression may leave them: blank text and empty lists mean "not set", a number where
 * text is expected (e.g. an account id from the trigger body) is taken as its text.
 */

export const GRANT_TYPES = ["client_credentials", "authorization_code", "refresh_token"] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const DEFAULT_TIMEOUT_MS = 30_000;
const MIN_TIMEOUT_MS = 1_000;
const MAX_TIMEOUT_MS = 120_000;
const MAX_AUTHORIZATION_DETAILS = 20;

function toTrimmedText(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== "string") return text;
  const trimmed = text.trim();
  return trimmed === "" ? undefined : trimmed;
}

function requiredText(missing: string) {
  return z.preprocess(toTrimmedText, z.string({ error: missing }));
}

/** `notText`: what a value that isn't text is told (its label's, by default). */
function optionalText(label: string, notText = fieldText("btg_id.field.not_text", { label })) {
  return z.preprocess(toTrimmedText, z.string({ error: notText }).optional());
}

/** A list of texts; one text counts as a one-item list, blank items are dropped, an empty list is "not set". */
function optionalTextList(label: string) {
  const item = z.preprocess(toTrimmedText, z.string({ error: fieldText("btg_id.field.item_not_text", { label }) }).optional());
  return z
    .preprocess(
      (value) => (value === null || value === undefined || value === "" ? undefined : typeof value === "string" ? [value] : value),
      z.array(item, { error: fieldText("btg_id.field.not_a_list", { label }) }).optional(),
    )
    .transform((items) => {
      const present = (items ?? []).filter((text): text is string => text !== undefined);
      return present.length > 0 ? present : undefined;
    });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

const typeSchema = requiredText(fieldText("btg_id.field.type_missing"));
const resourceSchema = optionalText("Resource");
const locationsSchema = optionalTextList("Locations");
const privilegesSchema = optionalTextList("Privileges");
const actionsSchema = optionalTextList("Actions");
const datatypesSchema = optionalTextList("Datatypes");
const identifierSchema = optionalText("Identifier");

export const authorizationDetailSchema = z.object(
  { type: typeSchema, resource: resourceSchema, locations: locationsSchema, privileges: privilegesSchema, actions: actionsSchema, datatypes: datatypesSchema, identifier: identifierSchema },
  { error: fieldText("btg_id.field.detail_needs_type") },
);
export type AuthorizationDetailEntry = z.infer<typeof authorizationDetailSchema>;

/**
 * A token may be asked for by scope alone, as BTG's docs do, and a consented connection
 * (Authorization Code) needs no grant fields at all: Authorization Details are optional.
 */
export const optionalAuthorizationDetailsSchema = z.preprocess(
  (value) => (value === null || value === undefined || value === "" ? [] : value),
  z.array(authorizationDetailSchema, { error: fieldText("btg_id.field.details_not_list") }).max(MAX_AUTHORIZATION_DETAILS, fieldText("btg_id.field.too_many_details", { max: MAX_AUTHORIZATION_DETAILS })),
);

const grantTypeSchema = z.preprocess(
  toTrimmedText,
  z.enum(GRANT_TYPES, { error: fieldText("btg_id.field.grant_type") }).default("client_credentials"),
);

const codeSchema = optionalText("Código de autorização", fieldText("btg_id.field.code_not_text"));
const refreshTokenSchema = optionalText("Refresh Token");
const scopeSchema = optionalText("Scope");
const redirectUriSchema = optionalText("Redirect URI").refine(
  (uri) => uri === undefined || isHttpUrl(uri),
  fieldText("btg_id.field.redirect_uri"),
);

const TIMEOUT_RANGE = fieldText("btg_id.field.timeout", { min: MIN_TIMEOUT_MS, max: MAX_TIMEOUT_MS });
const timeoutMsSchema = z.preprocess(
  (value) => (value === null || value === "" ? undefined : typeof value === "string" ? Number(value.trim()) : value),
  z.number({ error: TIMEOUT_RANGE }).int(TIMEOUT_RANGE).min(MIN_TIMEOUT_MS, TIMEOUT_RANGE).max(MAX_TIMEOUT_MS, TIMEOUT_RANGE).default(DEFAULT_TIMEOUT_MS),
);

const reuseTokenSchema = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value === null || value === "" ? undefined : value),
  z.boolean({ error: fieldText("btg_id.field.reuse_token") }).default(true),
);

/** The token request's fields, shared by Obter Credenciais and Chamar API. */
export const tokenShape = {
  grantType: grantTypeSchema,
  code: codeSchema,
  redirectUri: redirectUriSchema,
  refreshToken: refreshTokenSchema,
  authorizationDetails: optionalAuthorizationDetailsSchema,
  scope: scopeSchema,
  reuseToken: reuseTokenSchema,
};

/** What each grant needs besides the common fields. */
export function checkGrantFields(params: { grantType: GrantType; code?: string | undefined; redirectUri?: string | undefined; refreshToken?: string | undefined }, ctx: z.RefinementCtx): void {
  if (params.grantType === "authorization_code") {
    if (!params.code) {
      ctx.addIssue({ code: "custom", path: ["code"], message: fieldText("btg_id.field.code_missing") });
    }
    if (!params.redirectUri) {
      ctx.addIssue({ code: "custom", path: ["redirectUri"], message: fieldText("btg_id.field.redirect_uri_missing") });
    }
  }
  if (params.grantType === "refresh_token" && !params.refreshToken) {
    ctx.addIssue({ code: "custom", path: ["refreshToken"], message: fieldText("btg_id.field.refresh_token_missing") });
  }
}


export const getCredentialsParameters = z.object({ ...tokenShape, timeoutMs: timeoutMsSchema }).superRefine(checkGrantFields);

export type GetCredentialsParameters = z.infer<typeof getCredentialsParameters>;

export const getCredentialsFields: FieldDefinition[] = [
  {
    key: "grantType",
    label: "Grant Type",
    type: "select",
    required: true,
    default: "client_credentials",
    options: GRANT_TYPES.map((grant) => ({ value: grant, label: grant })),
    help: "Como obter o token. Um passo de fluxo não tem redirecionamento de navegador, então o padrão é client_credentials.",
    schema: grantTypeSchema,
  },
  {
    key: "code",
    label: "Código de autorização",
    type: "text",
    required: true,
    expression: true,
    visibleWhen: { field: "grantType", equals: ["authorization_code"] },
    help: "O code que o BTG devolveu na Redirect URI após o consentimento.",
    schema: codeSchema,
  },
  {
    key: "redirectUri",
    label: "Redirect URI",
    type: "url",
    required: true,
    expression: true,
    visibleWhen: { field: "grantType", equals: ["authorization_code"] },
    placeholder: "https://app.exemplo.com/callback",
    help: "A mesma Redirect URI usada para pedir o código, como registrada no BTG.",
    schema: redirectUriSchema,
  },
  {
    key: "refreshToken",
    label: "Refresh Token",
    type: "text",
    required: true,
    // A long-lived credential: the engine redacts secret fields in the stored step input.
    secret: true,
    expression: true,
    visibleWhen: { field: "grantType", equals: ["refresh_token"] },
    help: "O refresh_token recebido junto com um token anterior. O BTG limita as renovações por hora.",
    schema: refreshTokenSchema,
  },
  {
    key: "authorizationDetails",
    label: "Authorization Details",
    type: "object-list",
    required: false,
    minItems: 0,
    maxItems: MAX_AUTHORIZATION_DETAILS,
    default: [{ type: "", resource: "", locations: [], privileges: [] }],
    help: "O que o token deve permitir (RFC 9396); um Scope pode bastar, e uma conexão Authorization Code não usa este campo. Campos opcionais vazios não são enviados.",
    schema: optionalAuthorizationDetailsSchema,
    itemFields: [
      {
        key: "type",
        label: "Type",
        type: "text",
        required: true,
        expression: true,
        placeholder: "account",
        help: "O tipo de autorização pedido, como definido pelo BTG.",
        schema: typeSchema,
      },
      {
        key: "resource",
        label: "Resource",
        type: "text",
        required: false,
        expression: true,
        help: "O recurso a que a autorização se aplica (ex.: o número da conta).",
        schema: resourceSchema,
      },
      {
        key: "locations",
        label: "Locations",
        type: "string-list",
        required: false,
        expression: true,
        help: "URLs das APIs onde o token será usado. Uma expressão pode produzir a lista inteira.",
        schema: locationsSchema,
      },
      {
        key: "privileges",
        label: "Privileges",
        type: "string-list",
        required: false,
        expression: true,
        help: "Ações permitidas (ex.: read, write). Uma expressão pode produzir a lista inteira.",
        schema: privilegesSchema,
      },
      // RFC 9396's other common fields: sent when filled, for APIs that read them.
      {
        key: "actions",
        label: "Actions",
        type: "string-list",
        required: false,
        expression: true,
        advanced: true,
        help: "Ações sobre o recurso, como a RFC 9396 as nomeia (ex.: read, write).",
        schema: actionsSchema,
      },
      {
        key: "datatypes",
        label: "Datatypes",
        type: "string-list",
        required: false,
        expression: true,
        advanced: true,
        help: "Tipos de dado pedidos (ex.: balances, transactions).",
        schema: datatypesSchema,
      },
      {
        key: "identifier",
        label: "Identifier",
        type: "text",
        required: false,
        expression: true,
        advanced: true,
        help: "Um recurso específico dentro do Type (ex.: o id de uma conta).",
        schema: identifierSchema,
      },
    ],
  },
  {
    key: "reuseToken",
    label: "Reutilizar token válido",
    type: "boolean",
    required: false,
    default: true,
    help: "Usa de novo um token ainda válido obtido com a mesma conexão, Grant Type e Authorization Details, em vez de pedir outro ao BTG (que limita as renovações por hora). O token é renovado antes de expirar.",
    schema: reuseTokenSchema,
  },
  {
    key: "scope",
    label: "Scope",
    type: "text",
    required: false,
    expression: true,
    advanced: true,
    help: "Escopos OAuth separados por espaço. Deixe vazio para usar os do cliente.",
    schema: scopeSchema,
  },
  {
    key: "timeoutMs",
    label: "Tempo limite (ms)",
    type: "number",
    required: false,
    advanced: true,
    default: DEFAULT_TIMEOUT_MS,
    help: `Quanto esperar pela resposta do BTG-ID, entre ${MIN_TIMEOUT_MS} e ${MAX_TIMEOUT_MS} ms.`,
    schema: timeoutMsSchema,
  },
];
