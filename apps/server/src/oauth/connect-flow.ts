import { problem } from "../http/route-problems.js";
import { createHash, randomBytes } from "node:crypto";
import { btgIdConnectionSchema, encodeBasicCredentials, HttpClientError, requestToken, StepError, type BtgIdConnection, type HttpClient } from "@fluxo/connectors";
import type { ConnectionService } from "../connections/connection-service.js";
import type { PrismaClient } from "../db/database.js";
import { toJson, fromJson } from "../db/json.js";
import { fieldProblem, validationProblem } from "../http/problem.js";
import type { SealedSecret, SecretBox } from "../secrets/secret-box.js";
import type { AuthorizationServers } from "./authorization-server.js";
import type { ConnectionGrantService } from "./connection-grants.js";
import { usesConsent } from "./grant-view.js";

/** How long a "Conectar com o BTG" may take, from the click to the callback. */
export const AUTHORIZATION_REQUEST_TTL_MS = 10 * 60_000;

/**
 * Why a callback stored nothing; the web app says each in the person's language. The
 * authorization server's own error code (e.g. `invalid_grant`) rides along as `reason`.
 */
export type CallbackError =
  | "access_denied"
  | "authorization_error"
  | "unknown_state"
  | "expired_state"
  | "reused_state"
  | "other_session"
  | "not_signed_in"
  | "wrong_issuer"
  | "missing_code"
  | "exchange_failed"
  /** Something unexpected on Fluxo's side (logged); nothing was stored. */
  | "server_error";

export type CallbackOutcome = { connectionId: string | null } & ({ connected: true } | { error: CallbackError; reason?: string });

export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  iss?: string | undefined;
  error?: string | undefined;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");
const sha256 = (text: string) => createHash("sha256").update(text).digest();

/**
 * "Conectar com o BTG": the authorization request (state + PKCE S256 + prompt=login) and its
 * callback. A request is single use, bound to the session that started it and to the issuer
 * its environment names, and lives 10 minutes; only its state's hash is stored, and the PKCE
 * verifier sealed. A callback that fails any check stores nothing.
 */
