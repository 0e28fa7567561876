import type { Connection, ConnectorMeta } from "@fluxo/contracts";
import { useMemo } from "react";
import { useStepsBeforeEach } from "./expressions/useStepsBefore.js";
import { useEditorStore } from "./store.js";
import { validateStep, withPortLabels, type StepIssue } from "./validation.js";

/** Every step's problems: what the client can tell from the catalog, plus what the server said on the last save (its ports by their labels). */
export function useStepIssues(connectors: readonly ConnectorMeta[], connections: readonly Connection[] | undefined): Record<string, StepIssue[]> {
  const steps = useEditorStore((s) => s.definition.steps);
  const serverIssues = useEditorStore((s) => s.serverIssues);
  const stepsBefore = useStepsBeforeEach();
  return useMemo(() => {
    const context = { connectors, connections };
    const byStep: Record<string, StepIssue[]> = {};
    steps.forEach((step, index) => {
      const others = steps.filter((_, i) => i !== index).map((s) => s.id);
      const issues = [...validateStep(step, others, context, stepsBefore.get(step.id)), ...withPortLabels(serverIssues[step.id] ?? [], { steps }, connectors)];
      if (issues.length > 0) byStep[step.id] = issues;
    });
    return byStep;
  }, [steps, serverIssues, connectors, connections, stepsBefore]);
}
