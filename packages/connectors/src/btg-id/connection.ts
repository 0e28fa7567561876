import { z } from "zod";
import { StepError } from "../sdk/errors.js";
import type { ConnectionValues, FieldDefinition } from "../sdk/types.js";

export const TOKEN_PATH = "/oauth2/token";

const URL_EXAMPLE = "https://id.sandbox.btgpactual.com";
const INCOMPLETE_URL = `Informe a URL do ambiente completa, começando com https:// (ex.: ${URL_EXAMPLE}).`;

const clientIdSchema = z
  .string({ error: "Informe o ID do Cliente fornecido pelo BTG." })
  .trim()
  .min(1, "Informe o ID do Cliente fornecido pelo BTG.")
  .max(256, "O ID do Cliente tem no máximo 256 caracteres; confira o valor copiado.");

// The secret is kept exactly as typed (no trim), so stray whitespace is pointed out instead.
const clientSecretSchema = z
  .string({ error: "Informe a Chave Secreta do Cliente fornecida pelo BTG." })
  .min(1, "Informe a Chave Secreta do Cliente fornecida pelo BTG.")
  .max(1024, "A Chave Secreta do Cliente tem no máximo 1024 caracteres; confira o valor copiado.")
  .refine((secret) => secret === secret.trim(), "Tire os espaços do início ou do fim da Chave Secreta do Cliente.");

const environmentUrlSchema = z
  .string({ error: INCOMPLETE_URL })
  .trim()
  .min(1, INCOMPLETE_URL)
  .superRefine((value, ctx) => {
    const problem = environmentUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

function environmentUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return INCOMPLETE_URL;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return INCOMPLETE_URL;
  if (url.username || url.password) {
    return "Tire o usuário e a senha da URL do ambiente: as credenciais vão em ID do Cliente e Chave Secreta do Cliente.";
  }
  // `new URL` drops an empty "?" or "#", so look at the text too.
  if (url.search || url.hash || value.includes("?") || value.includes("#")) {
    return `Tire da URL do ambiente o que vem depois de "?" ou "#": informe só o endereço (ex.: ${URL_EXAMPLE}).`;
  }
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

export const connectionFields: FieldDefinition[] = [
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
    help: "Endereço do BTG-ID a usar: sandbox para testes, produção para valer. O caminho /oauth2/token é opcional.",
    suggestions: [
      { value: "https://id.sandbox.btgpactual.com", label: "BTG sandbox" },
      { value: "https://id.btgpactual.com", label: "BTG produção" },
      { value: "http://127.0.0.1:3100", label: "Sandbox local" },
    ],
    schema: environmentUrlSchema,
  },
];

export const connectionSchema = z.object({
  clientId: clientIdSchema,
  clientSecret: clientSecretSchema,
  environmentUrl: environmentUrlSchema,
});
export type BtgIdConnection = z.infer<typeof connectionSchema>;

/** The step's connection, validated; an incomplete one fails the step with kind `connection`. */
export function parseConnection(connection: ConnectionValues): BtgIdConnection {
  const parsed = connectionSchema.safeParse({ ...connection.values, ...connection.secrets });
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  throw new StepError({
    kind: "connection",
    message: `A conexão "${connection.name}" está incompleta ou inválida: ${fields.map((f) => f.message).join(" ")} Edite a conexão e tente de novo.`,
    fields,
  });
}
