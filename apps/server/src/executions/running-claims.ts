import pg from "pg";
import type { DatabaseFields } from "../db/database-url.js";
import type { Logger } from "../logger.js";

/** The first key of the advisory locks that say "a live worker is running this execution" (any constant unique to them). */
const RUNNING_CLAIM = 0x464c_5852; // "FLXR"

/**
 * SQL: true while a live worker holds the claim on the execution row `alias`. A worker that dies
 * loses its connection and with it its claims, so an unclaimed `running` execution is one nobody runs.
 */
export const isClaimed = (alias: string) =>
  `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND l.classid = ${RUNNING_CLAIM}::oid AND l.objid = hashtext(${alias}.id::text)::oid)`;

export interface RunningClaims {
  /** Takes the claim; false when another process holds it (it runs the execution now). */
  claim(executionId: string): Promise<boolean>;
  release(executionId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A worker's claims on the executions it runs: session advisory locks on one connection of its
 * own, so the requeue pass can tell an execution a live worker runs from one whose worker (and
 * queue job) is gone. A dropped connection drops every claim; the next claim opens a new one.
 */
export function runningClaims(fields: DatabaseFields, logger: Logger): RunningClaims {
  let connection: Promise<pg.Client> | null = null;
  const client = () =>
    (connection ??= (async () => {
      const c = new pg.Client(fields);
      c.on("error", (error) => {
        logger.warn({ err: error }, "the connection holding running executions' claims dropped; claims are taken again on the next run");
        connection = null;
      });
      await c.connect();
      return c;
    })().catch((error: unknown) => {
      connection = null;
      throw error;
    }));
  return {
    async claim(executionId) {
      const { rows } = await (await client()).query<{ claimed: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS claimed", [RUNNING_CLAIM, executionId]);
      return rows[0]!.claimed;
    },
    async release(executionId) {
      await (await client()).query("SELECT pg_advisory_unlock($1, hashtext($2))", [RUNNING_CLAIM, executionId]).catch((error: unknown) => logger.warn({ err: error, executionId }, "could not release a running execution's claim"));
    },
    async close() {
      const c = await connection?.catch(() => null);
      connection = null;
      await c?.end().catch(() => undefined);
    },
  };
}
