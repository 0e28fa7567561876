/** Limits that keep a template from using unbounded time or memory. */
export const LIMITS = {
  /** Maximum length of one template, in UTF-16 code units (what `string.length` counts). */
  maxTemplateLength: 10_000,
  /** Maximum nesting of parentheses inside one action. */
  maxNestingDepth: 32,
  /** Default maximum evaluation steps (one per evaluated expression node and function call). */
  maxSteps: 10_000,
  /** Default maximum size, in UTF-8 bytes, of a rendered template or of any text a function builds. */
  maxOutputBytes: 1_000_000,
  /**
   * Default maximum of everything one evaluation builds (every text, list and map a function
   * or a rendering makes, added up): with at most `maxOutputBytes` per value and 10 000 steps,
   * a template could otherwise build gigabytes and hold the process for seconds.
   */
  maxBuiltBytes: 10_000_000,
  /** Maximum nesting of arrays/objects that `resolveValue` walks. */
  maxValueDepth: 64,
} as const;

import { message, type ExpressionMessage } from "./messages.js";

/** A count told with each language's digit grouping: 10.000 in pt-BR, 10,000 in English. */
export function countMessage(value: number): ExpressionMessage {
  return message("expression.integer", { grouped_pt: formatInt(value, "."), grouped_en: formatInt(value, ",") });
}

/** 10000 → "10.000" (digit grouping independent of the runtime's locale data). */
function formatInt(value: number, separator: string): string {
  const digits = String(Math.trunc(Math.abs(value)));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return value < 0 ? `-${out}` : out;
}
