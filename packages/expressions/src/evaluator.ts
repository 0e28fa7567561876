/**
 * Evaluates parsed templates against the flow's data. No `eval`, `Function` or `vm`:
 * the AST is walked and only whitelisted functions run.
 */
import type { ActionNode, CallNode, ExprNode, FieldNode, PipelineNode, Template } from "./ast.js";
import { errorAt, ExpressionError, type ExpressionErrorCode } from "./errors.js";
import { arityMessage, getFunction, unknownFunctionMessage, type CallContext } from "./functions.js";
import { utf8Length } from "./encoding.js";
import { countMessage, LIMITS } from "./limits.js";
import { message, type ExpressionMessage } from "./messages.js";
import { parsedTemplate } from "./parsed.js";
import { hasExpression } from "./parser.js";
import { createPlacement, URL_PATH_FUNCTION, type TemplateFormat } from "./placement.js";
import { jsonSizeUpTo } from "./size.js";
import { FORBIDDEN_NAMES, isRecord, Missing, notAnObjectReason, renderValue } from "./values.js";

export interface EvaluationData {
  input: { body: unknown; headers: Record<string, string>; query_params: Record<string, unknown> };
  steps: Record<string, { code: number; headers: Record<string, string>; body: unknown }>;
  /** While a step reads its answers (pagination): the answer at hand. */
  response?: { code: number; headers: Record<string, string>; body: unknown };
}

export interface EvaluateOptions {
  /** Clock for `now`; defaults to the system clock. */
  now?: () => Date;
  /** Evaluation steps allowed (one per expression node and function call). Default 10 000. */
  maxSteps?: number;
  /** Largest rendered text, and largest value (text, list, map) any function may build, in UTF-8 bytes. Default 1 000 000. */
  maxOutputBytes?: number;
  /** Everything one evaluation (all the templates of a `resolveValue`) may build, added up. Default 10 000 000. */
  maxBuiltBytes?: number;
  /**
   * What the template's text is (placement.ts): in a URL, a URL path or JSON text, each value of a
   * template with text around it is encoded for where it lands. Default `text`: values as they render.
   */
  format?: TemplateFormat;
}

/** One evaluation run; `resolveValue` shares it across all the templates of a value. */
interface Run {
  now: () => Date;
  maxSteps: number;
  maxOutputBytes: number;
  maxBuiltBytes: number;
  format: TemplateFormat;
  steps: number;
  /** Bytes built so far by the whole run, and by the function call now running. */
  built: number;
  builtByCall: number;
}

function createRun(options: EvaluateOptions | undefined): Run {
  return {
    now: options?.now ?? (() => new Date()),
    maxSteps: options?.maxSteps ?? LIMITS.maxSteps,
    maxOutputBytes: options?.maxOutputBytes ?? LIMITS.maxOutputBytes,
    maxBuiltBytes: options?.maxBuiltBytes ?? LIMITS.maxBuiltBytes,
    format: options?.format ?? "text",
    steps: 0,
    built: 0,
    builtByCall: 0,
  };
}

class Evaluator {
  constructor(
    private readonly source: string,
    private readonly data: EvaluationData,
    private readonly run: Run,
  ) {}

  fail(offset: number, code: ExpressionErrorCode, reason: ExpressionMessage): never {
    throw errorAt(this.source, offset, code, reason);
  }

  private tick(offset: number): void {
    this.run.steps++;
    if (this.run.steps > this.run.maxSteps) {
      this.fail(offset, "limit_steps", message("expression.step_limit", { max: countMessage(this.run.maxSteps) }));
    }
  }

  private text(node: { start: number; end: number }): string {
    return this.source.slice(node.start, node.end);
  }

  /** Fails with the missing-path error when `value` is a path that does not exist. */
  present(value: unknown): unknown {
    if (value instanceof Missing) this.fail(value.offset, "missing_path", value.message);
    return value;
  }

  checkSize(value: unknown, offset: number): void {
    if (typeof value !== "string") return;
    const max = this.run.maxOutputBytes;
    if (value.length > max || (value.length * 3 > max && utf8Length(value) > max)) this.tooBig(offset);
  }

