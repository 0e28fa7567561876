import { asRef, CONSENT_AUTHENTICATION, ref, stepMessage, type ConnectionAuthorization, type StepMessageParam } from "@fluxo/contracts";
import type { HttpExchangeSummary } from "@fluxo/contracts";
import { btgIdConnectionSchema, requestToken, StepError, tokenLifetimeSeconds, type AccessTokenOptions, type ConnectionGrants, type GrantedToken, type HttpClient, type TokenResponseBody } from "@fluxo/connectors";
import type pg from "pg";
import type { ConnectionService } from "../connections/connection-service.js";
import type { SealedSecret, SecretBox } from "../secrets/secret-box.js";
import { utcColumn, utcParam } from "../db/sql.js";
import { describeGrant } from "./grant-view.js";
import { consentingSubject, grantedScope, refreshExpiry } from "./token-claims.js";

/** The sealed tokens of a grant row. */
interface SealedTokens {
  access_token?: SealedSecret;
  refresh_token?: SealedSecret;
}

interface GrantRow {
  connectionId: string;
  status: "connected" | "reconnect_required";
  tokens: SealedTokens;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  scope: string;
  subject: string;
  connectedAt: Date;
  refreshedAt: Date | null;
  problem: string | null;
  problemCode: string | null;
  problemParams: Record<string, StepMessageParam> | null;
}

export interface GrantOptions {
  /** Refreshes per connection in any hour (FLUXO_BTG_REFRESH_PER_HOUR). */
  refreshesPerHour: number;
  now?: () => number;
}

/** A token is refreshed this long before it expires: 10 % of its life, at most 5 minutes (as a reused client-credentials token). */
function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(5 * 60_000, lifetimeMs * 0.1);
}

/**
 * A token a refresh issued this recently is not refreshed again when an API refuses it: the
 * refusal is about the token's rights, not its age, and another refresh would only spend the budget.
 */
export const JUST_REFRESHED_MS = 60_000;

/** Keep connected: an idle connection is refreshed when its refresh token has less than this left. */
export const KEEP_CONNECTED_MARGIN_MS = 2 * 24 * 3600_000;

const SELECT_GRANT = `SELECT "connectionId", status, tokens, scope, subject, problem, "problemCode", "problemParams", ${utcColumn('"accessExpiresAt"')}, ${utcColumn('"refreshExpiresAt"')}, ${utcColumn('"connectedAt"')}, ${utcColumn('"refreshedAt"')} FROM "OAuthGrant" WHERE "connectionId" = $1`;

type Due = (grant: GrantRow, accessToken: string) => boolean;
/** The token, and whether this call asked BTG for it (false: another process had just renewed it). */
type Refreshed = { token: GrantedToken; asked: boolean };

/**
 * The tokens a person's consent gave each Authorization Code connection. Refreshes are
 * single-flight at two levels: in this process one promise per connection (so twenty steps
 * waiting hold no twenty database connections), across processes a row lock on the grant
 * (`SELECT … FOR UPDATE`) held while the refresh is asked — the second process to get the lock
 * finds the token already renewed and uses it. PostgreSQL rather than a Redis lock: it is the
 * record every role already has (single mode has no Redis), the lock dies with the session of a
 * process that crashes mid-refresh (no lease to expire or steal), and the rotated refresh token
 * is written in the same transaction that held the lock.
 */
export class ConnectionGrantService implements ConnectionGrants {
  private readonly inFlight = new Map<string, Promise<Refreshed>>();
  private readonly now: () => number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly box: SecretBox,
    private readonly http: HttpClient,
    private readonly connections: ConnectionService,
    private readonly options: GrantOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async accessToken(connectionId: string, options: AccessTokenOptions = {}): Promise<GrantedToken> {
    const grant = await this.read(this.pool, connectionId);
    const name = await this.connectionName(connectionId);
    if (!grant) throw notConnected(name);
    if (grant.status === "reconnect_required") throw reconnectRequired(name, grant);
    const current = this.openAccess(grant);
    const due: Due = (row, token) => {
      if (token !== options.rejected) return this.accessDue(row);
      if (this.justRefreshed(row)) throw refusedFreshToken(name);
      return true;
    };
    if (current && !due(grant, current)) return this.granted(grant, current);
    return (await this.singleFlight(connectionId, () => this.refresh(connectionId, due, options.recordHttp))).token;
  }

