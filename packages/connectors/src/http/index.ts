import { defineConnector } from "../sdk/define.js";
import { connectionFields, connectionSchema } from "./connection.js";
import { httpIcon } from "./icon.js";
import { httpRequest } from "./request-operation.js";
import { testHttpConnection } from "./test-connection.js";
import { httpEn } from "./texts.en.js";

export const http = defineConnector({
  key: "http",
  translations: { en: httpEn },
  name: "HTTP",
  description: "Chama qualquer API HTTP, com ou sem autenticação (Bearer, Basic, cabeçalho ou parâmetro).",
  icon: httpIcon,
  connectionFields,
  connectionOptional: true,
  connection: connectionSchema,
  operations: [httpRequest],
  testConnection: (ctx) => testHttpConnection(ctx),
});
