import { renderStepMessage, type StepErrorInfo, type StepMessageParam } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";

/**
 * A message the server sent as a code and params of the step-message catalog (a step error, a
 * connection test's outcome, a draft problem, a schedule's last tick), beside its stored pt-BR text.
 */
export type CodedMessage = Pick<StepErrorInfo, "message" | "messageCode" | "messageParams">;

/**
 * The message tells what to do itself: the catalog composes that advice into it as an `advice`
 * param, at any depth (a "not retried" message wraps the failure that carries it). Then the
 * generic hint of its kind would say the same a second time.
 */
export function carriesOwnAdvice(message: Pick<CodedMessage, "messageCode" | "messageParams">): boolean {
  return message.messageCode !== undefined && hasAdvice(message.messageParams);
}

function hasAdvice(params: Record<string, StepMessageParam> | undefined): boolean {
  return Object.entries(params ?? {}).some(([name, value]) => name === "advice" || (typeof value === "object" && hasAdvice(value.params)));
}

/**
 * The message in `language`: its code and params told with the step-message catalog (contracts'
 * STEP_MESSAGES, pt-BR and English); the stored pt-BR text for a message stored before codes
 * existed or with a code this build doesn't know.
 */
export function codedMessage(message: CodedMessage, language: string): string {
  if (!message.messageCode) return message.message;
  return renderStepMessage(message.messageCode, message.messageParams, language === "en" ? "en" : "pt-BR") ?? message.message;
}

/** codedMessage in the app's current language (re-rendered when it changes). */
export function useCodedMessage(): (message: CodedMessage) => string {
  const { i18n } = useTranslation();
  return (message) => codedMessage(message, i18n.language);
}

/** The codes Fluxo itself gives a consented connection's failures (not a remote service's words): their coded message tells them. */
export const CONSENT_CODES: ReadonlySet<string> = new Set(["reconnect_required", "refresh_budget_exhausted", "not_connected", "token_refused"]);
