import { fieldText } from "@fluxo/contracts";
import { z } from "zod";
import type { FieldDefinition } from "../sdk/types.js";

/**
 * The fields of an HTTP request, shared by HTTP's "Requisição HTTP" and BTG-ID's "Chamar API"
 * (which names a `path` under the connection's API URL instead of a whole `url`). The schemas
 * validate RESOLVED values: an expression may leave a number where text is expected.
 */

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
export type Method = (typeof METHODS)[number];
export const BODY_TYPES = ["none", "json", "form", "text"] as const;

export const DEFAULT_TIMEOUT_MS = 30_000;
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 300_000;
export const DEFAULT_MAX_PAGES = 100;
const MAX_MAX_PAGES = 1000;
const MAX_ENTRIES = 100;

// RFC 9110 §5.6.2: a header name is a token.
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** What a value of a list entry becomes on the wire: text (an object or a list as its JSON). */
function asWireText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const wireText = z.unknown().transform(asWireText);

type ListKind = "query" | "headers" | "form";

function entryName(kind: ListKind) {
  const missing = fieldText(kind === "headers" ? "http.field.header_name_missing" : "http.field.parameter_name_missing");
  const name = z.string({ error: missing }).trim().min(1, missing);
  return kind === "headers" ? name.regex(HEADER_NAME, fieldText("http.field.header_name")) : name;
}

function entryValue(kind: ListKind) {
  return kind === "headers" ? wireText.refine((text) => !/[\r\n\0]/.test(text), fieldText("http.field.header_value")) : wireText;
}

function entryList(kind: ListKind) {
  return z.preprocess(
    (list) => (list === null || list === undefined || list === "" ? [] : list),
    z.array(z.object({ name: entryName(kind), value: entryValue(kind) }), { error: fieldText("http.field.pairs") }).max(MAX_ENTRIES, fieldText("form.at_most_items", { max: MAX_ENTRIES })),
  );
}
export type NameValue = { name: string; value: string };

function booleanWithDefault(notBoolean: string, fallback: boolean) {
  return z.preprocess(
    (value) => (value === "true" ? true : value === "false" ? false : value === null || value === "" ? undefined : value),
    z.boolean({ error: notBoolean }).default(fallback),
  );
}

function integerWithDefault(range: string, min: number, max: number, fallback: number) {
  return z.preprocess(
    (value) => (value === null || value === "" ? undefined : typeof value === "string" ? Number(value.trim()) : value),
    z.number({ error: range }).int(range).min(min, range).max(max, range).default(fallback),
  );
}

const TIMEOUT_RANGE = fieldText("http.field.timeout", { min: MIN_TIMEOUT_MS, max: MAX_TIMEOUT_MS });
const MAX_PAGES_RANGE = fieldText("http.field.max_pages", { max: MAX_MAX_PAGES });

const methodSchema = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
  z.enum(METHODS, { error: fieldText("http.field.method", { methods: METHODS.join(", ") }) }).default("GET"),
);
const bodyTypeSchema = z.enum(BODY_TYPES, { error: fieldText("http.field.body_type") }).default("none");

export const paginationSchema = z
  .preprocess(
    (value) => (value === null || value === undefined || value === "" ? { mode: "none" } : value),
    z.object({
      mode: z.enum(["none", "page", "next-url"], { error: fieldText("http.field.pagination_mode") }).default("none"),
      parameter: z.string().trim().optional(),
      start: z.preprocess((value) => (value === null || value === "" ? undefined : typeof value === "string" ? Number(value) : value), z.number({ error: fieldText("http.field.first_page") }).int(fieldText("http.field.first_page")).default(1)),
      // Raw templates: evaluated once per answer, with .response in scope.
      items: z.string().optional(),
      next: z.string().optional(),
      maxPages: integerWithDefault(MAX_PAGES_RANGE, 1, MAX_MAX_PAGES, DEFAULT_MAX_PAGES),
    }),
  )
  .superRefine((pagination, ctx) => {
    if (pagination.mode === "none") return;
    if (!pagination.items?.trim()) ctx.addIssue({ code: "custom", path: ["items"], message: fieldText("http.field.page_items", { example: "{{ .response.body.items }}" }) });
    if (pagination.mode === "page" && !pagination.parameter) ctx.addIssue({ code: "custom", path: ["parameter"], message: fieldText("http.field.page_parameter") });
    if (pagination.mode === "next-url" && !pagination.next?.trim()) ctx.addIssue({ code: "custom", path: ["next"], message: fieldText("http.field.next_url", { example: "{{ .response.body.next }}" }) });
  });
