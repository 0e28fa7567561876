/** Which data paths a template reads, for save-time validation. */
import type { ExprNode, FieldNode, PipelineNode, Template } from "./ast.js";
import { appendSegment } from "./values.js";

export interface References {
  /** Step ids read through `.steps.<id>` (or `index .steps "<id>"`), in order of appearance. */
  stepIds: string[];
  /**
   * Every path read from the data root, normalised to start with `.` (`$.input` → `.input`),
   * in order of appearance. `index` with literal keys on a root path extends it:
   * `index .input.headers "x-key"` → `.input.headers["x-key"]`. A bare `.` is listed as ".".
   */
  paths: string[];
}

/** Root field path segments of a node, or null when it does not start at the data root. */
function rootSegments(node: ExprNode): (string | number)[] | null {
  if (node.kind !== "field" || node.base !== null) return null;
  return node.names.map((name) => name.name);
}

export function collectReferences(template: Template): References {
  const stepIds = new Set<string>();
  const paths = new Set<string>();

  const record = (segments: readonly (string | number)[]) => {
    const path = segments.reduce<string>((label, segment) => appendSegment(label, segment), "");
    paths.add(path === "" ? "." : path);
    if (segments[0] === "steps" && typeof segments[1] === "string") stepIds.add(segments[1]);
  };

  const visitPipeline = (pipeline: PipelineNode) => pipeline.commands.forEach(visit);
  const visitField = (node: FieldNode) => {
    if (node.base) visit(node.base);
    else record(node.names.map((name) => name.name));
  };
  function visit(node: ExprNode): void {
    switch (node.kind) {
      case "literal":
        return;
      case "paren":
        return visitPipeline(node.pipeline);
      case "field":
        return visitField(node);
      case "call": {
        const [collection, ...keys] = node.args;
        const segments = node.name === "index" && collection ? rootSegments(collection) : null;
        if (!segments) {
          node.args.forEach(visit);
          return;
        }
        let literalKeys = 0;
        for (const key of keys) {
          if (key.kind !== "literal" || (typeof key.value !== "string" && typeof key.value !== "number")) break;
          segments.push(key.value);
          literalKeys++;
        }
        record(segments);
        keys.slice(literalKeys).forEach(visit);
        return;
      }
    }
  }

  for (const node of template.nodes) if (node.kind === "action") visitPipeline(node.pipeline);
  return { stepIds: [...stepIds], paths: [...paths] };
}
