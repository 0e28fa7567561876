import type { TFunction } from "i18next";
import type { StepIssue } from "./validation.js";

/** A sentence saying what is wrong and how to fix it. */
export function issueMessage(issue: StepIssue, t: TFunction<"editor">): string {
  if (issue.code === "server") return issue.detail ?? t("issues.server");
  return t(`issues.${issue.code}`, { limit: issue.limit, detail: issue.detail, stepId: issue.stepId });
}