export type Pagination = z.infer<typeof paginationSchema>;

/** The request's parameters besides where it goes (`url` or `path`). */
export const requestShape = {
  method: methodSchema,
  query: entryList("query"),
  headers: entryList("headers"),
  bodyType: bodyTypeSchema,
  body: z.unknown().optional(),
  form: entryList("form"),
  failOnErrorStatus: booleanWithDefault(fieldText("http.field.fail_on_error"), true),
  followRedirects: booleanWithDefault(fieldText("http.field.follow_redirects"), true),
  retryNonIdempotent: booleanWithDefault(fieldText("http.field.retry_non_idempotent"), false),
  timeoutMs: integerWithDefault(TIMEOUT_RANGE, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
  pagination: paginationSchema,
};

export interface RequestParameters {
  method: Method;
  query: NameValue[];
  headers: NameValue[];
  bodyType: (typeof BODY_TYPES)[number];
  body?: unknown;
  form: NameValue[];
  failOnErrorStatus: boolean;
  followRedirects: boolean;
  retryNonIdempotent: boolean;
  timeoutMs: number;
  pagination: Pagination;
}

function nameValueFields(kind: ListKind): FieldDefinition[] {
  return [
    { key: "name", label: "Nome", type: "text", required: true, placeholder: kind === "headers" ? "x-tenant-id" : "pageSize", schema: entryName(kind) },
    { key: "value", label: "Valor", type: "text", required: false, expression: true, schema: entryValue(kind) },
  ];
}

/** Fields in the order the Parametrização tab shows them; `target` is the URL or path field. */
export function requestFields(target: FieldDefinition): FieldDefinition[] {
  return [
    {
      key: "method",
      label: "Método",
      type: "select",
      required: true,
      default: "GET",
      options: METHODS.map((method) => ({ value: method, label: method })),
      schema: methodSchema,
    },
    target,
    {
      key: "query",
      label: "Parâmetros de consulta",
      type: "object-list",
      required: false,
      minItems: 0,
      maxItems: MAX_ENTRIES,
      default: [],
      help: "Vão na URL depois do ?, codificados. Os valores aceitam expressões.",
      itemFields: nameValueFields("query"),
      schema: entryList("query"),
    },
    {
      key: "headers",
      label: "Cabeçalhos",
      type: "object-list",
      required: false,
      minItems: 0,
      maxItems: MAX_ENTRIES,
      default: [],
      help: "Cabeçalhos HTTP do pedido. Um Authorization aparece mascarado nos detalhes da execução.",
      itemFields: nameValueFields("headers"),
      schema: entryList("headers"),
    },
    {
      key: "bodyType",
      label: "Tipo do corpo",
      type: "select",
      required: true,
      default: "none",
      options: [
        { value: "none", label: "Sem corpo" },
        { value: "json", label: "JSON" },
        { value: "form", label: "Formulário (x-www-form-urlencoded)" },
        { value: "text", label: "Texto" },
      ],
      schema: bodyTypeSchema,
    },
    {
      key: "body",
      label: "Corpo",
      type: "textarea",
      required: true,
      expression: true,
      templateFormat: { format: "json", when: { field: "bodyType", equals: ["json"] } },
      visibleWhen: { field: "bodyType", equals: ["json", "text"] },
      placeholder: '{ "valor": {{ .input.body.valor }} }',
      help: 'Para JSON, o texto deve resultar em JSON válido. Uma expressão entre aspas ("{{ .input.body.nome }}") entra como texto, já escapado; fora de aspas entra como está (número, lista e objeto como JSON, um texto sem aspas): para um texto ou um valor que pode ser nulo, use {{ … | toJson }} sem aspas. Uma expressão sozinha ({{ .input.body }}) é enviada como o JSON do valor.',
      schema: z.unknown(),
    },
    {
      key: "form",
      label: "Campos do formulário",
      type: "object-list",
      required: false,
      minItems: 0,
      maxItems: MAX_ENTRIES,
      default: [],
      visibleWhen: { field: "bodyType", equals: ["form"] },
      itemFields: nameValueFields("form"),
      schema: entryList("form"),
    },
    {
      key: "failOnErrorStatus",
      label: "Falhar com status de erro",
      type: "boolean",
      required: false,
      default: true,
      help: "Uma resposta 400 ou maior faz o passo falhar, com o status e o corpo da resposta no erro. Desmarcado, o passo termina bem e o status fica em code.",
      schema: requestShape.failOnErrorStatus,
    },
    {
      key: "followRedirects",
      label: "Seguir redirecionamentos",
      type: "boolean",
      required: false,
      default: true,
      advanced: true,
      help: "Segue até 5 redirecionamentos, cada um verificado de novo; a autenticação não vai para outro endereço.",
      schema: requestShape.followRedirects,
    },
    {
      key: "retryNonIdempotent",
      label: "Repetir POST e PATCH sem chave de idempotência",
      type: "boolean",
      required: false,
      default: false,
      advanced: true,
      help: "Sem uma chave de idempotência (Idempotency-Key ou x-idempotency-key), um POST ou PATCH que falhou com erro de rede ou 5xx não é repetido, para não duplicar o efeito. Marque se repetir for seguro.",
      schema: requestShape.retryNonIdempotent,
    },
    {
      key: "timeoutMs",
      label: "Tempo limite (ms)",
      type: "number",
      required: false,
      default: DEFAULT_TIMEOUT_MS,
      advanced: true,
      help: `Quanto esperar por cada resposta, entre ${MIN_TIMEOUT_MS} e ${MAX_TIMEOUT_MS} ms.`,
      schema: requestShape.timeoutMs,
    },
    {
      key: "pagination",
      label: "Paginação",
      type: "group",
      required: false,
      advanced: true,
      default: { mode: "none" },
      help: "Busca todas as páginas e junta os itens numa lista, que vira o corpo do passo.",
      schema: paginationSchema,
      itemFields: [
        {
          key: "mode",
          label: "Modo de paginação",
          type: "select",
          required: true,
          default: "none",
          options: [
            { value: "none", label: "Sem paginação" },
            { value: "page", label: "Número da página no parâmetro de consulta" },
            { value: "next-url", label: "URL da próxima página na resposta" },
          ],
          schema: z.enum(["none", "page", "next-url"]),
        },
        {
          key: "parameter",
          label: "Parâmetro da página",
          type: "text",
          required: true,
          placeholder: "pageNumber",
          visibleWhen: { field: "mode", equals: ["page"] },
          schema: z.string().trim().min(1, "Informe o nome do parâmetro da página."),
        },
        {
          key: "start",
          label: "Primeira página",
          type: "number",
          required: false,
          default: 1,
          visibleWhen: { field: "mode", equals: ["page"] },
          schema: z.unknown(),
        },
        {
          key: "next",
          label: "Próxima URL",
          type: "text",
          required: true,
          expression: true,
          perResponse: true,
          templateFormat: "url",
          placeholder: "{{ .response.body.next }}",
          help: "Expressão avaliada em cada resposta (.response); vazia, a paginação termina.",
          visibleWhen: { field: "mode", equals: ["next-url"] },
          schema: z.string(),
        },
        {
          key: "items",
          label: "Itens da página",
          type: "text",
          required: true,
          expression: true,
          perResponse: true,
          placeholder: "{{ .response.body.items }}",
          help: "Expressão avaliada em cada resposta (.response) que dá a lista de itens da página; uma página vazia termina a paginação.",
          visibleWhen: { field: "mode", equals: ["page", "next-url"] },
          schema: z.string(),
        },
        {
          key: "maxPages",
          label: "Máximo de páginas",
          type: "number",
          required: false,
          default: DEFAULT_MAX_PAGES,
          visibleWhen: { field: "mode", equals: ["page", "next-url"] },
          help: "Passando deste número de páginas, o passo falha em vez de buscar para sempre.",
          schema: z.unknown(),
        },
      ],
    },
  ];
}