  /** Keep connected: refreshes each such connection whose refresh token lapses within the margin; returns how many were refreshed. */
  async keepConnected(): Promise<number> {
    const { rows } = await this.pool.query<{ connectionId: string }>(
      `SELECT g."connectionId" FROM "OAuthGrant" g JOIN "Connection" c ON c.id = g."connectionId"
        WHERE g.status = 'connected' AND c.config->>'keepConnected' = 'true' AND c.config->>'authentication' = $2
          AND g."refreshExpiresAt" < ${utcParam(1)}`,
      [new Date(this.now() + KEEP_CONNECTED_MARGIN_MS).toISOString(), CONSENT_AUTHENTICATION],
    );
    let refreshed = 0;
    for (const { connectionId } of rows) {
      const lapsing: Due = (grant) => grant.refreshExpiresAt !== null && grant.refreshExpiresAt.getTime() < this.now() + KEEP_CONNECTED_MARGIN_MS;
      try {
        if ((await this.singleFlight(connectionId, () => this.refresh(connectionId, lapsing))).asked) refreshed++;
      } catch {
        // Recorded on the grant (reconnect_required) or retried at the next sweep (budget, network).
      }
    }
    return refreshed;
  }

  /** The consent as the API shows it (never the tokens). */
  async describe(connectionId: string): Promise<ConnectionAuthorization | null> {
    const grant = await this.read(this.pool, connectionId);
    return grant ? describeGrant(grant) : null;
  }

  /** Stores the tokens of a consent just given (the code exchanged), replacing any before it. */
  async store(connectionId: string, body: TokenResponseBody, requestedScope: string, issuedAt: number): Promise<void> {
    if (typeof body["refresh_token"] !== "string" || body["refresh_token"] === "") {
      throw new StepError({ kind: "invalid_response", ...stepMessage("btg_id.no_refresh_token") });
    }
    const tokens = { access_token: this.box.seal(body.access_token), refresh_token: this.box.seal(body["refresh_token"]) };
    const lifetime = tokenLifetimeSeconds(body, issuedAt);
    await this.pool.query(
      `INSERT INTO "OAuthGrant" ("connectionId", status, tokens, "accessExpiresAt", "refreshExpiresAt", scope, subject, "connectedAt", "refreshedAt", problem, "updatedAt")
       VALUES ($1, 'connected', $2, ${utcParam(3)}, ${utcParam(4)}, $5, $6, ${utcParam(7)}, NULL, NULL, ${utcParam(7)})
       ON CONFLICT ("connectionId") DO UPDATE SET status = 'connected', tokens = $2, "accessExpiresAt" = ${utcParam(3)}, "refreshExpiresAt" = ${utcParam(4)},
         scope = $5, subject = $6, "connectedAt" = ${utcParam(7)}, "refreshedAt" = NULL, problem = NULL, "problemCode" = NULL, "problemParams" = NULL, "updatedAt" = ${utcParam(7)}`,
      [
        connectionId,
        JSON.stringify(tokens),
        lifetime === undefined ? null : new Date(issuedAt + lifetime * 1000).toISOString(),
        refreshExpiry(body, issuedAt).toISOString(),
        grantedScope(body, requestedScope),
        consentingSubject(body),
        new Date(issuedAt).toISOString(),
      ],
    );
  }

  /** Forgets the tokens, returning them (opened) for the caller to revoke. */
  async forget(connectionId: string): Promise<{ accessToken: string | null; refreshToken: string | null }> {
    const { rows } = await this.pool.query<{ tokens: SealedTokens }>(`DELETE FROM "OAuthGrant" WHERE "connectionId" = $1 RETURNING tokens`, [connectionId]);
    const tokens = rows[0]?.tokens ?? {};
    return { accessToken: tokens.access_token ? this.box.open(tokens.access_token) : null, refreshToken: tokens.refresh_token ? this.box.open(tokens.refresh_token) : null };
  }

  private singleFlight(connectionId: string, refresh: () => Promise<Refreshed>): Promise<Refreshed> {
    const running = this.inFlight.get(connectionId);
    if (running) return running;
    const started = refresh().finally(() => this.inFlight.delete(connectionId));
    this.inFlight.set(connectionId, started);
    return started;
  }

