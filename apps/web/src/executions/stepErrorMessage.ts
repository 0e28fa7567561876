import { renderStepMessage, type StepErrorInfo } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";

type ToldError = Pick<StepErrorInfo, "message" | "messageCode" | "messageParams">;

/**
 * A step error's message in `language`: its code and params told with the step-message catalog
 * (contracts' STEP_MESSAGES, pt-BR and English); the stored pt-BR message for an error stored
 * before codes existed or with a code this build doesn't know.
 */
export function stepErrorMessage(error: ToldError, language: string): string {
  if (!error.messageCode) return error.message;
  return renderStepMessage(error.messageCode, error.messageParams, language === "en" ? "en" : "pt-BR") ?? error.message;
}

/** stepErrorMessage in the app's current language (re-rendered when it changes). */
export function useStepErrorMessage(): (error: ToldError) => string {
  const { i18n } = useTranslation();
  return (error) => stepErrorMessage(error, i18n.language);
}
