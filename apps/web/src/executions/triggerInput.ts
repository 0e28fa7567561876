import { TriggerInputSchema, type TriggerInput } from "@fluxo/contracts";

/** What the "Payload de entrada" editor starts with. */
export const EMPTY_TRIGGER_INPUT_TEXT = JSON.stringify({ body: {}, headers: {}, query_params: {} }, null, 2);

const KEYS = ["body", "headers", "query_params"] as const;

export type TriggerInputProblem =
  /** Where the text stops being JSON, when the parser says (not its own words: they are English, and the app may not be). */
  | { code: "invalid_json"; line?: number; column?: number }
  | { code: "not_an_object" }
  | { code: "unknown_key"; key: string }
  | { code: "invalid_field"; path: string; detail: string };

export type TriggerInputParse = { ok: true; input: TriggerInput } | { ok: false; problem: TriggerInputProblem };

/**
 * Parses the text typed in the payload editor: one JSON object with `body`, `headers`
 * and `query_params` (each optional), checked against the same schema the server uses.
 */
export function parseTriggerInput(text: string): TriggerInputParse {
  if (text.trim() === "") return { ok: true, input: TriggerInputSchema.parse({}) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { code: "invalid_json", ...jsonErrorPlace(text, error) } };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: { code: "not_an_object" } };
  const unknownKey = Object.keys(value).find((key) => !(KEYS as readonly string[]).includes(key));
  if (unknownKey !== undefined) return { ok: false, problem: { code: "unknown_key", key: unknownKey } };
  const parsed = TriggerInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: { code: "invalid_field", path: issue.path.join("."), detail: issue.message } };
  }
  return { ok: true, input: parsed.data };
}

/** Line and column (1-based) of a JSON.parse failure, from the offset V8 puts in its message ("… at position 12 …"). */
export function jsonErrorPlace(text: string, error: unknown): { line?: number; column?: number } {
  const position = error instanceof Error ? /\bposition (\d+)/.exec(error.message) : null;
  if (!position) return {};
  const before = text.slice(0, Number(position[1]));
  const lines = before.split("\n");
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}