export class ConnectFlow {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly box: SecretBox,
    private readonly http: HttpClient,
    private readonly servers: AuthorizationServers,
    private readonly connections: ConnectionService,
    private readonly grants: ConnectionGrantService,
    private readonly now: () => number = Date.now,
  ) {}

  /** The authorization URL to send the person's browser to. */
  async start(workspaceId: string, connectionId: string, sessionHash: string, redirectUri: string): Promise<string> {
    const saved = await this.connections.get(workspaceId, connectionId); // 404 outside the workspace
    if (!usesConsent(saved.connector, saved.values)) {
      throw validationProblem(problem("oauth.not_authorization_code"), [fieldProblem("values.authentication", problem("field.choose_authorization_code"))]);
    }
    const connection = await this.openConnection(connectionId);
    const server = await this.servers.of(connection.environmentUrl);
    const state = base64url(randomBytes(32));
    const verifier = base64url(randomBytes(48));
    const now = this.now();
    await this.prisma.oAuthAuthorizationRequest.deleteMany({ where: { connectionId, expiresAt: { lt: new Date(now) } } });
    await this.prisma.oAuthAuthorizationRequest.create({
      data: {
        stateHash: base64url(sha256(state)),
        connectionId,
        sessionHash,
        codeVerifier: toJson(this.box.seal(verifier)),
        redirectUri,
        issuer: server.issuer,
        createdAt: new Date(now),
        expiresAt: new Date(now + AUTHORIZATION_REQUEST_TTL_MS),
      },
    });
    const url = new URL(server.authorizationEndpoint);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", connection.clientId);
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("scope", connection.scopes ?? "");
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", base64url(sha256(verifier)));
    url.searchParams.set("code_challenge_method", "S256");
    url.searchParams.set("prompt", "login");
    return url.toString();
  }

  /** Checks state (known, this session's, unexpired, unused) and iss before exchanging the code; stores the tokens only when all pass. */
  async callback(query: CallbackQuery, sessionHash: string | null): Promise<CallbackOutcome> {
    if (!query.state) return { connectionId: null, error: "unknown_state" };
    const stateHash = base64url(sha256(query.state));
    const request = await this.prisma.oAuthAuthorizationRequest.findUnique({ where: { stateHash } });
    if (!request) return { connectionId: null, error: "unknown_state" };
    const connectionId = request.connectionId;
    // Someone else's browser (or none signed in) presenting the state: refused, the request left for its owner.
    if (!sessionHash) return { connectionId, error: "not_signed_in" };
    if (request.sessionHash !== sessionHash) return { connectionId, error: "other_session" };
    if (request.usedAt) return { connectionId, error: "reused_state" };
    if (request.expiresAt.getTime() <= this.now()) return { connectionId, error: "expired_state" };
    // Taken once, atomically: of two callbacks racing with one state, one gets here.
    const taken = await this.prisma.oAuthAuthorizationRequest.updateMany({ where: { stateHash, usedAt: null }, data: { usedAt: new Date(this.now()) } });
    if (taken.count !== 1) return { connectionId, error: "reused_state" };

    // RFC 9207: the response must name the issuer the request went to (mix-up attacks).
    if (query.iss !== request.issuer) return { connectionId, error: "wrong_issuer" };
    if (query.error) return { connectionId, error: query.error === "access_denied" ? "access_denied" : "authorization_error", reason: oauthCode(query.error) };
    if (!query.code) return { connectionId, error: "missing_code" };

    const verifier = this.box.open(fromJson<SealedSecret>(request.codeVerifier));
    try {
      const connection = await this.openConnection(connectionId);
      const issuedAt = this.now();
      const token = await requestToken({
        connection,
        form: { grant_type: "authorization_code", code: query.code, redirect_uri: request.redirectUri, code_verifier: verifier },
        timeoutMs: 30_000,
        http: this.http,
        signal: AbortSignal.timeout(30_000),
      });
      await this.grants.store(connectionId, token.body, connection.scopes ?? "", issuedAt);
    } catch (error) {
      if (error instanceof StepError) return { connectionId, error: "exchange_failed", reason: oauthCode(error.info.code ?? error.info.kind) };
      if (error instanceof Error && error.name === "ProblemError") return { connectionId, error: "exchange_failed", reason: "invalid_connection" };
      throw error;
    }
    // The last test spoke of no consent ("not connected yet") or of the one just replaced: the new
    // one is tested in its place. Connected either way: a test that can't be stored leaves it to "Testar".
    await this.connections.testConsented(connectionId).catch(() => undefined);
    return { connectionId, connected: true };
  }

  /** The connection a callback's state was issued for, when it is known (to send the person back to it whatever happened). */
  async connectionOfState(state: string | undefined): Promise<string | null> {
    if (!state) return null;
    const request = await this.prisma.oAuthAuthorizationRequest.findUnique({ where: { stateHash: base64url(sha256(state)) }, select: { connectionId: true } });
    return request?.connectionId ?? null;
  }

  /** Forgets the tokens and revokes them at the authorization server when it offers revocation (RFC 7009). */
  async disconnect(workspaceId: string, connectionId: string): Promise<{ revoked: boolean; message: string }> {
    await this.connections.get(workspaceId, connectionId); // 404 outside the workspace
    await this.prisma.oAuthAuthorizationRequest.deleteMany({ where: { connectionId } });
    const tokens = await this.grants.forget(connectionId);
    await this.connections.forgetTest(connectionId);
    if (!tokens.refreshToken && !tokens.accessToken) return { revoked: false, message: "A conexão não estava conectada; nada a revogar." };
    const connection = await this.openConnection(connectionId).catch(() => null);
    const server = connection ? await this.servers.of(connection.environmentUrl) : null;
    if (!connection || !server?.revocationEndpoint) return { revoked: false, message: "Tokens esquecidos. O BTG-ID não oferece revogação (RFC 7009): o acesso termina quando os tokens expiram." };
    // The refresh token first: revoking it ends the whole grant at servers that tie both together.
    const toRevoke: [string, string][] = [];
    if (tokens.refreshToken) toRevoke.push(["refresh_token", tokens.refreshToken]);
    if (tokens.accessToken) toRevoke.push(["access_token", tokens.accessToken]);
    const endpoint = server.revocationEndpoint;
    const results = await Promise.all(toRevoke.map(([hint, token]) => this.revoke(endpoint, connection, token, hint)));
    return results.every(Boolean)
      ? { revoked: true, message: "Desconectado: o BTG-ID revogou os tokens e o Fluxo os esqueceu." }
      : { revoked: false, message: "Tokens esquecidos, mas o BTG-ID não confirmou a revogação: revogue o acesso do Fluxo na sua conta do BTG se precisar." };
  }

  private async revoke(endpoint: string, connection: BtgIdConnection, token: string, hint: string): Promise<boolean> {
    try {
      const response = await this.http({
        method: "POST",
        url: endpoint,
        headers: { authorization: `Basic ${encodeBasicCredentials(connection.clientId, connection.clientSecret)}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ token, token_type_hint: hint }).toString(),
        timeoutMs: 15_000,
      });
      return response.status === 200;
    } catch (error) {
      if (error instanceof HttpClientError) return false;
      throw error;
    }
  }

  private async openConnection(connectionId: string): Promise<BtgIdConnection> {
    const values = await this.connections.loadValues(connectionId);
    const parsed = btgIdConnectionSchema.safeParse({ ...values?.values, ...values?.secrets });
    if (!parsed.success) {
      throw validationProblem(problem("oauth.incomplete"), parsed.error.issues.map((issue) => ({ path: `values.${issue.path.join(".")}`, message: issue.message })));
    }
    return parsed.data;
  }
}

/** An OAuth error code as a short token (never free text from the remote server). */
function oauthCode(code: string): string {
  return /^[a-z0-9_.-]{1,64}$/i.test(code) ? code : "error";
}
