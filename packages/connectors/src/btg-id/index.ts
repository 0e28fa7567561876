import { defineConnector } from "../sdk/define.js";
import { connectionFields, connectionSchema } from "./connection.js";
import { callApi } from "./call-api.js";
import { getCredentials } from "./get-credentials.js";
import { btgIdIcon } from "./icon.js";
import { testBtgIdConnection } from "./test-connection.js";
import { btgIdEn } from "./texts.en.js";

export const btgId = defineConnector({
  key: "btg-id",
  translations: { en: btgIdEn },
  name: "BTG-ID",
  description: "Obtém tokens de acesso OAuth 2.0 do BTG-ID, o serviço de identidade do BTG Pactual, com Authorization Details (RFC 9396), e chama as APIs do BTG com eles.",
  icon: btgIdIcon,
  connectionFields,
  connection: connectionSchema,
  operations: [getCredentials, callApi],
  testConnection: (ctx) => testBtgIdConnection(ctx),
});

export { apiBaseUrl, connectionSchema as btgIdConnectionSchema, tokenEndpoint, type BtgIdConnection } from "./connection.js";
export { encodeBasicCredentials, requestToken, type TokenResponseBody } from "./token-request.js";
export { tokenLifetimeSeconds } from "./test-connection.js";
export { getCredentialsParameters, type GetCredentialsParameters } from "./parameters.js";
