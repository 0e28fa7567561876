/**
 * Where each `{{ … }}` of a template lands when the template builds a URL, a URL path or JSON
 * text, and how its value is written there, so that a value stays one piece of that text (a path
 * segment, a query value, the content of a JSON string) and can't change its structure — a value
 * "12 34/../x?y=1" in a URL's path must not climb a level nor start a query.
 *
 * The format is the field's, declared by its connector (engine: `FieldDefinition.templateFormat`);
 * a template that is exactly one action returns its value untouched in every format (it is the
 * whole URL, the whole body).
 */

/**
 * What a template's text is:
 * - `text`: plain text, each value as it renders (the default).
 * - `url`: an absolute URL. A value in the scheme or the host (before the path starts: `{{ .base }}/items`,
 *   `https://{{ .host }}/x`) goes in as it is; in the path it is encoded as one segment, in the query as a
 *   query component, after `#` as a fragment component.
 * - `url-path`: a path (with an optional `?query` and `#fragment`) that goes after a base URL; a value
 *   at its very start goes in as it is, anywhere else as in `url`.
 * - `json`: JSON text. A value inside a JSON string literal ("…{{ … }}…") is escaped as string content
 *   (quotes, backslashes, control characters); outside one it goes in as it renders.
 */
export type TemplateFormat = "text" | "url" | "url-path" | "json";

/** The function whose result is a path encoded segment by segment: in a URL's path it goes in as it is. */
export const URL_PATH_FUNCTION = "urlPath";

/** A value placed as a path segment that, with the text around it, makes a `.` or `..` segment. */
export interface PlacementProblem {
  /** Offset of the action in the template source. */
  offset: number;
  segment: string;
}

export interface Placement {
  /** Text of the template itself, in order. */
  literal(text: string): void;
  /**
   * The text an action's rendered value becomes here. `encodedPath`: the action ends with
   * `urlPath`, so its value is a path already encoded segment by segment.
   */
  value(rendered: string, offset: number, encodedPath: boolean): string;
  /** The whole output built: whether a value ended up forming a `.`/`..` path segment. */
  finish(output: string): PlacementProblem | null;
}

export function createPlacement(format: TemplateFormat | undefined): Placement | null {
  switch (format) {
    case "url":
      return new UrlPlacement(false);
    case "url-path":
      return new UrlPlacement(true);
    case "json":
      return new JsonPlacement();
    default:
      return null;
  }
}

type UrlPart = "start" | "path" | "query" | "fragment";

/** Scheme, `//` and authority (all optional) at the start of a URL; what follows is the path, query or fragment. */
const URL_START = /^[\s\0-\x1f]*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?(?:[/\\]{2}[^/\\?#]*)?/;

class UrlPlacement implements Placement {
  private part: UrlPart = "start";
  /** The output while it is still the URL's start (scheme and host). */
  private head = "";
  /** Length of the output so far. */
  private length = 0;
  /** Values placed in the path: where they are in the output, and their action. */
  private readonly spans: { start: number; end: number; offset: number }[] = [];

  constructor(private readonly pathOnly: boolean) {}

  literal(text: string): void {
    this.asIs(text);
  }

  value(rendered: string, offset: number, encodedPath: boolean): string {
    if (this.part === "start") {
      this.asIs(rendered);
      return rendered;
    }
    const text = this.part === "path" && encodedPath ? rendered : encodeComponent(rendered);
    if (this.part === "path") this.spans.push({ start: this.length, end: this.length + text.length, offset });
    this.length += text.length;
    return text;
  }

  finish(output: string): PlacementProblem | null {
    for (const span of this.spans) {
      for (const segment of segmentsAround(output, span.start, span.end)) {
        if (/^(?:\.|%2e){1,2}$/i.test(segment)) return { offset: span.offset, segment };
      }
    }
    return null;
  }

  /** Text written as it is (the template's own, or a value at the URL's start): it may move to the next part. */
  private asIs(text: string): void {
    this.length += text.length;
    if (this.part !== "start") return this.scan(text);
    this.head += text;
    const at = this.pathOnly ? this.head.search(/[^\s]/) : startLength(this.head);
    if (at < 0) return;
    const rest = this.head.slice(at);
    this.head = "";
    this.part = "path";
    this.scan(rest);
  }

  private scan(text: string): void {
    if (this.part === "fragment") return;
    if (text.includes("#")) this.part = "fragment";
    else if (this.part === "path" && text.includes("?")) this.part = "query";
  }
}

/** Where the path (or query, or fragment) starts in `head`, or -1 while it is all scheme and host. */
function startLength(head: string): number {
  const length = URL_START.exec(head)![0].length;
  return length < head.length ? length : -1;
}

/** The path segments (between `/` or `\`, up to `?` or `#`) that the output's `[start, end)` touches. */
function segmentsAround(output: string, start: number, end: number): string[] {
  let from = start;
  while (from > 0 && output[from - 1] !== "/" && output[from - 1] !== "\\") from--;
  const segments: string[] = [];
  for (;;) {
    let to = from;
    while (to < output.length && !"/\\?#".includes(output[to]!)) to++;
    segments.push(output.slice(from, to));
    if (to >= end || to >= output.length || output[to] === "?" || output[to] === "#") return segments;
    from = to + 1;
  }
}

/** Lone surrogates (which encodeURIComponent refuses) become U+FFFD, as UTF-8 encoding does. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/**
 * A value as one piece of a URL: everything but letters, digits and `-_.!~*'()` percent-encoded
 * (UTF-8), so `/`, `?`, `#`, `&`, `=`, `+`, `%`, `\` and spaces can't change where the URL goes.
 */
export function encodeComponent(text: string): string {
  return encodeURIComponent(wellFormed(text));
}

/** A path encoded segment by segment: the slashes stay; null when a segment is `.` or `..` (returned as `segment`). */
export function encodePath(text: string): { path: string } | { segment: string } {
  const segments = text.split("/");
  const dots = segments.find((segment) => segment === "." || segment === "..");
  if (dots !== undefined) return { segment: dots };
  return { path: segments.map(encodeComponent).join("/") };
}

class JsonPlacement implements Placement {
  private inString = false;
  /** A backslash of the template's text, inside a string, waits for the character it escapes. */
  private escaping = false;

  literal(text: string): void {
    for (const char of text) {
      if (!this.inString) {
        if (char === '"') this.inString = true;
      } else if (this.escaping) this.escaping = false;
      else if (char === "\\") this.escaping = true;
      else if (char === '"') this.inString = false;
    }
  }

  value(rendered: string): string {
    // Outside a string the value goes in as it renders (a number, true, an object's JSON…).
    if (!this.inString) return rendered;
    const text = jsonStringContent(rendered, this.escaping);
    if (rendered !== "") this.escaping = false;
    return text;
  }

  finish(): null {
    return null;
  }
}

/**
 * A text as the content of a JSON string: quotes, backslashes and control characters escaped.
 * `afterBackslash`: the template's text ends with a backslash that will pair with the first
 * character written; then no quote or backslash is written bare (`\u0022`, `\u005c`), so
 * whatever it pairs with, the string can't be closed early.
 */
export function jsonStringContent(text: string, afterBackslash = false): string {
  const json = JSON.stringify(text).slice(1, -1);
  return afterBackslash ? json.replace(/\\(["\\])/g, (_, char: string) => (char === '"' ? "\\u0022" : "\\u005c")) : json;
}
