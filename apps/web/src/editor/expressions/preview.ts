import { collectReferences, evaluateTemplate, ExpressionError, type EvaluationData, type Template } from "@fluxo/expressions";
import { maskSecrets } from "./maskSecrets.js";

export type ValueKind = "text" | "number" | "boolean" | "null" | "list" | "object";

export type Preview =
  /** What the expression gives now: `text` is ready to show (JSON for lists and objects, tokens masked). */
  | { kind: "value"; valueKind: ValueKind; text: string }
  /** Evaluation failed (a missing path, a type error…); `message` is the language's pt-BR message. */
  | { kind: "error"; message: string }
  /** It reads `.steps.<id>` of steps that have no result yet (no execution, or they didn't run). */
  | { kind: "no_execution_data"; stepIds: string[] };

/** Evaluates a parsed expression against the preview data. */
export function previewTemplate(template: Template, data: EvaluationData): Preview {
  const missing = collectReferences(template).stepIds.filter((id) => !Object.hasOwn(data.steps, id));
  if (missing.length > 0) return { kind: "no_execution_data", stepIds: missing };
  let value: unknown;
  try {
    value = evaluateTemplate(template, data);
  } catch (error) {
    if (error instanceof ExpressionError) return { kind: "error", message: error.message };
    throw error;
  }
  const shown = maskSecrets(value);
  const valueKind = kindOf(value);
  const text = typeof shown === "string" ? shown : valueKind === "list" || valueKind === "object" ? JSON.stringify(shown) : String(shown);
  return { kind: "value", valueKind, text };
}

function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return "list";
  switch (typeof value) {
    case "string":
      return "text";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "object";
  }
}
