import { type Problem, ProblemSchema, StepErrorInfoSchema } from "@fluxo/contracts";
import { z } from "zod";
import type { StepOutcome } from "../executions/execution-service.js";

/** The 502 of …/sync: which step failed (or didn't run) and the remote service's error. */
export const SyncStepProblemSchema = ProblemSchema.extend({
  executionId: z.string(),
  stepId: z.string().nullable().describe("The step whose result was asked for."),
  failedStepId: z.string().nullable().describe("The step that failed, when one did."),
  error: StepErrorInfoSchema.nullable(),
});

export type SyncAnswer = { kind: "result"; status: number; body: unknown } | { kind: "problem"; problem: Problem };

/**
 * The answer of …/sync once the execution finished: the chosen step's (default: the last
 * one run; in a Loop's branch, its last pass) `body` with its `code` as the status; 502
 * naming the step and the remote service's error when it failed or never ran — also when
 * the execution went on past it (diverged).
 */
export function syncAnswer(executionId: string, steps: StepOutcome[], returnStep: string | undefined): SyncAnswer {
  const stepId = returnStep ?? steps.filter((s) => s.status !== "skipped" && s.status !== "pending").at(-1)?.stepId ?? steps.at(-1)?.stepId;
  const step = steps.filter((s) => s.stepId === stepId).at(-1);
  if (step?.status === "succeeded" && step.output) {
    const code = step.output.code >= 200 && step.output.code <= 599 ? step.output.code : 200;
    return { kind: "result", status: code, body: step.output.body };
  }
  const failed = step?.status === "failed" ? step : steps.find((s) => s.status === "failed");
  const error = failed?.error ?? null;
  const detail =
    failed && failed === step
      ? `o passo "${step.stepId}" falhou: ${error?.message ?? "sem detalhes"}`
      : failed
        ? `o passo "${stepId}" não rodou porque o passo "${failed.stepId}" falhou: ${error?.message ?? "sem detalhes"}`
        : `o passo "${stepId}" não produziu resultado; veja a execução ${executionId}`;
  return {
    kind: "problem",
    problem: { type: "about:blank", title: "Bad Gateway", status: 502, detail, executionId, stepId: stepId ?? null, failedStepId: failed?.stepId ?? null, error } satisfies z.input<typeof SyncStepProblemSchema>,
  };
}
