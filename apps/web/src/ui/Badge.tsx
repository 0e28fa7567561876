import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ExecutionStatus, StepStatus } from "@fluxo/contracts";

export type Status = ExecutionStatus | StepStatus;
export type BadgeTone = Status | "neutral" | "info" | "success" | "warning" | "danger";

export function Badge({ tone = "neutral", children }: { tone?: BadgeTone; children: ReactNode }) {
  return (
    <span className={`badge badge--${tone}`}>
      <span className="badge__dot" aria-hidden="true" />
      <span className="badge__label">{children}</span>
    </span>
  );
}

/** An execution's or a step's status, coloured and named in the current language. */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation("common");
  return <Badge tone={status}>{t(`status.${status}`)}</Badge>;
}
