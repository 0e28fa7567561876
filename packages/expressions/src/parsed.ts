import type { Template } from "./ast.js";
import { parseTemplate } from "./parser.js";

/** How many templates are kept parsed; the oldest goes first. A flow's fields hold a handful each. */
const KEPT = 512;
/** Longer ones are parsed each time: the cache stays a few MB at most. */
const LONGEST_KEPT = 2_000;

const parsed = new Map<string, Template>();

/**
 * A step field's template parsed once and reused by every run that evaluates the same text
 * (templates are read-only once parsed). A template that doesn't parse throws each time.
 */
export function parsedTemplate(source: string): Template {
  const known = parsed.get(source);
  if (known) return known;
  const template = parseTemplate(source);
  if (source.length <= LONGEST_KEPT) {
    if (parsed.size >= KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(source, template);
  }
  return template;
}
