/**
 * The public types of the sandbox. They are re-exported from index.ts; connector, engine
 * and server tests are written against these names, so keep them stable.
 */

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
}

/**
 * What the next request gets instead of the normal answer. Each scripted entry is
 * consumed by exactly one request — a POST to /oauth2/token or any request under /api —
 * in order of arrival; the targeted kinds wait in the queue for their own step.
 */
export type ScriptedFailure =
  /** A JSON answer with this status (default body `{"error":"temporarily_unavailable"}` for 5xx). */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** An HTML page with this status, as a proxy or load balancer would send. */
  | { kind: "non-json"; status: number }
  /** The connection is reset without any answer. */
  | { kind: "reset" }
  /** No answer at all until the client (or close()) drops the connection. */
  | { kind: "hang" }
  /** The normal answer, after an extra `ms` milliseconds. */
  | { kind: "delay"; ms: number }
  /**
   * Targeted: the next `grant_type=refresh_token` request (once its client is authenticated)
   * answers 400 `invalid_grant`, and the refresh token's family is revoked, as when BTG
   * withdraws a consent. Skipped by the requests that take the other entries.
   */
  | { kind: "refresh-invalid-grant" }
  /** Targeted: the next consent (either button) redirects with `error=access_denied`. */
  | { kind: "consent-access-denied" };

export interface SandboxOptions {
  /** Registered clients; default: only DEMO_CLIENT. */
  clients?: SandboxClient[];
  /** Added latency before the token endpoint and the API answer; default 0. */
  latencyMs?: number;
  /** `expires_in` of issued access tokens; default 86400 (24 h, like BTG). */
  tokenTtlSeconds?: number;
  /** Lifetime of each refresh token (every rotation starts a new one); default 864000 (10 days, like BTG). */
  refreshTokenTtlSeconds?: number;
  /** Lifetime of an authorization code; default 60, at most 600. */
  codeTtlSeconds?: number;
  /**
   * Redirect URIs registered for every client, matched exactly, besides the built-in
   * loopback callbacks (`http://localhost|127.0.0.1|[::1]:<any port>/api/oauth/callback`).
   */
  redirectUris?: string[];
  /** When true the banking APIs answer only Authorization Code tokens (as BTG does); default false. */
  strictGrants?: boolean;
  /** 0 (the default for startSandbox) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Receives the rare lines worth logging (unexpected errors). Never secrets or tokens. */
  log?: (line: string) => void;
}

export interface SandboxStats {
  /** POST requests received by /oauth2/token, whatever their outcome. */
  tokenRequests: number;
  /** Access tokens issued (200 answers). */
  tokensIssued: number;
  /**
   * The same by `grant_type` (`client_credentials`, `authorization_code`, `refresh_token`);
   * grants that issued nothing are absent. E.g. how many refreshes a client made.
   */
  tokensIssuedByGrant: Record<string, number>;
  /** Requests received under /api (any method and path), whatever their outcome. */
  apiRequests: number;
  /**
   * Error answers of the token endpoint and the API by error code (`invalid_client`,
   * `unsupported_grant_type`, `invalid_token`, `insufficient_scope`, `not_found`,
   * `temporarily_unavailable`, …). Scripted failures count
   * under the `error` of their JSON body, `http_<status>` when the body has none,
   * and `non_json`, `reset`, `hang` for the other kinds. `delay` is not an error.
   */
  errors: Record<string, number>;
}

export interface Sandbox {
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:41234"; also the tokens' `iss`. */
  url: string;
  /** url + "/oauth2/authorize": the login and consent pages (Authorization Code + PKCE). */
  authorizationUrl: string;
  /** url + "/oauth2/token" */
  tokenUrl: string;
  /** url + "/oauth2/revoke" (RFC 7009) */
  revocationUrl: string;
  /** url + "/.well-known/jwks.json" */
  jwksUrl: string;
  /** url + "/api": the stand-in for https://api.empresas.btgpactual.com (no trailing slash). */
  apiUrl: string;
  setLatency(ms: number): void;
  /** Replaces the queue of scripted failures (it does not append). */
  scriptFailures(failures: ScriptedFailure[]): void;
  stats(): SandboxStats;
  /** Latency 0, no scripted failures, counters zeroed, the payments made through the API forgotten. */
  reset(): void;
  /** Stops listening and destroys open connections (hanging requests included). */
  close(): Promise<void>;
}
