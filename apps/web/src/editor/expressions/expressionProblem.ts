import { collectReferences, hasExpression, tryParseTemplate, type ExpressionError, type Template } from "@fluxo/expressions";

/** What is wrong with an expression that the editor can tell before running it. */
export type ExpressionProblem =
  /** It doesn't parse: the error says where and what was expected. */
  | { code: "expression_syntax"; error: ExpressionError }
  /** It reads `.steps.<id>` of a step that doesn't run before this one. */
  | { code: "unknown_step"; stepId: string }
  /** It reads the result of the step it belongs to. */
  | { code: "self_step"; stepId: string };

/**
 * Checks one field value. Text without `{{` is not an expression and has no problem.
 * `stepsBefore` are the steps that run before the step being edited; `ownStepId` is that step.
 */
export function findExpressionProblem(text: string, stepsBefore: readonly string[], ownStepId: string): ExpressionProblem | null {
  if (!hasExpression(text)) return null;
  const parsed = tryParseTemplate(text);
  if (!parsed.ok) return { code: "expression_syntax", error: parsed.error };
  return referenceProblem(parsed.template, stepsBefore, ownStepId);
}

/** The first `.steps.<id>` of a parsed expression that names a step not running before `ownStepId`. */
export function referenceProblem(template: Template, stepsBefore: readonly string[], ownStepId: string): ExpressionProblem | null {
  for (const stepId of collectReferences(template).stepIds) {
    if (stepId === ownStepId) return { code: "self_step", stepId };
    if (!stepsBefore.includes(stepId)) return { code: "unknown_step", stepId };
  }
  return null;
}
