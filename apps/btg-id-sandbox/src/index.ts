/**
 * A local stand-in for BTG Pactual's identity service (BTG-ID): the OAuth 2.0 token
 * endpoint (client_credentials, RFC 9396 authorization_details), its JWKS and metadata,
 * plus knobs for tests and benchmarks (latency, scripted failures, counters).
 */
export type { Sandbox, SandboxClient, SandboxOptions, SandboxStats, ScriptedFailure } from "./types.js";
export { DEMO_CLIENT, SandboxConfigError, parseEnv } from "./config.js";
export { startSandbox } from "./server.js";