  /** Under the grant's row lock: uses a token another process renewed meanwhile, or asks for one within the hourly budget. */
  private async refresh(connectionId: string, due: Due, recordHttp?: (summary: HttpExchangeSummary) => void): Promise<Refreshed> {
    const client = await this.pool.connect();
    let committed = false;
    try {
      await client.query("BEGIN");
      const grant = await this.read(client, connectionId, " FOR UPDATE");
      const name = await this.connectionName(connectionId);
      if (!grant) throw notConnected(name);
      if (grant.status === "reconnect_required") throw reconnectRequired(name, grant);
      const current = this.openAccess(grant);
      if (current && !due(grant, current)) {
        await client.query("COMMIT");
        committed = true;
        return { token: this.granted(grant, current), asked: false };
      }
      await this.takeFromBudget(client, connectionId, name);
      const outcome = await this.askRefresh(connectionId, grant, recordHttp);
      if ("refused" in outcome) {
        // The refresh token is dead (expired, revoked, reused): only a new consent helps.
        const problem = stepMessage("btg_id.refresh_refused", { code: outcome.refused.info.code ?? "invalid_grant" });
        await client.query(
          `UPDATE "OAuthGrant" SET status = 'reconnect_required', tokens = '{}', problem = $2, "problemCode" = $3, "problemParams" = $4, "updatedAt" = ${utcParam(5)} WHERE "connectionId" = $1`,
          [connectionId, problem.message, problem.messageCode, JSON.stringify(problem.messageParams), new Date(this.now()).toISOString()],
        );
        await client.query("COMMIT");
        committed = true;
        throw reconnectRequired(name, { problem: problem.message, problemCode: problem.messageCode, problemParams: problem.messageParams ?? null });
      }
      if ("failed" in outcome) {
        await client.query("COMMIT"); // the attempt counts against the budget: BTG counted it
        committed = true;
        throw new StepError({ ...outcome.failed.info, ...stepMessage("btg_id.refresh_failed", { name, failure: asRef(outcome.failed.info) }) });
      }
      const updated = await this.saveRefreshed(client, grant, outcome.body, outcome.issuedAt);
      await client.query("COMMIT");
      committed = true;
      return { token: updated, asked: true };
    } finally {
      if (!committed) await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    }
  }

  /** Counts this refresh, or refuses it saying when the next one is allowed. */
  private async takeFromBudget(client: pg.PoolClient, connectionId: string, name: string): Promise<void> {
    const now = this.now();
    const hourAgo = new Date(now - 3600_000).toISOString();
    const { rows } = await client.query<{ count: string; oldest: Date | null }>(
      `SELECT count(*) AS count, (min(at) AT TIME ZONE 'UTC') AS oldest FROM "OAuthRefresh" WHERE "connectionId" = $1 AND at > ${utcParam(2)}`,
      [connectionId, hourAgo],
    );
    const used = Number(rows[0]?.count ?? 0);
    if (used >= this.options.refreshesPerHour) {
      const next = new Date((rows[0]?.oldest?.getTime() ?? now) + 3600_000);
      throw new StepError({
        kind: "connection",
        code: "refresh_budget_exhausted",
        ...stepMessage("btg_id.refresh_budget", { name, used, limit: this.options.refreshesPerHour, next: formatTime(next) }),
      });
    }
    await client.query(`INSERT INTO "OAuthRefresh" ("connectionId", at) VALUES ($1, ${utcParam(2)})`, [connectionId, new Date(now).toISOString()]);
    // Only the last hour counts: older rows go (under the same lock), so the table stays at most the budget per connection.
    await client.query(`DELETE FROM "OAuthRefresh" WHERE "connectionId" = $1 AND at <= ${utcParam(2)}`, [connectionId, hourAgo]);
  }

  private async askRefresh(connectionId: string, grant: GrantRow, recordHttp: ((summary: HttpExchangeSummary) => void) | undefined): Promise<{ body: TokenResponseBody; issuedAt: number } | { refused: StepError } | { failed: StepError }> {
    const refreshToken = grant.tokens.refresh_token ? this.box.open(grant.tokens.refresh_token) : null;
    if (!refreshToken) return { refused: new StepError({ kind: "connection", code: "invalid_grant", message: "sem refresh token" }) };
    const values = await this.connections.loadValues(connectionId);
    const connection = btgIdConnectionSchema.parse({ ...values?.values, ...values?.secrets });
    const issuedAt = this.now();
    try {
      const token = await requestToken({
        connection,
        form: { grant_type: "refresh_token", refresh_token: refreshToken },
        timeoutMs: 30_000,
        http: this.http,
        signal: AbortSignal.timeout(30_000),
        ...(recordHttp ? { recordHttp } : {}),
      });
      return { body: token.body, issuedAt };
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      return error.info.code === "invalid_grant" ? { refused: error } : { failed: error };
    }
  }

