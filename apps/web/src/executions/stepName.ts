import type { FlowDefinition } from "@fluxo/contracts";

/** What a person calls a step: its free-text name, else (flows saved before names existed, a step no longer there) its id. */
export function stepDisplayName(definition: FlowDefinition | null | undefined, stepId: string): string {
  const name = definition?.steps.find((step) => step.id === stepId)?.name?.trim();
  return name || stepId;
}
