/**
 * Tokens inside `{{ … }}`. The parser drives the lexer: it finds each `{{` in the text
 * and then pulls tokens until the matching `}}`.
 */
import { errorAt, type ExpressionErrorCode } from "./errors.js";
import { message, type ExpressionMessage } from "./messages.js";
import { FORBIDDEN_NAMES } from "./values.js";
import { utf8Decode } from "./encoding.js";

interface TokenBase {
  start: number;
  end: number;
  /** Whether white space separates this token from the previous one. */
  spaceBefore: boolean;
}

export type Token =
  | (TokenBase & { kind: "field"; name: string })
  | (TokenBase & { kind: "ident"; name: string })
  | (TokenBase & { kind: "string"; value: string })
  | (TokenBase & { kind: "number"; value: number })
  | (TokenBase & { kind: "close"; trimRight: boolean })
  | (TokenBase & { kind: "dot" | "dollar" | "lparen" | "rparen" | "pipe" | "eof" });

/** Go's white space inside actions and for trim markers. */
export function isSpace(char: string | undefined): boolean {
  return char === " " || char === "\t" || char === "\r" || char === "\n";
}

const ALNUM = /^[\p{L}\p{Nd}_]$/u;
const LETTER = /^[\p{L}_]$/u;

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= "0" && char <= "9";
}

export class Lexer {
  pos = 0;
  private last: Token | null = null;

  constructor(readonly source: string) {}

  fail(offset: number, reason: ExpressionMessage, code: ExpressionErrorCode = "syntax"): never {
    throw errorAt(this.source, offset, code, reason);
  }

  /** Starts lexing an action whose content begins at `offset`. */
  enterAction(offset: number): void {
    this.pos = offset;
    this.last = null;
  }

  private codePointAt(offset: number): string | undefined {
    const code = this.source.codePointAt(offset);
    return code === undefined ? undefined : String.fromCodePoint(code);
  }

  private isAlnumAt(offset: number): boolean {
    const char = this.codePointAt(offset);
    return char !== undefined && ALNUM.test(char);
  }

  /** Skips an alphanumeric run starting at `offset`; returns its end. */
  private scanAlnum(offset: number): number {
    let i = offset;
    while (i < this.source.length) {
      const char = this.codePointAt(i);
      if (char === undefined || !ALNUM.test(char)) break;
      i += char.length;
    }
    return i;
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (isSpace(this.source[this.pos])) this.pos++;
    return this.pos > start;
  }

  /**
   * If the action content (after optional white space) is a `/* … *\/` comment, consumes it
   * with the closing delimiter and returns whether the close trims; otherwise consumes nothing.
   */
  tryComment(): { trimRight: boolean } | null {
    const save = this.pos;
    this.skipSpace();
    if (!this.source.startsWith("/*", this.pos)) {
      this.pos = save;
      return null;
    }
    const open = this.pos;
    const close = this.source.indexOf("*/", open + 2);
    if (close < 0) this.fail(open, message("expression.comment_unclosed"));
    this.pos = close + 2;
    const spaced = this.skipSpace();
    if (spaced && this.source.startsWith("-}}", this.pos)) {
      this.pos += 3;
      return { trimRight: true };
    }
    if (this.source.startsWith("}}", this.pos)) {
      this.pos += 2;
      return { trimRight: false };
    }
    this.fail(this.pos, message("expression.close_after_comment"));
  }

  next(): Token {
    const token = this.scan();
    this.last = token;
    return token;
  }

