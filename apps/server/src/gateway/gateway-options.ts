import type { Config } from "../config.js";

export interface GatewayOptions {
  bodyLimit: number;
  syncTimeoutMs: number;
  /** Calls per API key per minute. */
  rateLimit: number;
}

export function gatewayOptions(config: Config): GatewayOptions {
  return { bodyLimit: config.FLUXO_GATEWAY_BODY_LIMIT, syncTimeoutMs: config.FLUXO_GATEWAY_SYNC_TIMEOUT_MS, rateLimit: config.FLUXO_GATEWAY_RATE_LIMIT };
}
