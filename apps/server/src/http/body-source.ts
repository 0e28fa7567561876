import { randomUUID } from "node:crypto";

/** The JSON text a trigger input's body was parsed from (a gateway call's, already checked), by input. */
const sources = new WeakMap<object, string>();

/**
 * Remembers that `input.body` is the value of `text`, so storing the input writes that text as it
 * came instead of serialising the parsed value again — on a 9 MB gateway body a full pass on the event loop.
 */
export function rememberBodySource(input: { body: unknown }, text: string): void {
  sources.set(input, text);
}

export function bodySourceOf(input: object): string | undefined {
  return sources.get(input);
}

/**
 * `JSON.stringify` where some values are written from the JSON text they were parsed from: each
 * such value is stringified as a placeholder no caller can guess, which the text then replaces.
 */
export class SplicedJson {
  private readonly texts = new Map<string, string>();

  /** What to put in place of the value `text` encodes. */
  placeholder(text: string): string {
    const placeholder = `fluxo-json-${randomUUID()}`;
    this.texts.set(placeholder, text);
    return placeholder;
  }

  /** One pass over the JSON around the texts, however many there are (an execution read back has two per step). */
  stringify(value: unknown): string {
    const json = JSON.stringify(value);
    if (this.texts.size === 0) return json;
    const parts: string[] = [];
    let from = 0;
    for (const match of json.matchAll(PLACEHOLDER)) {
      const text = this.texts.get(match[1]!);
      if (text === undefined) continue;
      parts.push(json.slice(from, match.index), text);
      from = match.index + match[0].length;
    }
    parts.push(json.slice(from));
    return parts.join("");
  }
}

const PLACEHOLDER = /"(fluxo-json-[0-9a-f-]{36})"/g;

/** An answer already written as JSON text (SplicedJson's): the router sends it as it is. */
export class JsonText {
  constructor(readonly text: string) {}
}
