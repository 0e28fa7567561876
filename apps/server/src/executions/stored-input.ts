import { TriggerInputSchema, type TriggerInput } from "@fluxo/contracts";
import { rememberBodySource } from "../http/body-source.js";
import { parseValidJson } from "../http/sliced-parse.js";

/**
 * SQL that reads an execution's stored input (`e.input`) as `input` without its body, and the body as
 * `body`, the text PostgreSQL gives (jsonb::text; SQL NULL for none): pg would parse a 9 MB body whole
 * on the event loop.
 */
export const STORED_INPUT_COLUMNS = `e.input - 'body' AS input, (e.input->'body')::text AS body`;

export interface StoredInputRow {
  input: unknown;
  body: string | null;
}

/**
 * A stored execution's input, for a run of it (a queue worker's, one started again) or for a new
 * execution that takes it (a re-run, a step test: its body is stored again from the text read,
 * body-source.ts, every digit as stored). The body is parsed only when `needed` (this process runs
 * the execution), a slice at a time between other work (sliced-parse.ts).
 */
export async function storedInput({ input, body }: StoredInputRow, needed: boolean): Promise<TriggerInput> {
  const stored = { ...TriggerInputSchema.parse(input), body: body !== null && needed ? await parseValidJson(body) : null };
  if (body !== null) rememberBodySource(stored, body);
  return stored;
}