  private scan(): Token {
    const spaceBefore = this.skipSpace();
    const start = this.pos;
    const src = this.source;
    const char = src[start];
    const simple = (kind: "dot" | "dollar" | "lparen" | "rparen" | "pipe" | "eof", length: number): Token => {
      this.pos = start + length;
      return { kind, start, end: this.pos, spaceBefore };
    };
    if (char === undefined) return simple("eof", 0);
    if (char === "-" && src.startsWith("-}}", start)) {
      if (!spaceBefore) {
        this.fail(start, message("expression.trim_needs_space"));
      }
      this.pos = start + 3;
      return { kind: "close", trimRight: true, start, end: this.pos, spaceBefore };
    }
    if (char === "}") {
      if (src[start + 1] !== "}") this.fail(start, message("expression.expected_close"));
      this.pos = start + 2;
      return { kind: "close", trimRight: false, start, end: this.pos, spaceBefore };
    }
    if (char === "|") return simple("pipe", 1);
    if (char === "(") return simple("lparen", 1);
    if (char === ")") return simple("rparen", 1);
    if (char === '"') return this.lexQuote(start, spaceBefore);
    if (char === "`") return this.lexRaw(start, spaceBefore);
    if (char === "'") {
      this.fail(start, message("expression.single_quotes"));
    }
    if (char === ".") {
      const next = src[start + 1];
      if (isDigit(next)) {
        const last = this.last;
        if (!spaceBefore && last && (last.kind === "field" || last.kind === "dollar" || last.kind === "rparen" || last.kind === "dot")) {
          this.fail(start, message("expression.dot_digit"));
        }
        return this.lexNumber(start, spaceBefore);
      }
      if (this.isAlnumAt(start + 1)) {
        const end = this.scanAlnum(start + 1);
        const name = src.slice(start + 1, end);
        if (FORBIDDEN_NAMES.has(name)) {
          this.fail(start + 1, message("expression.forbidden_name", { name }), "forbidden_name");
        }
        this.pos = end;
        return { kind: "field", name, start, end, spaceBefore };
      }
      if (next === ".") this.fail(start + 1, message("expression.field_after_dot"));
      return simple("dot", 1);
    }
    if (char === "$") {
      if (this.isAlnumAt(start + 1)) {
        const end = this.scanAlnum(start + 1);
        this.fail(start, message("expression.variables", { variable: src.slice(start, end) }), "unsupported");
      }
      return simple("dollar", 1);
    }
    if (isDigit(char) || char === "+" || char === "-") {
      if (char !== "+" && char !== "-") return this.lexNumber(start, spaceBefore);
      const next = src[start + 1];
      if (isDigit(next) || (next === "." && isDigit(src[start + 2]))) return this.lexNumber(start, spaceBefore);
      this.fail(start, message("expression.number_after_sign", { sign: char }));
    }
    const point = this.codePointAt(start);
    if (point !== undefined && LETTER.test(point)) {
      const end = this.scanAlnum(start);
      this.pos = end;
      return { kind: "ident", name: src.slice(start, end), start, end, spaceBefore };
    }
    if (char === ":" || char === "=") {
      this.fail(start, message("expression.assignment"), "unsupported");
    }
    if (char === "{") this.fail(start, message("expression.stray_brace"));
    this.fail(start, message("expression.unexpected_char", { char: describeChar(point ?? char) }));
  }

  private lexNumber(start: number, spaceBefore: boolean): Token {
    const src = this.source;
    let i = start;
    if (src[i] === "+" || src[i] === "-") i++;
    let digits = "0123456789_";
    if (src[i] === "0" && /[xXoObB]/.test(src[i + 1] ?? "")) {
      const prefix = (src[i + 1] ?? "").toLowerCase();
      digits = prefix === "x" ? "0123456789abcdefABCDEF_" : prefix === "o" ? "01234567_" : "01_";
      i += 2;
    }
    const run = () => {
      while (i < src.length && digits.includes(src[i]!)) i++;
    };
    run();
    if (src[i] === ".") {
      i++;
      run();
    }
    if (digits.length === 11 && (src[i] === "e" || src[i] === "E")) {
      i++;
      if (src[i] === "+" || src[i] === "-") i++;
      while (i < src.length && "0123456789_".includes(src[i]!)) i++;
    }
    if (this.isAlnumAt(i)) i = this.scanAlnum(i);
    const raw = src.slice(start, i);
    const value = parseNumberLiteral(raw);
    if (typeof value !== "number") this.fail(start, value);
    this.pos = i;
    return { kind: "number", value, start, end: i, spaceBefore };
  }

