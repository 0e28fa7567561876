/**
 * Template parser: text with `{{ … }}` actions, Go text/template syntax without control
 * structures. Unknown functions and wrong argument counts are reported here, with a position,
 * so the editor can show them before the flow runs.
 */
import type { ActionNode, CallNode, ExprNode, FieldName, FieldNode, ParenNode, PipelineNode, Template, TemplateNode } from "./ast.js";
import { errorAt, ExpressionError, locate, positionMessage, type ExpressionErrorCode } from "./errors.js";
import { arityMessage, getFunction, unknownFunctionMessage } from "./functions.js";
import { isSpace, Lexer, type Token } from "./lexer.js";
import { countMessage, LIMITS } from "./limits.js";
import { message, type ExpressionMessage, type MessageParam } from "./messages.js";
import { FORBIDDEN_NAMES } from "./values.js";

/** Go template keywords: control structures this language leaves out. */
const KEYWORDS: ReadonlySet<string> = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]);

const LITERALS: ReadonlyMap<string, boolean | null> = new Map<string, boolean | null>([
  ["true", true],
  ["false", false],
  ["nil", null],
  ["null", null],
]);

/** Whether the text contains an action opener and therefore needs evaluating. */
export function hasExpression(text: string): boolean {
  return text.includes("{{");
}

/** Parses a template; throws ExpressionError. */
export function parseTemplate(source: string): Template {
  if (source.length > LIMITS.maxTemplateLength) {
    throw errorAt(
      source,
      LIMITS.maxTemplateLength,
      "limit_length",
      message("expression.too_long", { length: countMessage(source.length), max: countMessage(LIMITS.maxTemplateLength) }),
    );
  }
  return { source, nodes: new Parser(source).parse() };
}

export function tryParseTemplate(source: string): { ok: true; template: Template } | { ok: false; error: ExpressionError } {
  try {
    return { ok: true, template: parseTemplate(source) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error };
    throw error;
  }
}

function isOperandStart(token: Token): boolean {
  switch (token.kind) {
    case "field":
    case "dot":
    case "dollar":
    case "ident":
    case "string":
    case "number":
    case "lparen":
      return true;
    default:
      return false;
  }
}

function describe(token: Token, source: string): MessageParam {
  switch (token.kind) {
    case "eof":
      return message("expression.token.end");
    case "close":
      return "'}}'";
    case "string":
      return message("expression.token.string");
    case "number":
      return message("expression.token.number", { number: source.slice(token.start, token.end) });
    default:
      return `'${source.slice(token.start, token.end)}'`;
  }
}

class Parser {
  private readonly lexer: Lexer;
  private peeked: Token | null = null;

  constructor(private readonly source: string) {
    this.lexer = new Lexer(source);
  }

  private fail(offset: number, reason: ExpressionMessage, code: ExpressionErrorCode = "syntax"): never {
    throw errorAt(this.source, offset, code, reason);
  }

  private peek(): Token {
    this.peeked ??= this.lexer.next();
    return this.peeked;
  }

