import { useMemo } from "react";
import { useEditorStore } from "../store.js";
import { stepsBeforeEach } from "./stepsBefore.js";

/**
 * The steps that run before each step of the flow being edited. Recomputed when step ids
 * or edges change, not on every parameter edit.
 */
export function useStepsBeforeEach(): Map<string, string[]> {
  const ids = useEditorStore((s) => s.definition.steps.map((step) => step.id).join("\n"));
  const edges = useEditorStore((s) => s.definition.edges);
  return useMemo(() => {
    const steps = ids === "" ? [] : ids.split("\n").map((id) => ({ id }));
    return stepsBeforeEach({ steps, edges });
  }, [ids, edges]);
}
