/**
 * A local stand-in for BTG Pactual's identity service (BTG-ID): the OAuth 2.0 token
 * endpoint (client_credentials with RFC 9396 authorization_details; authorization_code
 * with PKCE and rotating refresh_token), the account holder's login and consent pages,
 * revocation (RFC 7009), its JWKS and metadata;
 * and for BTG's banking APIs under /api (balance, statements, Pix payments) that accept
 * its tokens; plus knobs for tests and benchmarks (latency, scripted failures, counters).
 */
export type { Sandbox, SandboxClient, SandboxOptions, SandboxStats, ScriptedFailure } from "./types.js";
export { DEMO_ACCOUNT, DEMO_CLIENT, SandboxConfigError, parseEnv } from "./config.js";
export { LOOPBACK_CALLBACK_PATH } from "./authorization-code/redirect-uris.js";
export { startSandbox } from "./server.js";
export { completeAuthorization } from "./browserless-login.js";
export type { AccountHolderChoices } from "./browserless-login.js";
export { SCOPES as BTG_SCOPES } from "./api/grants.js";
export { COMPANIES as SANDBOX_COMPANIES } from "./api/banking-data.js";
export type { Account as SandboxAccount, Company as SandboxCompany } from "./api/banking-data.js";
export { TRANSACTIONS_PER_DAY } from "./api/statements.js";
export type { Payment as SandboxPayment } from "./api/payments.js";
