/**
 * A local stand-in for BTG Pactual's identity service (BTG-ID): the OAuth 2.0 token
 * endpoint (client_credentials, RFC 9396 authorization_details), its JWKS and metadata;
 * and for BTG's banking APIs under /api (balance, statements, Pix payments) that accept
 * its tokens; plus knobs for tests and benchmarks (latency, scripted failures, counters).
 */
export type { Sandbox, SandboxClient, SandboxOptions, SandboxStats, ScriptedFailure } from "./types.js";
export { DEMO_CLIENT, SandboxConfigError, parseEnv } from "./config.js";
export { startSandbox } from "./server.js";
export { SCOPES as BTG_SCOPES } from "./api/grants.js";
export { COMPANIES as SANDBOX_COMPANIES } from "./api/banking-data.js";
export type { Account as SandboxAccount, Company as SandboxCompany } from "./api/banking-data.js";
export { TRANSACTIONS_PER_DAY } from "./api/statements.js";
export type { Payment as SandboxPayment } from "./api/payments.js";