  tooBig(offset: number): never {
    this.fail(offset, "limit_output", message("expression.output_limit", { max: countMessage(this.run.maxOutputBytes) }));
  }

  /**
   * Counts `bytes` more of what the running call builds, before it builds them: the value
   * may not pass the output limit, nor the run's total the built limit.
   */
  charge(bytes: number, offset: number): void {
    this.run.builtByCall += bytes;
    this.run.built += bytes;
    if (this.run.builtByCall > this.run.maxOutputBytes) this.tooBig(offset);
    if (this.run.built > this.run.maxBuiltBytes) {
      this.fail(offset, "limit_output", message("expression.built_limit", { max: countMessage(this.run.maxBuiltBytes) }));
    }
  }

  room(): number {
    return Math.min(this.run.maxOutputBytes - this.run.builtByCall, this.run.maxBuiltBytes - this.run.built);
  }

  /** Renders a value as text for a mixed template, measuring it first. */
  render(value: unknown, offset: number): string {
    if (typeof value === "string") return value;
    this.run.builtByCall = 0;
    this.charge(jsonSizeUpTo(value, this.room()), offset);
    try {
      return renderValue(value);
    } catch {
      this.fail(offset, "type_error", message("expression.not_renderable"));
    }
  }

  pipeline(node: PipelineNode): unknown {
    const [first, ...rest] = node.commands;
    if (!first) this.fail(node.start, "syntax", message("expression.expected_any_expression"));
    let value = this.expr(first);
    let previous: ExprNode = first;
    for (const command of rest) {
      if (command.kind !== "call") this.fail(command.start, "syntax", message("expression.only_functions_after_pipe_here"));
      const labelEnd = previous.end;
      value = this.call(command, { value, offset: previous.start, label: () => this.source.slice(first.start, labelEnd) });
      previous = command;
    }
    return value;
  }

  expr(node: ExprNode): unknown {
    this.tick(node.start);
    switch (node.kind) {
      case "literal":
        return node.value;
      case "paren":
        return this.pipeline(node.pipeline);
      case "field":
        return this.field(node);
      case "call":
        return this.call(node, null);
    }
  }

  private field(node: FieldNode): unknown {
    let value: unknown = node.base ? this.expr(node.base) : this.data;
    const label = this.text(node);
    if (value instanceof Missing) return value.relabel(label);
    for (let i = 0; i < node.names.length; i++) {
      const { name, end } = node.names[i]!;
      if (FORBIDDEN_NAMES.has(name)) this.fail(node.names[i]!.start + 1, "forbidden_name", message("expression.forbidden_name", { name }));
      if (isRecord(value)) {
        const item = Object.hasOwn(value, name) ? value[name] : undefined;
        if (item === undefined) {
          return new Missing(label, this.source.slice(node.start, end), null, node.start);
        }
        value = item;
      } else {
        const prefix = this.source.slice(node.start, node.names[i]!.start) || ".";
        return new Missing(label, prefix, notAnObjectReason(value), node.start);
      }
    }
    return value;
  }

  private call(node: CallNode, piped: { value: unknown; offset: number; label: () => string } | null): unknown {
    this.tick(node.start);
    const spec = getFunction(node.name);
    if (!spec) this.fail(node.start, "unknown_function", unknownFunctionMessage(node.name));
    const count = node.args.length + (piped ? 1 : 0);
    if (count < spec.minArgs || count > spec.maxArgs) this.fail(node.start, "arity", arityMessage(spec, count, piped !== null));
    const offsetOf = (index: number) => (index < node.args.length ? node.args[index]!.start : (piped?.offset ?? node.start));
    const ctx: CallContext = {
      name: node.name,
      offset: node.start,
      label: (index) => (index < node.args.length ? this.text(node.args[index]!) : (piped?.label() ?? "")),
      fail: (reason, index, code = "function_error") => this.fail(index === undefined ? node.start : offsetOf(index), code, reason),
      now: this.run.now,
      charge: (bytes) => this.charge(bytes, node.start),
      room: () => this.room(),
    };
    let result: unknown;
    try {
      if (spec.lazy) {
        const thunks = node.args.map((arg) => () => this.expr(arg));
        if (piped) thunks.push(() => piped.value);
        result = spec.call(thunks, ctx);
      } else {
        const values = node.args.map((arg) => this.expr(arg));
        if (piped) values.push(piped.value);
        values.forEach((value, index) => {
          if (value instanceof Missing && !spec.acceptsMissing(index)) this.present(value);
        });
        this.run.builtByCall = 0;
        result = spec.call(values, ctx);
      }
    } catch (error) {
      if (error instanceof ExpressionError) throw error;
      if (error instanceof RangeError) this.fail(node.start, "limit_depth", message("expression.call_too_deep", { name: node.name }));
      this.fail(node.start, "function_error", message("expression.call_failed", { name: node.name }));
    }
    this.checkSize(result, node.start);
    return result;
  }
}

