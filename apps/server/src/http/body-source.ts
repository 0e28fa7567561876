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

  stringify(value: unknown): string {
    let json = JSON.stringify(value);
    for (const [placeholder, text] of this.texts) {
      const at = json.indexOf(`"${placeholder}"`);
      json = json.slice(0, at) + text + json.slice(at + placeholder.length + 2);
    }
    return json;
  }
}
