import type { ExecutionSummary } from "@fluxo/contracts";
import type { TFunction } from "i18next";

/** "06/12 17:36" (day and month first in pt-BR): when a draft was saved, short enough for a badge. */
export function shortDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(language, { day: "2-digit", month: "2-digit" }).format(date);
  const time = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  return `${day} ${time}`;
}

/**
 * What an execution ran, as a person names it: "v2" for a published version, "rascunho de
 * 06/12 17:36" for the draft saved then. Numbers belong to published versions only.
 */
export function runLabel(execution: Pick<ExecutionSummary, "draft" | "draftSavedAt" | "flowVersion">, t: TFunction<"executions">, language: string): string {
  if (!execution.draft) return t("ranWhat.version", { number: execution.flowVersion });
  return execution.draftSavedAt ? t("ranWhat.draftOf", { when: shortDateTime(execution.draftSavedAt, language) }) : t("ranWhat.draft");
}
