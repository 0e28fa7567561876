import { TriggerInputSchema, type TriggerInput } from "@fluxo/contracts";

/** What the "Payload de entrada" editor starts with. */
export const EMPTY_TRIGGER_INPUT_TEXT = JSON.stringify({ body: {}, headers: {}, query_params: {} }, null, 2);

const KEYS = ["body", "headers", "query_params"] as const;

export type TriggerInputProblem =
  | { code: "invalid_json"; detail: string }
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
    return { ok: false, problem: { code: "invalid_json", detail: error instanceof Error ? error.message : String(error) } };
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
