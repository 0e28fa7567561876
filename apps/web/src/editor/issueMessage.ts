import type { TFunction } from "i18next";
import i18n from "../i18n/index.js";
import { codedMessage } from "../i18n/codedMessage.js";
import type { StepIssue } from "./validation.js";

/** A sentence saying what is wrong and how to fix it, in the app's language. */
export function issueMessage(issue: StepIssue, t: TFunction<"editor">): string {
  const { detail, detailMessage } = issue;
  const told = detailMessage ? codedMessage({ message: detail ?? "", messageCode: detailMessage.code, messageParams: detailMessage.params }, i18n.language) : detail;
  if (issue.code === "server") return told || t("issues.server");
  if (issue.code === "invalid_value") return told || t("issues.invalid_value");
  return t(`issues.${issue.code}`, { limit: issue.limit, detail: told, stepId: issue.stepId });
}
