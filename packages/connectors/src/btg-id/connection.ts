import { fieldText, stepMessage } from "@fluxo/contracts";
import { z } from "zod";
import { StepError } from "../sdk/errors.js";
import type { ConnectionValues, FieldDefinition } from "../sdk/types.js";

export const TOKEN_PATH = "/oauth2/token";

const URL_EXAMPLE = "https://id.sandbox.btgpactual.com";
const INCOMPLETE_URL = fieldText("btg_id.field.environment_url");

const clientIdSchema = z
  .string({ error: fieldText("btg_id.field.client_id_missing") })
  .trim()
  .min(1, fieldText("btg_id.field.client_id_missing"))
  .max(256, fieldText("btg_id.field.client_id_too_long"));

// The secret is kept exactly as typed (no trim), so stray whitespace is pointed out instead.
const clientSecretSchema = z
  .string({ error: fieldText("btg_id.field.secret_missing") })
  .min(1, fieldText("btg_id.field.secret_missing"))
  .max(1024, fieldText("btg_id.field.secret_too_long"))
  .refine((secret) => secret === secret.trim(), fieldText("btg_id.field.secret_spaces"));

const environmentUrlSchema = z
  .string({ error: INCOMPLETE_URL })
  .trim()
  .min(1, INCOMPLETE_URL)
  .superRefine((value, ctx) => {
    const problem = urlProblem(value, "environment") ?? environmentPathProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * BTG's identity service answers at its host's root (`POST https://id.btgpactual.com/oauth2/token`):
 * on BTG's hosts the environment URL is only the address. Elsewhere (a proxy, the local sandbox) a
 * path prefix is kept, but not one that is a mistyped token path (`…/oauth2/tokn`), which would
 * otherwise be called as `…/oauth2/tokn/oauth2/token`.
 */
function environmentPathProblem(value: string): string | undefined {
  const url = new URL(value);
  const path = url.pathname.replace(/\/+$/, "");
  if (path === "" || path === TOKEN_PATH) return undefined;
  if (!BTG_IDENTITY_HOSTS.has(url.host) && !path.split("/").includes(TOKEN_PATH.split("/")[1]!)) return undefined;
  return fieldText("btg_id.field.environment_path", { path });
}

/** What each of the connection's two URLs is told when it isn't one, has credentials, or a query. */
const URL_PROBLEMS = {
  environment: { incomplete: "btg_id.field.environment_url", credentials: "btg_id.field.environment_credentials", query: "btg_id.field.environment_query" },
  api: { incomplete: "btg_id.field.api_url", credentials: "btg_id.field.api_credentials", query: "btg_id.field.api_query" },
} as const;

function urlProblem(value: string, which: keyof typeof URL_PROBLEMS): string | undefined {
  const codes = URL_PROBLEMS[which];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fieldText(codes.incomplete);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return fieldText(codes.incomplete);
  if (url.username || url.password) return fieldText(codes.credentials);
  // `new URL` drops an empty "?" or "#", so look at the text too.
  if (url.search || url.hash || value.includes("?") || value.includes("#")) return fieldText(codes.query);
  return undefined;
}

/**
 * The token endpoint for an environment URL given with or without the token path
 * and with or without a trailing slash (a path prefix before it is kept).
 */
export function tokenEndpoint(environmentUrl: string): string {
  const url = new URL(environmentUrl.trim());
  let path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith(TOKEN_PATH)) path = path.slice(0, -TOKEN_PATH.length);
  url.pathname = `${path}${TOKEN_PATH}`;
  return url.toString();
}

const API_URL_PROBLEM = fieldText("btg_id.field.api_url");

const apiUrlSchema = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : typeof value === "string" ? value.trim() : value),
  z
    .string({ error: API_URL_PROBLEM })
    .superRefine((value, ctx) => {
      const problem = urlProblem(value, "api");
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
);

/** BTG's API host for each of its identity hosts; any other environment serves its API under `/api`. */
const API_FOR_IDENTITY_HOST: Record<string, string> = {
  "id.btgpactual.com": "https://api.empresas.btgpactual.com",
  "id.sandbox.btgpactual.com": "https://api.sandbox.empresas.btgpactual.com",
};
const BTG_IDENTITY_HOSTS = new Set(Object.keys(API_FOR_IDENTITY_HOST));

/** The base URL Chamar API's paths are appended to, without a trailing slash. */
export function apiBaseUrl(connection: Pick<BtgIdConnection, "environmentUrl" | "apiUrl">): string {
  if (connection.apiUrl) return connection.apiUrl.replace(/\/+$/, "");
  const environment = new URL(tokenEndpoint(connection.environmentUrl));
  const known = API_FOR_IDENTITY_HOST[environment.host];
  if (known) return known;
  const prefix = environment.pathname.slice(0, -TOKEN_PATH.length);
  return `${environment.origin}${prefix}/api`;
}

export const AUTHENTICATIONS = ["client_credentials", "authorization_code"] as const;
export type Authentication = (typeof AUTHENTICATIONS)[number];

const authenticationSchema = z.preprocess(
  (value) => (value === null || value === undefined || value === "" ? undefined : value),
  z.enum(AUTHENTICATIONS, { error: fieldText("btg_id.field.authentication") }).default("client_credentials"),
);

/** BTG's documented scopes, offered in the list; any other may be typed. */
export const BTG_SCOPES = [
  "empresas.btgpactual.com/accounts.readonly",
  "empresas.btgpactual.com/accounts",
  "empresas.btgpactual.com/payments",
  "empresas.btgpactual.com/payments.readonly",
  "empresas.btgpactual.com/statements.readonly",
  "empresas.btgpactual.com/scf/borderos",
  "openid",
] as const;

const SCOPES_PROBLEM = fieldText("btg_id.field.scopes");
const scopesSchema = z.preprocess(
  (value) => (Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value.trim().split(/\s+/).filter(Boolean).join(" ") : value),
  z.string({ error: SCOPES_PROBLEM }).max(2000, fieldText("btg_id.field.scopes_too_long")).optional(),
);

const keepConnectedSchema = z.preprocess(
  (value) => (value === "true" ? true : value === "false" ? false : value === null || value === "" ? undefined : value),
  z.boolean({ error: fieldText("btg_id.field.keep_connected") }).optional(),
);

const AUTHORIZATION_CODE_ONLY = { field: "authentication", equals: ["authorization_code"] };

export const connectionFields: FieldDefinition[] = [
  {
    key: "authentication",
    label: "Autenticação",
    type: "select",
    required: true,
    default: "client_credentials",
    options: [
      { value: "client_credentials", label: "Client Credentials" },
      { value: "authorization_code", label: "Authorization Code (conta do cliente)" },
    ],
    help: "Client Credentials: o Fluxo pede o token com o ID e a Chave do cliente. Authorization Code: o titular da conta entra no BTG e consente (necessário para as APIs bancárias: saldo, extrato, pagamentos).",
    schema: authenticationSchema,
  },
  {
    key: "clientId",
    label: "ID do Cliente",
    type: "text",
    required: true,
    help: "O client_id que o BTG forneceu para a sua aplicação.",
    schema: clientIdSchema,
  },
  {
    key: "clientSecret",
    label: "Chave Secreta do Cliente",
    type: "password",
    required: true,
    secret: true,
    help: "O client_secret da sua aplicação no BTG. Fica guardado com segurança e não é exibido de novo.",
    schema: clientSecretSchema,
  },
  {
    key: "environmentUrl",
    label: "URL do ambiente",
    type: "url",
    required: true,
    placeholder: URL_EXAMPLE,
    help: "Endereço do BTG-ID a usar, sem caminho (o Fluxo chama <URL do ambiente>/oauth2/token): sandbox para testes, produção para valer.",
    pathWarning: `A URL do ambiente é só o endereço do BTG-ID, sem caminho (ex.: ${URL_EXAMPLE}): o Fluxo chama <URL do ambiente>${TOKEN_PATH}.`,
    suggestions: [
      { value: "https://id.sandbox.btgpactual.com", label: "BTG sandbox" },
      { value: "https://id.btgpactual.com", label: "BTG produção" },
      { value: "http://127.0.0.1:3100", label: "Sandbox local" },
    ],
    schema: environmentUrlSchema,
  },
  {
    key: "apiUrl",
    label: "URL da API",
    type: "url",
    required: false,
    placeholder: "em branco: a API do mesmo ambiente",
    help: "Onde ficam as APIs que o passo Chamar API usa. Em branco: https://api.empresas.btgpactual.com para a produção, https://api.sandbox.empresas.btgpactual.com para a sandbox do BTG e <URL do ambiente>/api para a sandbox local.",
    suggestions: [
      { value: "https://api.sandbox.empresas.btgpactual.com", label: "APIs BTG sandbox" },
      { value: "https://api.empresas.btgpactual.com", label: "APIs BTG produção" },
    ],
    schema: apiUrlSchema,
  },
  {
    key: "scopes",
    label: "Escopos",
    type: "text",
    required: true,
    visibleWhen: AUTHORIZATION_CODE_ONLY,
    placeholder: "empresas.btgpactual.com/accounts.readonly",
    help: "Escopos a pedir no consentimento, separados por espaço. Escolha um da lista ou digite outro liberado pelo BTG.",
    suggestions: BTG_SCOPES.map((scope) => ({ value: scope, label: scope })),
    schema: scopesSchema.pipe(z.string({ error: SCOPES_PROBLEM }).min(1, SCOPES_PROBLEM)),
  },
  {
    key: "keepConnected",
    label: "Manter conectado",
    type: "boolean",
    required: false,
    default: false,
    visibleWhen: AUTHORIZATION_CODE_ONLY,
    help: "Renova a conexão sozinha antes de o refresh token expirar (10 dias), mesmo sem fluxos rodando. Cada renovação conta no limite por hora do BTG.",
    schema: keepConnectedSchema,
  },
];

export const connectionSchema = z
  .object({
    authentication: authenticationSchema,
    clientId: clientIdSchema,
    clientSecret: clientSecretSchema,
    environmentUrl: environmentUrlSchema,
    apiUrl: apiUrlSchema,
    scopes: scopesSchema,
    keepConnected: keepConnectedSchema,
  })
  .superRefine((connection, ctx) => {
    if (connection.authentication === "authorization_code" && !connection.scopes) ctx.addIssue({ code: "custom", path: ["scopes"], message: SCOPES_PROBLEM });
  });
export type BtgIdConnection = z.infer<typeof connectionSchema>;

/**
 * Connections validated, by the values they were validated from: the server hands every run the same
 * object while it keeps a connection loaded (an edit loads a new one), so a run needn't validate it again.
 */
const validated = new WeakMap<ConnectionValues, Readonly<BtgIdConnection & { id: string }>>();

/** The step's connection, validated (with its id); an incomplete one fails the step with kind `connection`. */
export function parseConnection(connection: ConnectionValues | null): Readonly<BtgIdConnection & { id: string }> {
  if (!connection) throw new StepError({ kind: "connection", ...stepMessage("btg_id.no_connection") });
  const known = validated.get(connection);
  if (known) return known;
  const parsed = connectionSchema.safeParse({ ...connection.values, ...connection.secrets });
  if (parsed.success) {
    // Frozen: every run of the connection shares it.
    const valid = Object.freeze({ ...parsed.data, id: connection.id });
    validated.set(connection, valid);
    return valid;
  }
  const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new StepError({
    kind: "connection",
    ...stepMessage("btg_id.connection_invalid", { name: connection.name, problems: fields.map((f) => f.message).join(" ") }),
    fields,
  });
}
