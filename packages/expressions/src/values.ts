/** Helpers over the JSON-like values templates work with. */
import { message, type ExpressionMessage, type MessageParam } from "./messages.js";

/** Names that are never reachable as fields or keys, whatever the data holds. */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A path that does not exist in the data. Only `default`, `eq`, `ne`, `not`, `and`, `or`
 * (and `index`, for its collection) accept it; anything else reports it as an error
 * naming the path.
 */
export class Missing {
  constructor(
    /** The whole expression as written, e.g. `.input.body.conta.numero`. */
    readonly label: string,
    /** The shortest prefix that failed, e.g. `.input.body.conta`. */
    readonly where: string,
    /** Why `where` failed when it is not simply absent: "é um texto", "é nulo"… */
    readonly because: ExpressionMessage | null,
    /** Offset of the expression in the template source. */
    readonly offset: number,
  ) {}

  get message(): ExpressionMessage {
    if (this.because !== null) return message("expression.missing_because", { label: this.label, where: this.where, because: this.because });
    if (this.where !== this.label) return message("expression.missing_under", { label: this.label, where: this.where });
    return message("expression.missing", { label: this.label });
  }

  relabel(label: string): Missing {
    return new Missing(label, this.where, this.because, this.offset);
  }
}

/** "texto", "número"… for messages. */
export function kindName(value: unknown): MessageParam {
  if (value === null || value === undefined || value instanceof Missing) return message("expression.kind.null");
  if (typeof value === "string") return message("expression.kind.text");
  if (typeof value === "number") return message("expression.kind.number");
  if (typeof value === "boolean") return message("expression.kind.boolean");
  if (Array.isArray(value)) return message("expression.kind.list");
  if (typeof value === "object") return message("expression.kind.object");
  return typeof value;
}

/** "é um texto" / "é uma lista…" used to explain why a field cannot be read from a value. */
export function notAnObjectReason(value: unknown): ExpressionMessage {
  if (value === null || value === undefined) return message("expression.is_null");
  if (typeof value === "string") return message("expression.is_text");
  if (typeof value === "number") return message("expression.is_number");
  if (typeof value === "boolean") return message("expression.is_boolean");
  if (Array.isArray(value)) return message("expression.is_list");
  return message("expression.is_other", { kind: kindName(value) });
}

/** Go's notion of truth (and sprig's "empty", negated): nil/missing, false, 0, "", [] and {} are false. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value instanceof Missing) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return true;
}

/** Identifier-like key that can be written after a dot. */
export function isIdentifier(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name);
}

/** `.input.headers` + "x-key" → `.input.headers["x-key"]`; + "host" → `.input.headers.host`; + 0 → `[0]`. */
export function appendSegment(label: string, key: string | number): string {
  if (typeof key === "number") return `${label}[${key}]`;
  if (isIdentifier(key)) return `${label}.${key}`;
  return `${label}[${JSON.stringify(key)}]`;
}

/** JSON text of a value; throws a TypeError (caught by the caller) for values JSON cannot hold. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`cannot convert ${typeof value} to JSON`);
  return text;
}

/**
 * How a value appears inside mixed text: text as is, numbers and booleans as in JSON,
 * null as nothing, lists and objects as JSON.
 */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return toJsonText(value);
}

/** Structural equality over JSON values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(b, key) || !deepEqual(a[key], b[key])) return false;
    }
    return true;
  }
  return false;
}