  private lexQuote(start: number, spaceBefore: boolean): Token {
    const src = this.source;
    const parts: string[] = [];
    let bytes: number[] = [];
    const flushBytes = () => {
      if (bytes.length > 0) {
        parts.push(utf8Decode(bytes, false) ?? "");
        bytes = [];
      }
    };
    let i = start + 1;
    let literalStart = i;
    const unterminated = (): never => this.fail(start, message("expression.unterminated_string"));
    for (;;) {
      const char = src[i];
      if (char === undefined || char === "\n") return unterminated();
      if (char === '"') {
        if (i > literalStart) {
          flushBytes();
          parts.push(src.slice(literalStart, i));
        }
        flushBytes();
        this.pos = i + 1;
        return { kind: "string", value: parts.join(""), start, end: this.pos, spaceBefore };
      }
      if (char !== "\\") {
        i++;
        continue;
      }
      if (i > literalStart) {
        flushBytes();
        parts.push(src.slice(literalStart, i));
      }
      const escape = src[i + 1];
      if (escape === undefined || escape === "\n") return unterminated();
      const simpleEscapes: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"' };
      if (Object.hasOwn(simpleEscapes, escape)) {
        flushBytes();
        parts.push(simpleEscapes[escape]!);
        i += 2;
      } else if (escape === "x") {
        const hex = src.slice(i + 2, i + 4);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) this.fail(i, message("expression.escape_hex"));
        bytes.push(parseInt(hex, 16));
        i += 4;
      } else if (escape >= "0" && escape <= "7") {
        const octal = src.slice(i + 1, i + 4);
        if (!/^[0-7]{3}$/.test(octal) || parseInt(octal, 8) > 255) {
          this.fail(i, message("expression.escape_octal"));
        }
        bytes.push(parseInt(octal, 8));
        i += 4;
      } else if (escape === "u" || escape === "U") {
        const size = escape === "u" ? 4 : 8;
        const hex = src.slice(i + 2, i + 2 + size);
        if (hex.length !== size || !/^[0-9a-fA-F]+$/.test(hex)) {
          this.fail(i, message("expression.escape_unicode_digits", { escape, size }));
        }
        const code = parseInt(hex, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
          this.fail(i, message("expression.escape_unicode_invalid", { escape, hex }));
        }
        flushBytes();
        parts.push(String.fromCodePoint(code));
        i += 2 + size;
      } else {
        this.fail(i, message("expression.escape_unknown", { escape }));
      }
      literalStart = i;
    }
  }

  private lexRaw(start: number, spaceBefore: boolean): Token {
    const close = this.source.indexOf("`", start + 1);
    if (close < 0) this.fail(start, message("expression.unterminated_raw"));
    this.pos = close + 1;
    const value = this.source.slice(start + 1, close).replaceAll("\r", "");
    return { kind: "string", value, start, end: this.pos, spaceBefore };
  }
}

function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `'${char}'`;
}

/** Go number literal → number, or the reason it is invalid. */
export function parseNumberLiteral(raw: string): number | ExpressionMessage {
  const invalid = message("expression.invalid_number", { raw });
  let body = raw;
  let sign = 1;
  if (body.startsWith("+") || body.startsWith("-")) {
    sign = body.startsWith("-") ? -1 : 1;
    body = body.slice(1);
  }
  if (body.includes("_")) {
    // Go allows "_" only between digits or right after a base prefix.
    if (/__|_$|^_|_\.|\._|_[eE]|[eE][+-]?_/.test(body)) return invalid;
    body = body.replaceAll("_", "");
  }
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) value = parseInt(body.slice(2), 16);
  else if (/^0[oO][0-7]+$/.test(body)) value = parseInt(body.slice(2), 8);
  else if (/^0[bB][01]+$/.test(body)) value = parseInt(body.slice(2), 2);
  else if (/^0[0-7]+$/.test(body)) value = parseInt(body.slice(1), 8);
  else if (/^(0|[1-9][0-9]*)$/.test(body)) value = Number(body);
  else if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(body) && /[.eE]/.test(body)) value = Number(body);
  else return invalid;
  const isInteger = !/[.eE]/.test(body) || /^0[xX]/.test(body);
  if (!Number.isFinite(value) || (isInteger && !Number.isSafeInteger(value))) {
    return message("expression.number_out_of_range", { raw });
  }
  return sign * value;
}
