import type { EvaluationData } from "@fluxo/expressions";
import { createContext, useContext, useMemo } from "react";
import { useRememberedPayloadText } from "../../executions/payloadMemory.js";
import { useEditorContext } from "../EditorContext.js";
import { useEditorStore } from "../store.js";
import { evaluationData } from "./evaluationData.js";
import { useStepsBeforeEach } from "./useStepsBefore.js";

/** What the expression fields of one step may read: for autocomplete, checks and the preview. */
export interface ExpressionScope {
  /** The step being edited. */
  stepId: string;
  /** Steps that run before it, in the definition's order: the only ones `.steps.<id>` may name. */
  stepsBefore: readonly string[];
  /** The preview's data: the trigger payload and the last execution's results of `stepsBefore`. */
  data: EvaluationData;
  /** A field the step evaluates once per answer (pagination): `.response` may be read too. */
  perResponse?: boolean;
}

export const ExpressionScopeContext = createContext<ExpressionScope | null>(null);

/** The scope of the step whose panel is open; null outside one (then fields offer no completion or preview). */
export function useExpressionScope(): ExpressionScope | null {
  return useContext(ExpressionScopeContext);
}

const NO_STEPS: readonly string[] = [];

export function useStepExpressionScope(stepId: string): ExpressionScope {
  const stepsBefore = useStepsBeforeEach().get(stepId) ?? NO_STEPS;
  const flowId = useEditorStore((s) => s.flowId) ?? "";
  const payloadText = useRememberedPayloadText(flowId);
  const { lastExecution } = useEditorContext();
  return useMemo(
    () => ({ stepId, stepsBefore, data: evaluationData(payloadText, lastExecution, stepsBefore) }),
    [stepId, stepsBefore, payloadText, lastExecution],
  );
}
