import type { TFunction } from "i18next";
import { ApiError } from "../api/http.js";

/** A sentence for a person about what went wrong, never a stack trace. */
export function describeError(error: unknown, t: TFunction<"common">): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t("errors.unreachable");
    if (error.status === 404) return t("errors.notFound");
    if (error.status >= 500) return t("errors.server");
    return sentence(error.problem.detail || error.problem.title || t("errors.unknown"));
  }
  return t("errors.unknown");
}

export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

/** A server message as a toast or alert shows it: a sentence, so its first letter is a capital. */
function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
