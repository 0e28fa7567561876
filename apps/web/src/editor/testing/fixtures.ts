import type { Connection, ConnectorMeta, FieldMeta, Flow } from "@fluxo/contracts";

/** The BTG-ID catalog entry as the API serves it (mirrors packages/connectors/src/btg-id), for unit tests. */
export const btgIdConnector: ConnectorMeta = {
  key: "btg-id",
  name: "BTG-ID",
  description: "Obtém tokens de acesso do BTG Pactual",
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>',
  connectionFields: [
    { key: "clientId", label: "ID do Cliente", type: "text", required: true },
    { key: "clientSecret", label: "Chave Secreta do Cliente", type: "password", required: true, secret: true },
    { key: "environmentUrl", label: "URL do ambiente", type: "url", required: true },
  ],
  operations: [
    {
      key: "get-credentials",
      name: "Obter Credenciais",
      description: "Pede um token de acesso",
      fields: [
        {
          key: "grantType",
          label: "Grant Type",
          type: "select",
          required: true,
          default: "client_credentials",
          options: [
            { value: "client_credentials", label: "client_credentials" },
            { value: "authorization_code", label: "authorization_code" },
            { value: "refresh_token", label: "refresh_token" },
          ],
        },
        { key: "code", label: "Código de autorização", type: "text", required: true, expression: true, visibleWhen: { field: "grantType", equals: ["authorization_code"] } },
        { key: "redirectUri", label: "Redirect URI", type: "url", required: true, expression: true, visibleWhen: { field: "grantType", equals: ["authorization_code"] } },
        { key: "refreshToken", label: "Refresh Token", type: "text", required: true, secret: true, expression: true, visibleWhen: { field: "grantType", equals: ["refresh_token"] } },
        {
          key: "authorizationDetails",
          label: "Authorization Details",
          type: "object-list",
          required: true,
          minItems: 1,
          maxItems: 20,
          default: [{ type: "", resource: "", locations: [], privileges: [] }],
          itemFields: [
            { key: "type", label: "Type", type: "text", required: true, expression: true },
            { key: "resource", label: "Resource", type: "text", required: false, expression: true },
            { key: "locations", label: "Locations", type: "string-list", required: false, expression: true },
            { key: "privileges", label: "Privileges", type: "string-list", required: false, expression: true },
          ],
        },
        { key: "scope", label: "Scope", type: "text", required: false, expression: true, advanced: true },
        { key: "timeoutMs", label: "Tempo limite (ms)", type: "number", required: false, advanced: true, default: 30000 },
      ],
    },
  ],
};

const keyValueItems: FieldMeta[] = [
  { key: "name", label: "Nome", type: "text", required: true },
  { key: "value", label: "Valor", type: "text", required: false, expression: true },
];

/** The HTTP catalog entry as the API serves it (mirrors packages/connectors/src/http): no connection needed. */
export const httpConnector: ConnectorMeta = {
  key: "http",
  name: "HTTP",
  description: "Chama qualquer API HTTP",
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="2" y="6" width="20" height="12"/></svg>',
  connectionFields: [{ key: "token", label: "Token", type: "password", required: true, secret: true }],
  connectionOptional: true,
  operations: [
    {
      key: "request",
      name: "Requisição HTTP",
      description: "Faz uma requisição HTTP",
      fields: [
        {
          key: "method",
          label: "Método",
          type: "select",
          required: true,
          default: "GET",
          options: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"].map((m) => ({ value: m, label: m })),
        },
        { key: "url", label: "URL", type: "url", required: true, expression: true },
        { key: "query", label: "Parâmetros de consulta", type: "object-list", required: false, minItems: 0, maxItems: 50, default: [], itemFields: keyValueItems },
        { key: "headers", label: "Cabeçalhos", type: "object-list", required: false, minItems: 0, maxItems: 50, default: [], itemFields: keyValueItems },
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
        },
        { key: "body", label: "Corpo", type: "textarea", required: true, expression: true, visibleWhen: { field: "bodyType", equals: ["json", "text"] } },
        { key: "form", label: "Campos do formulário", type: "object-list", required: false, minItems: 0, maxItems: 50, default: [], itemFields: keyValueItems, visibleWhen: { field: "bodyType", equals: ["form"] } },
        { key: "failOnErrorStatus", label: "Falhar com status de erro", type: "boolean", required: false, default: true },
        { key: "followRedirects", label: "Seguir redirecionamentos", type: "boolean", required: false, default: true, advanced: true },
        { key: "timeoutMs", label: "Tempo limite (ms)", type: "number", required: false, advanced: true, default: 30000 },
        {
          key: "pagination",
          label: "Paginação",
          type: "group",
          required: false,
          advanced: true,
          default: { mode: "none" },
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
            },
            { key: "parameter", label: "Parâmetro da página", type: "text", required: true, visibleWhen: { field: "mode", equals: ["page"] } },
            { key: "next", label: "Próxima URL", type: "text", required: true, expression: true, perResponse: true, visibleWhen: { field: "mode", equals: ["next-url"] } },
            { key: "items", label: "Itens da página", type: "text", required: true, expression: true, perResponse: true, visibleWhen: { field: "mode", equals: ["page", "next-url"] } },
            { key: "maxPages", label: "Máximo de páginas", type: "number", required: false, default: 10, visibleWhen: { field: "mode", equals: ["page", "next-url"] } },
          ],
        },
      ],
    },
  ],
};

export function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: "conn1",
    connector: "btg-id",
    name: "BTG sandbox",
    description: "",
    values: { clientId: "demo-client", environmentUrl: "http://127.0.0.1:3100" },
    secrets: { clientSecret: { set: true } },
    lastTest: null,
    usedBy: [],
    authorization: null,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    ...overrides,
  };
}

export function flow(overrides: Partial<Flow> = {}): Flow {
  return {
    id: "flow1",
    name: "Token BTG",
    description: "",
    definition: { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] },
    version: 1,
    slug: "token-btg",
    savedAt: "2026-12-06T17:36:00.000Z",
    savedBy: { id: "u1", name: "Ana" },
    problems: [],
    publishedVersion: null,
    hasUnpublishedChanges: true,
    createdAt: "2025-01-01T00:00:00.000Z",
    updatedAt: "2025-01-01T00:00:00.000Z",
    lastExecution: null,
    schedule: null,
    ...overrides,
  };
}