  /** The new access token and, when the server rotated it, the new refresh token: one UPDATE, in the transaction that holds the lock. */
  private async saveRefreshed(client: pg.PoolClient, grant: GrantRow, body: TokenResponseBody, issuedAt: number): Promise<GrantedToken> {
    const rotated = typeof body["refresh_token"] === "string" && body["refresh_token"] !== "";
    const tokens: SealedTokens = { access_token: this.box.seal(body.access_token), refresh_token: rotated ? this.box.seal(body["refresh_token"] as string) : grant.tokens.refresh_token! };
    const lifetime = tokenLifetimeSeconds(body, issuedAt);
    const accessExpiresAt = lifetime === undefined ? null : new Date(issuedAt + lifetime * 1000);
    const refreshExpiresAt = rotated ? refreshExpiry(body, issuedAt) : grant.refreshExpiresAt;
    const scope = grantedScope(body, grant.scope);
    await client.query(
      `UPDATE "OAuthGrant" SET tokens = $2, "accessExpiresAt" = ${utcParam(3)}, "refreshExpiresAt" = ${utcParam(4)}, scope = $5, "refreshedAt" = ${utcParam(6)}, "updatedAt" = ${utcParam(6)} WHERE "connectionId" = $1`,
      [grant.connectionId, JSON.stringify(tokens), accessExpiresAt?.toISOString() ?? null, refreshExpiresAt?.toISOString() ?? null, scope, new Date(issuedAt).toISOString()],
    );
    return { accessToken: body.access_token, expiresAt: accessExpiresAt, scope };
  }

  private async read(db: pg.Pool | pg.PoolClient, connectionId: string, lock = ""): Promise<GrantRow | null> {
    const { rows } = await db.query<GrantRow>(`${SELECT_GRANT}${lock}`, [connectionId]);
    return rows[0] ?? null;
  }

  private async connectionName(connectionId: string): Promise<string> {
    return (await this.connections.loadValues(connectionId))?.name ?? connectionId;
  }

  private openAccess(grant: GrantRow): string | null {
    return grant.tokens.access_token ? this.box.open(grant.tokens.access_token) : null;
  }

  private accessDue(grant: GrantRow): boolean {
    if (!grant.accessExpiresAt) return false; // no known lifetime: used until an API refuses it
    const issued = (grant.refreshedAt ?? grant.connectedAt).getTime();
    const expires = grant.accessExpiresAt.getTime();
    return this.now() >= expires - refreshMarginMs(expires - issued);
  }

  private justRefreshed(grant: GrantRow): boolean {
    return grant.refreshedAt !== null && this.now() - grant.refreshedAt.getTime() < JUST_REFRESHED_MS;
  }

  private granted(grant: GrantRow, accessToken: string): GrantedToken {
    return { accessToken, expiresAt: grant.accessExpiresAt, scope: grant.scope };
  }
}

function notConnected(name: string): StepError {
  return new StepError({ kind: "connection", code: "not_connected", ...stepMessage("btg_id.not_connected", { name }) });
}

function refusedFreshToken(name: string): StepError {
  return new StepError({
    kind: "connection",
    code: "token_refused",
    ...stepMessage("btg_id.fresh_token_refused", { name }),
  });
}

function reconnectRequired(name: string, stored: Pick<GrantRow, "problem" | "problemCode" | "problemParams">): StepError {
  // The reason stored when BTG-ID refused the refresh: by its code, or its pt-BR text for a row stored before codes.
  const problem = stored.problemCode ? asRef({ message: stored.problem ?? "", messageCode: stored.problemCode, ...(stored.problemParams ? { messageParams: stored.problemParams } : {}) }) : (stored.problem ?? ref("btg_id.reconnect_again"));
  return new StepError({ kind: "connection", code: "reconnect_required", ...stepMessage("btg_id.reconnect_required", { name, problem }) });
}

const timeFormat = new Intl.DateTimeFormat("pt-BR", { dateStyle: "short", timeStyle: "medium", timeZone: "UTC" });
function formatTime(date: Date): string {
  return timeFormat.format(date);
}
