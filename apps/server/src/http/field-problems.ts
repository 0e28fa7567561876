import type { CatalogLanguage } from "@fluxo/connectors";
import { fieldTextIn, renderStepMessage, type CodedFieldProblem, type FieldProblem } from "@fluxo/contracts";
import { renderProblem, type ProblemText } from "./route-problems.js";

/** A field problem as the server holds it: a route's own text (fieldProblem) or a step message's code (the engine's checks), beside its pt-BR message. */
export type HeldFieldProblem = CodedFieldProblem & { text?: ProblemText };

/**
 * The problems as a person reads them in `language`: each told by its text or code, or, for a message
 * a zod schema wrote (a field code's pt-BR words), by the code it reads back to; sent with path,
 * message, step and field only.
 */
export function fieldProblemsIn(problems: readonly HeldFieldProblem[], language: CatalogLanguage): FieldProblem[] {
  return problems.map(({ text, messageCode, messageParams, ...field }) => {
    const told = text ? renderProblem(text, language) : messageCode ? renderStepMessage(messageCode, messageParams, language) : fieldTextIn(field.message, language);
    return told ? { ...field, message: told } : field;
  });
}
