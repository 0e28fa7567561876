export type {
  AccessTokenOptions,
  ConnectionGrants,
  ConnectionTestContext,
  GrantedToken,
  ConnectionTestSuccess,
  ConnectionValues,
  ConnectorDefinition,
  FieldDefinition,
  HttpClient,
  HttpRequest,
  HttpResponse,
  OperationContext,
  OperationDefinition,
  OperationResult,
  PortRoute,
} from "./sdk/types.js";
export type { CacheableResult, CachedResult, ResultCache } from "./sdk/result-cache.js";
export { defineConnector, defineOperation } from "./sdk/define.js";
export { toConnectorMeta, toFieldMeta } from "./sdk/meta.js";
export { CATALOG_LANGUAGES, catalogTexts, translateConnectorMeta, type CatalogLanguage, type ConnectorTexts } from "./sdk/texts.js";
export { HttpClientError, StepError, StepSuspended, type HttpClientErrorDetails, type HttpClientErrorKind } from "./sdk/errors.js";
export { createHttpClient, DEFAULT_MAX_RESPONSE_BYTES, type HttpClientOptions } from "./sdk/http.js";
export {
  ALLOWLIST_SETTING,
  allowlistEntryProblem,
  INSECURE_LOOPBACK_SETTING,
  parseOutboundAllowlist,
  type OutboundPolicy,
  type OutboundRefusal,
  type OutboundRule,
  type ResolvedAddress,
  type Resolver,
} from "./sdk/outbound-policy.js";
export { checkOutboundUrl } from "./sdk/check-outbound-url.js";
export { classifyAddress, type AddressClass, type AddressRule } from "./sdk/address-rules.js";
export { REDACTED, redactHeaders, scrubStepError, secretScrubber } from "./sdk/redact.js";
export { connectorCatalog, connectors, getConnector, getOperation } from "./catalog.js";
export { apiBaseUrl, btgId, btgIdConnectionSchema, encodeBasicCredentials, requestToken, tokenEndpoint, tokenLifetimeSeconds, type BtgIdConnection, type TokenResponseBody } from "./btg-id/index.js";
export { http } from "./http/index.js";
export { condition } from "./condition/index.js";
export { DEFAULT_LOOP_MAX_ITEMS, loop } from "./loop/index.js";
export { transform } from "./transform/index.js";
export { MAX_WAIT_MS, wait } from "./wait/index.js";