function evaluateWithRun(template: Template, data: EvaluationData, run: Run): unknown {
  const evaluator: Evaluator = new Evaluator(template.source, data, run);
  const actions = template.nodes.filter((node) => node.kind === "action");
  const onlyOneAction =
    actions.length === 1 && template.nodes.every((node) => node.kind === "action" || node.value.trim() === "");
  if (onlyOneAction) {
    const action = actions[0]!;
    const value = evaluator.present(evaluator.pipeline(action.pipeline));
    evaluator.checkSize(value, action.start);
    return value;
  }
  const placement = createPlacement(run.format);
  const parts: string[] = [];
  let bytes = 0;
  for (const node of template.nodes) {
    let text: string;
    if (node.kind === "text") {
      text = node.value;
      placement?.literal(text);
    } else {
      text = evaluator.render(evaluator.present(evaluator.pipeline(node.pipeline)), node.start);
      if (placement) text = placement.value(text, node.start, endsWithUrlPath(node));
    }
    bytes += text.length > run.maxOutputBytes ? text.length : utf8Length(text);
    if (bytes > run.maxOutputBytes) evaluator.tooBig(node.start);
    parts.push(text);
  }
  run.builtByCall = 0;
  evaluator.charge(bytes, template.nodes[0]?.start ?? 0);
  const output = parts.join("");
  const problem = placement?.finish(output);
  if (problem) evaluator.fail(problem.offset, "unsafe_value", message("expression.url_dot_segment", { segment: problem.segment }));
  return output;
}

/** `{{ … | urlPath }}`: the value is a path its author built on purpose, already encoded segment by segment. */
function endsWithUrlPath(action: ActionNode): boolean {
  const last = action.pipeline.commands.at(-1);
  return last?.kind === "call" && last.name === URL_PATH_FUNCTION;
}

/**
 * Evaluates a template. A template that is exactly one action (white space around it allowed)
 * returns the value with its own type (a list stays a list); anything else returns text, each
 * value placed as `options.format` says (placement.ts).
 */
export function evaluateTemplate(template: Template, data: EvaluationData, options?: EvaluateOptions): unknown {
  return evaluateWithRun(template, data, createRun(options));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Resolves every template inside a parameter value: strings containing `{{` are evaluated,
 * arrays and plain objects are walked, anything else is returned as is. All templates share
 * one evaluation-step budget. Errors are ExpressionError with `path` set to where the template
 * sits (`authorizationDetails.0.locations`).
 */
export function resolveValue(raw: unknown, data: EvaluationData, options?: EvaluateOptions): unknown {
  const run = createRun(options);
  const walk = (value: unknown, path: string[]): unknown => {
    if (path.length > LIMITS.maxValueDepth) {
      throw new ExpressionError("limit_depth", message("expression.value_too_deep", { max: LIMITS.maxValueDepth }), null, path.join("."));
    }
    if (typeof value === "string") {
      if (!hasExpression(value)) return value;
      try {
        return evaluateWithRun(parsedTemplate(value), data, run);
      } catch (error) {
        if (error instanceof ExpressionError) throw error.withPath(path.join("."));
        throw error;
      }
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, String(index)]));
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return value;
  };
  return walk(raw, []);
}