  private next(): Token {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  parse(): TemplateNode[] {
    const source = this.source;
    const nodes: TemplateNode[] = [];
    let pos = 0;
    let trimNext = false;
    for (;;) {
      const open = source.indexOf("{{", pos);
      const trimLeft = open >= 0 && source[open + 2] === "-" && isSpace(source[open + 3]);
      let textStart = pos;
      let textEnd = open < 0 ? source.length : open;
      if (trimNext) while (textStart < textEnd && isSpace(source[textStart])) textStart++;
      if (trimLeft) while (textEnd > textStart && isSpace(source[textEnd - 1])) textEnd--;
      if (textEnd > textStart) nodes.push({ kind: "text", value: source.slice(textStart, textEnd), start: textStart, end: textEnd });
      if (open < 0) return nodes;
      this.lexer.enterAction(open + (trimLeft ? 3 : 2));
      this.peeked = null;
      const comment = this.lexer.tryComment();
      if (comment) {
        pos = this.lexer.pos;
        trimNext = comment.trimRight;
        continue;
      }
      const action = this.parseAction(open);
      nodes.push(action.node);
      pos = action.node.end;
      trimNext = action.trimRight;
    }
  }

  private parseAction(open: number): { node: ActionNode; trimRight: boolean } {
    const first = this.peek();
    if (first.kind === "close" || first.kind === "eof") {
      if (first.kind === "eof") this.fail(first.start, message("expression.expected_close"));
      this.fail(first.start, message("expression.empty_action"));
    }
    const pipeline = this.parsePipeline(0);
    const close = this.next();
    if (close.kind === "close") {
      return { node: { kind: "action", pipeline, start: open, end: close.end }, trimRight: close.trimRight };
    }
    if (close.kind === "rparen") this.fail(close.start, message("expression.unmatched_rparen"));
    if (close.kind === "eof") this.fail(close.start, message("expression.expected_close"));
    this.fail(close.start, message("expression.expected_close_found", { found: describe(close, this.source) }));
  }

  private parsePipeline(depth: number): PipelineNode {
    const commands: ExprNode[] = [this.parseCommand(depth, false)];
    while (this.peek().kind === "pipe") {
      this.next();
      commands.push(this.parseCommand(depth, true));
    }
    return { kind: "pipeline", commands, start: commands[0]!.start, end: commands.at(-1)!.end };
  }

  private parseCommand(depth: number, piped: boolean): ExprNode {
    const token = this.peek();
    if (!isOperandStart(token)) {
      if (piped) this.fail(token.start, message("expression.function_after_pipe", { found: describe(token, this.source) }));
      this.fail(token.start, message("expression.expected_expression", { found: describe(token, this.source) }));
    }
    if (token.kind === "ident" && !LITERALS.has(token.name)) {
      this.next();
      const spec = this.lookupFunction(token);
      const args: ExprNode[] = [];
      while (isOperandStart(this.peek())) args.push(this.parseOperand(depth));
      const count = args.length + (piped ? 1 : 0);
      if (count < spec.minArgs || count > spec.maxArgs) this.fail(token.start, arityMessage(spec, count, piped), "arity");
      const call: CallNode = { kind: "call", name: token.name, args, start: token.start, end: args.at(-1)?.end ?? token.end };
      this.checkIndexKeys(call);
      return call;
    }
    if (piped) {
      this.fail(token.start, message("expression.only_functions_after_pipe", { found: describe(token, this.source) }));
    }
    const operand = this.parseOperand(depth);
    const extra = this.peek();
    if (isOperandStart(extra)) {
      this.fail(extra.start, message("expression.not_a_function", { operand: this.source.slice(operand.start, operand.end) }));
    }
    return operand;
  }

  private lookupFunction(token: Token & { kind: "ident" }) {
    if (KEYWORDS.has(token.name)) {
      this.fail(token.start, message("expression.control_structure", { name: token.name }), "unsupported");
    }
    const spec = getFunction(token.name);
    if (!spec) this.fail(token.start, unknownFunctionMessage(token.name), "unknown_function");
    return spec;
  }

  /** `index X "__proto__"` is refused while parsing when the key is written literally. */
  private checkIndexKeys(call: CallNode): void {
    if (call.name !== "index") return;
    for (const arg of call.args.slice(1)) {
      if (arg.kind === "literal" && typeof arg.value === "string" && FORBIDDEN_NAMES.has(arg.value)) {
        this.fail(arg.start, message("expression.forbidden_name", { name: arg.value }), "forbidden_name");
      }
    }
  }

  private parseOperand(depth: number): ExprNode {
    const token = this.next();
    let node: ExprNode;
    switch (token.kind) {
      case "field":
        return this.fieldChain(null, token.start, [{ name: token.name, start: token.start, end: token.end }]);
      case "dot":
      case "dollar":
        return this.fieldChain(null, token.start, []);
      case "string":
      case "number":
        node = { kind: "literal", value: token.value, start: token.start, end: token.end };
        break;
      case "ident": {
        const literal = LITERALS.get(token.name);
        if (literal !== undefined) {
          node = { kind: "literal", value: literal, start: token.start, end: token.end };
          break;
        }
        const spec = this.lookupFunction(token);
        if (spec.minArgs > 0) {
          this.fail(token.start, message("expression.arity_as_argument", { arity: arityMessage(spec, 0, false), name: token.name }), "arity");
        }
        node = { kind: "call", name: token.name, args: [], start: token.start, end: token.end };
        break;
      }
      case "lparen": {
        if (depth + 1 > LIMITS.maxNestingDepth) {
          this.fail(token.start, message("expression.nesting_too_deep", { max: LIMITS.maxNestingDepth }), "limit_depth");
        }
        const pipeline = this.parsePipeline(depth + 1);
        const close = this.next();
        if (close.kind !== "rparen") {
          const where = positionMessage(locate(this.source, token.start));
          this.fail(close.start, message("expression.expected_rparen", { where }));
        }
        const paren: ParenNode = { kind: "paren", pipeline, start: token.start, end: close.end };
        return this.fieldChain(paren, token.start, []);
      }
      default:
        // Callers check isOperandStart first.
        this.fail(token.start, message("expression.expected_expression", { found: describe(token, this.source) }));
    }
    const after = this.peek();
    if (after.kind === "field" && !after.spaceBefore) {
      this.fail(after.start, message("expression.fields_of_literal", { operand: this.source.slice(node.start, node.end) }));
    }
    return node;
  }

  /** Adds the `.name` tokens written right after (no space) to a field chain. */
  private fieldChain(base: ParenNode | null, start: number, names: FieldName[]): ExprNode {
    for (;;) {
      const token = this.peek();
      if (token.kind !== "field" || token.spaceBefore) break;
      this.next();
      names.push({ name: token.name, start: token.start, end: token.end });
    }
    if (base && names.length === 0) return base;
    const end = names.at(-1)?.end ?? start + 1;
    const node: FieldNode = { kind: "field", base, names, start, end };
    return node;
  }
}
