import { isFinishedStatus } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { ArrowLeftIcon, Button, Spinner, StatusBadge, formatDateTime, formatDuration } from "../ui/index.js";
import type { RunState } from "./runState.js";
import type { StreamState } from "./sse.js";
import { useElapsed } from "./useElapsed.js";

export interface ExecutionBarProps {
  executionId: string;
  run: RunState;
  stream: StreamState;
  createdAt: string | undefined;
  /** Set when the execution ran a definition other than the draft's: the version it ran. */
  ranOtherVersion?: number;
  onBackToEditing(): void;
}

/** Above the canvas while an execution is shown: its status, elapsed time, and the way back to editing. */
export function ExecutionBar({ executionId, run, stream, createdAt, ranOtherVersion, onBackToEditing }: ExecutionBarProps) {
  const { t, i18n } = useTranslation("executions");
  const finished = isFinishedStatus(run.status);
  const elapsed = useElapsed(run.startedAt, finished, run.durationMs);
  return (
    <div className={`execution-bar execution-bar--${run.status}`} role="status" aria-live="polite" data-testid="execution-bar">
      <StatusBadge status={run.status} />
      <span className="execution-bar__title">
        {t("bar.execution")} <span className="mono">{executionId.slice(0, 8)}</span>
      </span>
      {createdAt && <span className="execution-bar__meta">{formatDateTime(createdAt, i18n.language)}</span>}
      <span className="execution-bar__meta" aria-label={t("bar.elapsed")}>
        {!finished && <Spinner />} {formatDuration(elapsed, i18n.language)}
      </span>
      {stream === "reconnecting" && <span className="execution-bar__warning">{t("bar.reconnecting")}</span>}
      {ranOtherVersion !== undefined && (
        <span className="execution-bar__version" data-testid="execution-version" title={t("bar.otherVersionDetail")}>
          {t("bar.otherVersion", { version: ranOtherVersion })}
        </span>
      )}
      <span className="execution-bar__readonly">{t("bar.readOnly")}</span>
      <Button size="sm" variant="secondary" icon={<ArrowLeftIcon />} onClick={onBackToEditing} className="execution-bar__back">
        {t("bar.backToEditing")}
      </Button>
    </div>
  );
}
