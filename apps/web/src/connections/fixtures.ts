import type { Connection, ConnectorMeta } from "@fluxo/contracts";

/** The BTG-ID catalog entry as GET /api/connectors serves it (trimmed to what the forms read). */
export const btgIdConnector: ConnectorMeta = {
  key: "btg-id",
  name: "BTG-ID",
  description: "Obtém tokens de acesso OAuth 2.0 do BTG-ID.",
  icon: '<svg viewBox="0 0 24 24"><circle cx="12" cy="12" r="10"/></svg>',
  connectionFields: [
    { key: "clientId", label: "ID do Cliente", type: "text", required: true, help: "O client_id que o BTG forneceu." },
    { key: "clientSecret", label: "Chave Secreta do Cliente", type: "password", required: true, secret: true },
    {
      key: "environmentUrl",
      label: "URL do ambiente",
      type: "url",
      required: true,
      suggestions: [
        { value: "https://id.sandbox.btgpactual.com", label: "BTG sandbox" },
        { value: "https://id.btgpactual.com", label: "BTG produção" },
        { value: "http://127.0.0.1:3100", label: "Sandbox local" },
      ],
    },
  ],
  operations: [],
};

export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: "c1",
    connector: "btg-id",
    name: "BTG sandbox",
    description: "Credenciais de teste",
    values: { clientId: "fluxo-app", environmentUrl: "https://id.sandbox.btgpactual.com" },
    secrets: { clientSecret: { set: true } },
    lastTest: null,
    usedBy: [],
    authorization: null,
    createdAt: "2026-11-28T10:00:00.000Z",
    updatedAt: "2026-11-28T10:00:00.000Z",
    ...overrides,
  };
}
