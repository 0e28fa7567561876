import { completions, type CompletionResult } from "@fluxo/expressions";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ExpressionScope } from "./ExpressionScope.js";

/** More would only make the list harder to read: typing narrows it down. */
const MAX_OPTIONS = 50;

export interface CompletionState {
  result: CompletionResult;
  /** Index of the highlighted option. */
  active: number;
}

/**
 * The open/closed state of an expression field's suggestions: `suggest` looks for
 * completions at the cursor (steps that run before this one, known result paths, functions),
 * `move` highlights another option, `close` hides the list.
 */
export function useCompletion(scope: ExpressionScope | null) {
  const [state, setState] = useState<CompletionState | null>(null);
  const { i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "pt-BR";

  const suggest = useCallback(
    (text: string, cursor: number) => {
      const result = scope ? completions(text, cursor, { stepIds: [...scope.stepsBefore], knownPaths: { input: scope.data.input, steps: scope.data.steps }, perResponse: scope.perResponse === true, language }) : null;
      setState(result ? { result: { ...result, options: result.options.slice(0, MAX_OPTIONS) }, active: 0 } : null);
    },
    [scope, language],
  );
  const close = useCallback(() => setState(null), []);
  const move = useCallback((delta: number) => {
    setState((current) => {
      if (!current) return current;
      const count = current.result.options.length;
      return { ...current, active: (current.active + delta + count) % count };
    });
  }, []);
  const highlight = useCallback((index: number) => setState((current) => (current ? { ...current, active: index } : current)), []);

  return { state, suggest, close, move, highlight };
}

/** The text after choosing `label`: it replaces the word being completed. */
export function applyCompletion(text: string, result: CompletionResult, label: string): { text: string; cursor: number } {
  return { text: text.slice(0, result.from) + label + text.slice(result.to), cursor: result.from + label.length };
}
