import type { ExecutionEvent } from "@fluxo/contracts";
import type pg from "pg";
import type { PrismaClient } from "../db/database.js";
import { toJson } from "../db/json.js";

/*
 * An execution's events are stored per commit: the events one change commits together (two for
 * most) are one "ExecutionEvents" row, keyed by the seq of the last of them. A commit then writes
 * one row, one index entry and one foreign key check (a FOR KEY SHARE lock on its Execution), not
 * one per event. Everything that reads events reads them through here, one event at a time as before.
 */

/** The row that stores `events` (in seq order, at least one) of one commit. */
export function eventsRow(events: readonly ExecutionEvent[]): { executionId: string; lastSeq: number; events: ReturnType<typeof toJson> } {
  return { executionId: events[0]!.executionId, lastSeq: events[events.length - 1]!.seq, events: toJson(events) };
}

/** The rows holding execution $1's events after seq $2. Exported for the test of its plan (statement-plans.test.ts). */
export const EVENTS_AFTER = `SELECT events FROM "ExecutionEvents" WHERE "executionId" = $1 AND "lastSeq" > $2 ORDER BY "lastSeq"`;

/** The stored events of execution `id` after `seq`, in order (an SSE replay from Last-Event-ID). */
export async function storedEventsAfter(pool: pg.Pool, id: string, seq: number): Promise<ExecutionEvent[]> {
  const { rows } = await pool.query<{ events: ExecutionEvent[] }>({ name: "fluxo-events-after", text: EVENTS_AFTER, values: [id, seq] });
  return rows.flatMap((row) => row.events).filter((event) => event.seq > seq);
}

/** The stored `execution.finished` event of execution `id`; null while it runs. */
export async function storedFinishedEvent(pool: pg.Pool, id: string): Promise<ExecutionEvent | null> {
  const { rows } = await pool.query<{ event: ExecutionEvent }>(
    `SELECT p.event FROM "ExecutionEvents" v CROSS JOIN LATERAL jsonb_array_elements(v.events) AS p(event)
     WHERE v."executionId" = $1 AND p.event->>'type' = 'execution.finished'`,
    [id],
  );
  return rows[0]?.event ?? null;
}

/** The seq of execution `id`'s last stored event; 0 when it has none. */
export async function lastStoredSeq(prisma: PrismaClient, id: string): Promise<number> {
  const last = await prisma.executionEvents.findFirst({ where: { executionId: id }, orderBy: { lastSeq: "desc" }, select: { lastSeq: true } });
  return last?.lastSeq ?? 0;
}
