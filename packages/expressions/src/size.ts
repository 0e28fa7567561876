import { isRecord } from "./values.js";

/**
 * A lower bound of `value`'s size as JSON text (UTF-16 code units), counted only until it
 * passes `max`: measuring a 9 MB value to learn it is too big must not walk all of it.
 * Cyclic values stop too, once their count passes `max`.
 */
export function jsonSizeUpTo(value: unknown, max: number): number {
  let size = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0 && size <= max) {
    const item = pending.pop();
    if (typeof item === "string") size += item.length + 2;
    else if (Array.isArray(item)) {
      size += 2;
      for (let i = 0; i < item.length && size <= max; i++) {
        size += 1;
        pending.push(item[i]);
      }
    } else if (isRecord(item)) {
      size += 2;
      for (const key in item) {
        if (size > max) break;
        if (!Object.hasOwn(item, key)) continue;
        size += key.length + 4;
        pending.push(item[key]);
      }
    } else size += item === undefined ? 4 : String(item).length;
  }
  return size;
}
