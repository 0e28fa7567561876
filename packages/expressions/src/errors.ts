/**
 * Errors raised while parsing or evaluating an expression template.
 *
 * Every error that concerns a template carries the position of the offending character
 * (1-based line and column, 0-based UTF-16 offset into the template source) and its
 * message starts with that position: `coluna 14: esperava '}}'`, or, when the template
 * spans several lines, `linha 2, coluna 5: …`. The message is pt-BR; `messageCode` and
 * `messageParams` tell the same (position included) in any language of the catalog (messages.ts).
 */
import { message, renderExpressionMessage, type ExpressionMessage, type MessageParam } from "./messages.js";

export type ExpressionErrorCode =
  /** The text is not valid template syntax. */
  | "syntax"
  /** A Go template feature this language deliberately leaves out (if, range, variables…). */
  | "unsupported"
  /** A function name that is not in the whitelist. */
  | "unknown_function"
  /** A function received too few or too many arguments. */
  | "arity"
  /** `__proto__`, `constructor` or `prototype` used as a field or key. */
  | "forbidden_name"
  /** A path that does not exist in the data at run time. */
  | "missing_path"
  /** A value of the wrong kind for an operation (upper of a number, eq of text and number…). */
  | "type_error"
  /** A function could not do its work (invalid JSON for fromJson, invalid base64…). */
  | "function_error"
  /** A value that would change the structure of the text it goes into (a `..` segment in a URL's path). */
  | "unsafe_value"
  /** The template is longer than the maximum length. */
  | "limit_length"
  /** Too many nested parentheses, or a value nested too deeply. */
  | "limit_depth"
  /** Evaluation took more steps than allowed. */
  | "limit_steps"
  /** The result is bigger than allowed. */
  | "limit_output";

export interface SourcePosition {
  /** 0-based UTF-16 offset into the template source. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in Unicode code points from the start of the line. */
  column: number;
  /** Whether the source spans several lines (then messages name the line too). */
  multiLine: boolean;
}

export class ExpressionError extends Error {
  override readonly name = "ExpressionError";
  readonly code: ExpressionErrorCode;
  /** 1-based; 0 when the error concerns no position in a template (e.g. a value nested too deeply). */
  readonly line: number;
  /** 1-based; 0 when the error concerns no position in a template. */
  readonly column: number;
  /** 0-based UTF-16 offset into the template source; 0 when there is no position. */
  readonly offset: number;
  /** The message without the position prefix, for UIs that show the position separately (pt-BR). */
  readonly reason: string;
  /** `reason` as a code and params of the expression catalog. */
  readonly reasonMessage: ExpressionMessage;
  /** `message` (position included) as a code and params of the expression catalog. */
  readonly messageCode: ExpressionMessage["code"];
  readonly messageParams: Record<string, MessageParam> | undefined;
  /**
   * Set by `resolveValue`: where in the resolved value the failing template sits, keys joined
   * by dots (`authorizationDetails.0.locations`; `""` for a template that is the whole value).
   */
  readonly path: string | undefined;

  constructor(code: ExpressionErrorCode, reason: ExpressionMessage, position: SourcePosition | null, path?: string) {
    const told = position ? message("expression.positioned", { position: positionMessage(position), reason }) : reason;
    super(renderExpressionMessage(told, "pt-BR"));
    this.code = code;
    this.reason = renderExpressionMessage(reason, "pt-BR");
    this.reasonMessage = reason;
    this.messageCode = told.code;
    this.messageParams = told.params;
    this.offset = position?.offset ?? 0;
    this.line = position?.line ?? 0;
    this.column = position?.column ?? 0;
    this.path = path;
    this.position = position;
  }

  /** The same error, saying where in a resolved value it happened. */
  withPath(path: string): ExpressionError {
    return new ExpressionError(this.code, this.reasonMessage, this.position, path);
  }

  private readonly position: SourcePosition | null;
}

/** `coluna 14`, or `linha 2, coluna 5` when the source spans several lines. */
export function positionMessage(position: SourcePosition): ExpressionMessage {
  return position.multiLine ? message("expression.line_column", { line: position.line, column: position.column }) : message("expression.column", { column: position.column });
}

/** Line and column of `offset` in `source`. */
export function locate(source: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, source.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < clamped; i++) {
    const code = source.charCodeAt(i);
    // A surrogate pair is one character: count only its first half.
    if (code >= 0xdc00 && code <= 0xdfff && i > lineStart) {
      const previous = source.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) continue;
    }
    column++;
  }
  return { offset: clamped, line, column, multiLine: source.includes("\n") };
}

/** Builds an error positioned at `offset` in `source`. */
export function errorAt(source: string, offset: number, code: ExpressionErrorCode, reason: ExpressionMessage): ExpressionError {
  return new ExpressionError(code, reason, locate(source, offset));
}
