import { problem } from "../http/route-problems.js";
import { createHash } from "node:crypto";
import type { Request, Response } from "express";
import type pg from "pg";
import type { Principal } from "../auth/permissions.js";
import { fieldProblem, ProblemError } from "../http/problem.js";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** How long a key answers its first execution. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;
/** How long a request waits for another process's request with the same key to start its execution. */
const LOCK_WAIT_S = 10;
const LOCK_NOT_AVAILABLE = "55P03";
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What the OpenAPI document says of the header, on every route that honours it. */
export const IDEMPOTENCY_KEY_DOC =
  `Optional. A retry with the same key from the same caller within ${IDEMPOTENCY_WINDOW_HOURS} h starts nothing: it answers the first execution (its id; on …/sync its result), with Idempotency-Replayed: true. ` +
  "The same key with another request (flow, body, return_step) answers 422. 1 to 255 visible ASCII characters; a UUID per logical request is a good key.";

/** One request as a client may retry it: who asks, with which key, for what. */
export interface IdempotentRequest {
  principal: Principal;
  key: string;
  /** Everything that makes the request what it is (route, flow, body…): hashed. */
  what: readonly (string | Buffer)[];
}

/** The `Idempotency-Key` header, checked; undefined when the request has none. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!KEY_PATTERN.test(header)) {
    throw new ProblemError(422, "Unprocessable Content", problem("idempotency.bad_key", { header: IDEMPOTENCY_HEADER }), [
      fieldProblem(`headers.${IDEMPOTENCY_HEADER}`, problem("field.idempotency_key")),
    ]);
  }
  return header;
}

/**
 * Starts at most one execution per (caller, key) within the window, in PostgreSQL so it holds
 * across API processes. The key is claimed in a transaction that stays open while the execution
 * is created: a second request with the same key waits on the claim's row (PostgreSQL's unique
 * index does the waiting), then reads the execution the first one started — or, if the first
 * failed before starting anything, claims the key itself.
 */
export class IdempotentRuns {
  /**
   * Requests of this process in progress, by caller and key: a retry waits for the first here
   * rather than on a pooled connection, so a burst of retries can't take every connection
   * while the first one needs one more to store its execution.
   */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly pool: pg.Pool) {}

  async run(request: IdempotentRequest, start: () => Promise<{ executionId: string }>): Promise<{ executionId: string; replayed: boolean }> {
    const principal = principalOf(request.principal);
    const slot = `${principal} ${request.key}`;
    for (let ahead = this.inFlight.get(slot); ahead; ahead = this.inFlight.get(slot)) await ahead.catch(() => undefined);
    const running = this.claimAndRun(principal, request, start);
    this.inFlight.set(slot, running);
    try {
      return await running;
    } finally {
      if (this.inFlight.get(slot) === running) this.inFlight.delete(slot);
    }
  }

  private async claimAndRun(principal: string, request: IdempotentRequest, start: () => Promise<{ executionId: string }>): Promise<{ executionId: string; replayed: boolean }> {
    const fingerprint = hash(request.what);
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // Another process's request with this key holds the row while it starts its execution.
      await client.query(`SET LOCAL lock_timeout = '${LOCK_WAIT_S}s'`);
      await client.query(`DELETE FROM "IdempotencyKey" WHERE principal = $1 AND key = $2 AND "createdAt" < LOCALTIMESTAMP - make_interval(hours => $3)`, [principal, request.key, IDEMPOTENCY_WINDOW_HOURS]);
      const claimed = await client.query(`INSERT INTO "IdempotencyKey" (principal, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [principal, request.key, fingerprint]);
      if (claimed.rowCount === 0) {
        const { rows } = await client.query<{ fingerprint: string; executionId: string }>(`SELECT fingerprint, "executionId" FROM "IdempotencyKey" WHERE principal = $1 AND key = $2`, [principal, request.key]);
        await client.query("COMMIT");
        const first = rows[0];
        // Gone since (its execution was pruned): nothing to answer with; a retry claims the key anew.
        if (!first) throw new ProblemError(409, "Conflict", problem("idempotency.just_deleted", { header: IDEMPOTENCY_HEADER, key: request.key }));
        if (first.fingerprint !== fingerprint) {
          throw new ProblemError(422, "Unprocessable Content", problem("idempotency.reused", { header: IDEMPOTENCY_HEADER, key: request.key, hours: IDEMPOTENCY_WINDOW_HOURS }), [
            { path: `headers.${IDEMPOTENCY_HEADER}`, message: "Já usada com outra requisição." },
          ]);
        }
        return { executionId: first.executionId, replayed: true };
      }
      const { executionId } = await start();
      await client.query(`UPDATE "IdempotencyKey" SET "executionId" = $3 WHERE principal = $1 AND key = $2`, [principal, request.key, executionId]);
      await client.query("COMMIT");
      return { executionId, replayed: false };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) {
        throw new ProblemError(409, "Conflict", problem("idempotency.starting", { header: IDEMPOTENCY_HEADER, key: request.key }), undefined, { retryAfter: LOCK_WAIT_S });
      }
      throw error;
    } finally {
      client.release();
    }
  }
}

function principalOf(principal: Principal): string {
  return principal.kind === "user" ? `user:${principal.userId}:${principal.workspaceId}` : `key:${principal.keyId}`;
}

function hash(parts: readonly (string | Buffer)[]): string {
  const digest = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part) : part;
    // Length-prefixed, so ["ab", "c"] and ["a", "bc"] differ.
    digest.update(`${bytes.length}:`).update(bytes);
  }
  return digest.digest("hex");
}

/**
 * Starts the execution, once per `Idempotency-Key` when the request sends one; a replay
 * answers the first execution and says so in `Idempotency-Replayed: true`. `what` (the
 * request's identity) is worked out only then: most calls send no key.
 */
export async function startOnce(runs: IdempotentRuns, req: Request, res: Response, what: () => readonly (string | Buffer)[], start: () => Promise<{ executionId: string }>): Promise<{ executionId: string }> {
  const key = idempotencyKeyOf(req.get(IDEMPOTENCY_HEADER));
  if (key === undefined) return start();
  const { executionId, replayed } = await runs.run({ principal: req.principal!, key, what: what() }, start);
  if (replayed) res.set("Idempotency-Replayed", "true");
  return { executionId };
}
