import { renderStepMessage, type StepErrorInfo, type StepMessageCode, type StepMessageParam } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";

type ToldError = Pick<StepErrorInfo, "message" | "messageCode" | "messageParams">;

/**
 * Messages that end with what to do though they write it inline rather than as an `advice` param:
 * a service that doesn't answer in time or at all, an address the outbound policy refuses, an
 * answer too large. Typed against the catalog, so a renamed code doesn't compile.
 */
const ADVISING_INLINE: ReadonlySet<string> = new Set<StepMessageCode>([
  "btg_id.timeout",
  "btg_id.network",
  "btg_id.refused",
  "btg_id.response_too_large",
  "http.timeout",
  "http.network",
  "http.refused",
  "http.response_too_large",
]);

/**
 * The connector's message tells what to do itself: the catalog composes that advice into it as an
 * `advice` param (BTG-ID's per-OAuth-code advice, HTTP's per-status one) or writes it inline (the
 * codes above), at any depth (a "not retried" message wraps the failure that carries it). Then the
 * generic hint of its kind would say the same a second time.
 */
export function carriesOwnAdvice(error: Pick<ToldError, "messageCode" | "messageParams">): boolean {
  return error.messageCode !== undefined && advises(error.messageCode, error.messageParams);
}

function advises(code: string, params: Record<string, StepMessageParam> | undefined): boolean {
  if (ADVISING_INLINE.has(code)) return true;
  return Object.entries(params ?? {}).some(([name, value]) => name === "advice" || (typeof value === "object" && advises(value.code, value.params)));
}

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
