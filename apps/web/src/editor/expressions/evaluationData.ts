import type { Execution, TriggerInput } from "@fluxo/contracts";
import type { EvaluationData } from "@fluxo/expressions";
import { parseTriggerInput } from "../../executions/triggerInput.js";

/** `.input` when there is nothing to try expressions on yet (no payload set, no run): previews say so instead of "não existe". */
export const NO_SAMPLE_INPUT: TriggerInput = Object.freeze({ body: {}, headers: {}, query_params: {} });

/**
 * What previews evaluate against: as `.input`, the payload the person set for this flow
 * (else the last execution's input); as `.steps`, the last execution's results of the
 * steps that run before the one being edited.
 */
export function evaluationData(payloadText: string | undefined, lastExecution: Execution | undefined, stepsBefore: readonly string[]): EvaluationData {
  const payload = payloadText === undefined ? null : parseTriggerInput(payloadText);
  const input = payload?.ok ? payload.input : (lastExecution?.input ?? NO_SAMPLE_INPUT);
  const steps: EvaluationData["steps"] = {};
  for (const run of lastExecution?.steps ?? []) {
    if (run.output && stepsBefore.includes(run.stepId)) steps[run.stepId] = { code: run.output.code, headers: run.output.headers, body: run.output.body };
  }
  return { input, steps };
}
