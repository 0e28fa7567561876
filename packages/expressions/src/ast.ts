/**
 * Parsed template. Offsets are 0-based UTF-16 indexes into `Template.source`; `end` is exclusive.
 */

export interface Template {
  source: string;
  nodes: readonly TemplateNode[];
}

export type TemplateNode = TextNode | ActionNode;

/** Text outside `{{ … }}`, after trim markers were applied. */
export interface TextNode {
  kind: "text";
  value: string;
  start: number;
  end: number;
}

/** One `{{ … }}` (comments produce no node). `start` is the `{{`, `end` is after the `}}`. */
export interface ActionNode {
  kind: "action";
  pipeline: PipelineNode;
  start: number;
  end: number;
}

/** `cmd | f a | g` — every command after the first is a function call receiving the value as its last argument. */
export interface PipelineNode {
  kind: "pipeline";
  commands: readonly ExprNode[];
  start: number;
  end: number;
}

export type ExprNode = FieldNode | CallNode | ParenNode | LiteralNode;

/** `.`, `.a.b`, `$`, `$.a`, or `(…).a.b` (then `base` is the parenthesised expression). */
export interface FieldNode {
  kind: "field";
  base: ParenNode | null;
  names: readonly FieldName[];
  start: number;
  end: number;
}

export interface FieldName {
  name: string;
  /** Offset of the `.` before the name. */
  start: number;
  end: number;
}

/** A function call; `index`, `toJson`… Arguments from a pipe are not in `args`. */
export interface CallNode {
  kind: "call";
  name: string;
  args: readonly ExprNode[];
  start: number;
  end: number;
}

export interface ParenNode {
  kind: "paren";
  pipeline: PipelineNode;
  start: number;
  end: number;
}

export interface LiteralNode {
  kind: "literal";
  value: string | number | boolean | null;
  start: number;
  end: number;
}
