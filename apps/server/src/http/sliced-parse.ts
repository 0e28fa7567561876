import { setImmediate as nextTurn } from "node:timers/promises";
import type { SlicePlan, TextRange } from "./json-slices.mjs";
import { jsonTextChecker, OFF_THREAD_MIN_BYTES } from "./off-thread-json.js";

/** How long the loop is held before other work gets a turn. */
const TURN_MS = 15;

/**
 * JSON.parse of `text` a piece at a time, following the worker's plan (json-slices.mjs), letting
 * other requests run between pieces: a 9.5 MB body of small objects held the loop ~200 ms in one
 * JSON.parse (a value can't come back from a worker thread for less: copying it costs as much).
 * The value is the one JSON.parse gives (same members, order and numbers).
 */
export async function parseInSlices(text: string, plan: SlicePlan): Promise<unknown> {
  let turnStarted = performance.now();
  const parse = async (range: TextRange, open = "", close = ""): Promise<unknown> => {
    if (performance.now() - turnStarted > TURN_MS) {
      await nextTurn();
      turnStarted = performance.now();
    }
    return JSON.parse(open + text.slice(range[0], range[1]) + close) as unknown;
  };
  const valueOf = async (plan: SlicePlan): Promise<unknown> => {
    if ("piece" in plan) return parse(plan.piece);
    if ("array" in plan) {
      const items: unknown[] = [];
      for (const part of plan.array) {
        if ("value" in part) items.push(await valueOf(part.value));
        else for (const item of (await parse(part.run, "[", "]")) as unknown[]) items.push(item);
      }
      return items;
    }
    // Members in the text's order, a repeated name's last value winning: as JSON.parse builds it.
    // Defined, never assigned: a key "__proto__" is an own member, as JSON.parse makes it, never the
    // object's prototype (the JSON checks refuse such keys; the value doesn't rely on them).
    const members: Record<string, unknown> = {};
    for (const part of plan.object) {
      if ("run" in part) for (const [name, value] of Object.entries((await parse(part.run, "{", "}")) as Record<string, unknown>)) member(members, name, value);
      else member(members, (await parse(part.key)) as string, await valueOf(part.value));
    }
    return members;
  };
  return valueOf(plan);
}

/**
 * The value of a JSON text known to be valid (one PostgreSQL gave, jsonb::text) without holding the
 * loop: parsed in place when small, else planned by the JSON worker thread and parsed in slices.
 */
export async function parseValidJson(text: string): Promise<unknown> {
  if (text.length < OFF_THREAD_MIN_BYTES) return JSON.parse(text) as unknown;
  return parseInSlices(text, await jsonTextChecker.plan(text));
}

function member(members: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(members, name, { value, writable: true, enumerable: true, configurable: true });
}
