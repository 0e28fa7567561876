import { atMostChars, fieldText, stepMessage, type StepMessageCode } from "@fluxo/contracts";
import { z } from "zod";
import { StepError } from "../sdk/errors.js";
import type { ConnectionValues, FieldDefinition } from "../sdk/types.js";
import { HEADER_NAME } from "./request-fields.js";

export const AUTH_TYPES = ["none", "bearer", "basic", "header", "query"] as const;
type AuthType = (typeof AUTH_TYPES)[number];

/** `missing`: the field's own "Informe o Token." */
const requiredSecret = (missing: StepMessageCode) =>
  z
    .string({ error: fieldText(missing) })
    .min(1, fieldText(missing))
    .max(8192, atMostChars(8192))
    .refine((value) => !/[\r\n\0]/.test(value), fieldText("http.field.no_line_breaks"));


const authTypeSchema = z.enum(AUTH_TYPES, { error: fieldText("http.field.authentication") }).default("none");
const tokenSchema = requiredSecret("http.field.token_missing");
const usernameSchema = z.string({ error: fieldText("http.field.username_missing") }).trim().min(1, fieldText("http.field.username_missing")).refine((name) => !name.includes(":"), fieldText("http.field.username_colon"));
const passwordSchema = requiredSecret("http.field.password_missing");
const headerNameSchema = z.string({ error: fieldText("http.field.connection_header_name_missing") }).trim().min(1, fieldText("http.field.connection_header_name_missing")).regex(HEADER_NAME, fieldText("http.field.connection_header_name"));
const headerValueSchema = requiredSecret("http.field.header_value_missing");
const queryNameSchema = z.string({ error: fieldText("http.field.connection_parameter_name_missing") }).trim().min(1, fieldText("http.field.connection_parameter_name_missing"));
const queryValueSchema = requiredSecret("http.field.query_value_missing");
const testUrlSchema = z
  .string()
  .trim()
  .optional()
  .refine((value) => !value || /^https?:\/\/[^/\s]/i.test(value), fieldText("http.field.test_url"));

const when = (...types: AuthType[]) => ({ field: "authType", equals: [...types] });

export const connectionFields: FieldDefinition[] = [
  {
    key: "authType",
    label: "Autenticação",
    type: "select",
    required: true,
    default: "none",
    options: [
      { value: "none", label: "Sem autenticação" },
      { value: "bearer", label: "Bearer token" },
      { value: "basic", label: "Basic (usuário e senha)" },
      { value: "header", label: "Cabeçalho (ex.: x-api-key)" },
      { value: "query", label: "Parâmetro de consulta (ex.: ?api_key=)" },
    ],
    help: "Como os passos que usam esta conexão se identificam no serviço.",
    schema: authTypeSchema,
  },
  { key: "token", label: "Token", type: "password", required: true, secret: true, visibleWhen: when("bearer"), help: "Enviado como Authorization: Bearer <token>.", schema: tokenSchema },
  { key: "username", label: "Usuário", type: "text", required: true, visibleWhen: when("basic"), schema: usernameSchema },
  { key: "password", label: "Senha", type: "password", required: true, secret: true, visibleWhen: when("basic"), schema: passwordSchema },
  { key: "headerName", label: "Nome do cabeçalho", type: "text", required: true, placeholder: "x-api-key", visibleWhen: when("header"), schema: headerNameSchema },
  { key: "headerValue", label: "Valor do cabeçalho", type: "password", required: true, secret: true, visibleWhen: when("header"), schema: headerValueSchema },
  { key: "queryName", label: "Nome do parâmetro", type: "text", required: true, placeholder: "api_key", visibleWhen: when("query"), schema: queryNameSchema },
  { key: "queryValue", label: "Valor do parâmetro", type: "password", required: true, secret: true, visibleWhen: when("query"), schema: queryValueSchema },
  {
    key: "testUrl",
    label: "URL de teste",
    type: "url",
    required: false,
    placeholder: "https://api.exemplo.com/me",
    help: "Opcional: um endereço que responde 2xx com esta autenticação. \"Testar\" faz um GET nele.",
    schema: testUrlSchema,
  },
];

export const connectionSchema = z
  .object({
    authType: authTypeSchema,
    token: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    headerName: z.string().optional(),
    headerValue: z.string().optional(),
    queryName: z.string().optional(),
    queryValue: z.string().optional(),
    testUrl: testUrlSchema,
  })
  .superRefine((values, ctx) => {
    const check = (key: keyof typeof values, schema: z.ZodType) => {
      const result = schema.safeParse(values[key]);
      if (!result.success) ctx.addIssue({ code: "custom", path: [key], message: firstIssueText(result.error) });
    };
    if (values.authType === "bearer") check("token", tokenSchema);
    if (values.authType === "basic") (check("username", usernameSchema), check("password", passwordSchema));
    if (values.authType === "header") (check("headerName", headerNameSchema), check("headerValue", headerValueSchema));
    if (values.authType === "query") (check("queryName", queryNameSchema), check("queryValue", queryValueSchema));
  });

/** What the field's schema said; zod always says something, but should a check ever fail silently the person still learns which field and what to do. */
export function firstIssueText(error: z.ZodError): string {
  return error.issues[0]?.message ?? fieldText("http.field.auth_value_rejected");
}

/** What a connection adds to every request of a step, and the values to mask wherever they'd show. */
export interface RequestAuth {
  headers: Record<string, string>;
  query: { name: string; value: string }[];
  secrets: string[];
}

export const NO_AUTH: RequestAuth = { headers: {}, query: [], secrets: [] };

/** The step's authentication; no connection means none. An incomplete connection fails the step. */
export function requestAuth(connection: ConnectionValues | null): RequestAuth {
  if (!connection) return NO_AUTH;
  const parsed = connectionSchema.safeParse({ ...connection.values, ...connection.secrets });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    throw new StepError({
      kind: "connection",
      ...stepMessage("http.connection_incomplete", { name: connection.name, problems: fields.map((f) => f.message).join(" ") }),
      fields,
    });
  }
  const auth = parsed.data;
  switch (auth.authType) {
    case "bearer":
      return { headers: { authorization: `Bearer ${auth.token!}` }, query: [], secrets: [auth.token!] };
    case "basic": {
      const encoded = Buffer.from(`${auth.username!}:${auth.password!}`, "utf8").toString("base64");
      return { headers: { authorization: `Basic ${encoded}` }, query: [], secrets: [auth.password!, encoded] };
    }
    case "header":
      return { headers: { [auth.headerName!.toLowerCase()]: auth.headerValue! }, query: [], secrets: [auth.headerValue!] };
    case "query":
      return { headers: {}, query: [{ name: auth.queryName!, value: auth.queryValue! }], secrets: [auth.queryValue!, encodeURIComponent(auth.queryValue!)] };
    default:
      return NO_AUTH;
  }
}

export function testUrlOf(connection: ConnectionValues): string | undefined {
  const url = connection.values["testUrl"];
  return typeof url === "string" && url.trim() !== "" ? url.trim() : undefined;
}
