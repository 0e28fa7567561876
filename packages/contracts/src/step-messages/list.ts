import type { StepMessageParam } from "../step-messages.js";

/**
 * Several messages as one param, each told in the reader's language: `list.more` chains them, and
 * past `max` the rest are counted ("; e mais 3").
 */
export function messageList(items: readonly StepMessageParam[], max = Infinity): StepMessageParam {
  const shown = items.slice(0, max);
  const hidden = items.length - shown.length;
  let list: StepMessageParam = hidden > 0 ? { code: "list.and_more", params: { first: shown.at(-1)!, count: hidden } } : shown.at(-1) ?? "";
  for (const item of shown.slice(0, -1).reverse()) list = { code: "list.more", params: { first: item, rest: list } };
  return list;
}
