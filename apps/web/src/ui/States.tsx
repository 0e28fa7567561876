import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "./Button.js";
import { describeError } from "./errors.js";
import { AlertIcon, CheckCircleIcon, InboxIcon, RefreshIcon } from "./icons.js";

export function EmptyState({ title, description, action, icon }: { title: string; description?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="state">
      {icon ?? <InboxIcon className="state__icon" />}
      <h2 className="state__title">{title}</h2>
      {description && <p className="state__description">{description}</p>}
      {action}
    </div>
  );
}

/** Something could not be loaded: says what went wrong and offers to try again. */
export function ErrorState({ error, title, onRetry, compact = false }: { error: unknown; title?: string; onRetry?: () => void; compact?: boolean }) {
  const { t } = useTranslation("common");
  return (
    <div className={compact ? "state state--error state--compact" : "state state--error"} role="alert">
      <AlertIcon className="state__icon" />
      <h2 className="state__title">{title ?? t("errors.loadFailed")}</h2>
      <p className="state__description">{describeError(error, t)}</p>
      {onRetry && (
        <Button variant="secondary" icon={<RefreshIcon />} onClick={onRetry}>
          {t("actions.retry")}
        </Button>
      )}
    </div>
  );
}

export type AlertTone = "info" | "success" | "warning" | "error";

/** An inline message block (e.g. a test result, a warning inside a dialog). */
export function Alert({ tone = "info", title, children, live = false }: { tone?: AlertTone; title?: ReactNode; children?: ReactNode; live?: boolean }) {
  const role = live ? (tone === "error" ? "alert" : "status") : undefined;
  return (
    <div className={`alert alert--${tone}`} role={role}>
      {tone === "success" ? <CheckCircleIcon /> : <AlertIcon />}
      <div className="alert__body">
        {title && <p className="alert__title">{title}</p>}
        {children}
      </div>
    </div>
  );
}
