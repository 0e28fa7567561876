import { collectReferences, evaluateTemplate, ExpressionError, type EvaluationData, type MessageParam, type Template, type TemplateFormat } from "@fluxo/expressions";
import { NO_SAMPLE_INPUT } from "./evaluationData.js";
import { maskSecrets } from "./maskSecrets.js";

export type ValueKind = "text" | "number" | "boolean" | "null" | "list" | "object";

export type Preview =
  /** What the expression gives now: `text` is ready to show (JSON for lists and objects, tokens masked). */
  | { kind: "value"; valueKind: ValueKind; text: string }
  /** Evaluation failed (a missing path, a type error…): the pt-BR `message`, and its code to tell it in the language chosen. */
  | { kind: "error"; message: string; messageCode: string; messageParams?: Record<string, MessageParam> | undefined }
  /** It reads `.steps.<id>` of steps that have no result yet (no execution, or they didn't run). */
  | { kind: "no_execution_data"; stepIds: string[] }
  /** A path no data can have, a typo (`.input.bodi`): `root` has only `expected`. */
  | { kind: "unknown_path"; path: string; root: string; expected: readonly string[] }
  /** A path that may well be right, but there is no input to try it on yet (no payload set, no run). */
  | { kind: "no_sample_input" };

/** What `.input` holds, and what every step result holds (DESIGN.md: Step results; `error` after a failure let through). */
const INPUT_KEYS = ["body", "headers", "query_params"] as const;
const STEP_RESULT_KEYS = ["code", "headers", "body", "error"] as const;

/**
 * Evaluates a parsed expression against the preview data; with `format` (the field's text is a URL,
 * a path or JSON) each value is encoded for where it lands, as the step will send it.
 */
export function previewTemplate(template: Template, data: EvaluationData, format?: TemplateFormat): Preview {
  const references = collectReferences(template);
  for (const path of references.paths) {
    const typo = unknownPath(path);
    if (typo) return typo;
  }
  const missing = references.stepIds.filter((id) => !Object.hasOwn(data.steps, id));
  if (missing.length > 0) return { kind: "no_execution_data", stepIds: missing };
  let value: unknown;
  try {
    value = evaluateTemplate(template, data, format ? { format } : undefined);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    if (data.input === NO_SAMPLE_INPUT && [...references.paths].some((path) => path.startsWith(".input."))) return { kind: "no_sample_input" };
    return { kind: "error", message: error.message, messageCode: error.messageCode, messageParams: error.messageParams };
  }
  const shown = maskSecrets(value);
  const valueKind = kindOf(value);
  const text = typeof shown === "string" ? shown : valueKind === "list" || valueKind === "object" ? JSON.stringify(shown) : String(shown);
  return { kind: "value", valueKind, text };
}

/** `.input.bodi…` or `.steps.x.bodi…`: a name that can't be there whatever the run gives. */
function unknownPath(path: string): Preview | null {
  const input = /^\.input\.([^.[]+)/.exec(path);
  if (input && !(INPUT_KEYS as readonly string[]).includes(input[1]!)) return { kind: "unknown_path", path: input[0], root: ".input", expected: INPUT_KEYS };
  const step = /^(\.steps\.[^.[]+)\.([^.[]+)/.exec(path);
  if (step && !(STEP_RESULT_KEYS as readonly string[]).includes(step[2]!)) return { kind: "unknown_path", path: step[0], root: step[1]!, expected: STEP_RESULT_KEYS };
  return null;
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
