import { isFinishedStatus, type RerunFrom } from "@fluxo/contracts";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, DateTime, EmptyState, ErrorState, LoadingState, SidePanel, StatusBadge, formatDuration } from "../ui/index.js";
import { HISTORY_PAGE_SIZE, useExecutionRetention, useFlowExecutions, useLiveFlowExecutions } from "./api.js";
import { mayContinueFromFailed, RerunButtons } from "./ExecutionBar.js";
import { runLabel } from "./runLabel.js";

export interface ExecutionHistoryPanelProps {
  flowId: string;
  currentExecutionId: string | null;
  onOpen(executionId: string): void;
  onClose(): void;
  /** Re-runs a finished execution (absent for who can't run flows); `pending` is the one being started. */
  rerun?: { pending: { executionId: string; from: RerunFrom } | null; onRerun(executionId: string, from: RerunFrom): void };
}

/**
 * "Execuções": the flow's runs, newest first, a page at a time; opening one paints it on the
 * canvas. While open it follows the flow's executions live: a run started anywhere appears
 * at the top and its status changes in place.
 */
export function ExecutionHistoryPanel({ flowId, currentExecutionId, onOpen, onClose, rerun }: ExecutionHistoryPanelProps) {
  const { t, i18n } = useTranslation("executions");
  const [offset, setOffset] = useState(0);
  const page = useFlowExecutions(flowId, offset);
  const live = useLiveFlowExecutions(flowId);
  const retention = useExecutionRetention();

  let body;
  if (page.isPending) body = <LoadingState />;
  else if (page.error) body = <ErrorState compact error={page.error} onRetry={() => void page.refetch()} />;
  else if (page.data.total === 0) body = <EmptyState title={t("history.empty")} description={t("history.emptyDetail")} />;
  else {
    const { items, total } = page.data;
    body = (
      <>
        <ul className="history-list" aria-label={t("history.title")}>
          {items.map((execution) => (
            <li key={execution.id}>
              <button
                type="button"
                className="history-item"
                aria-current={execution.id === currentExecutionId ? "true" : undefined}
                onClick={() => onOpen(execution.id)}
              >
                <StatusBadge status={execution.status} />
                <span className="history-item__when">
                  <DateTime value={execution.createdAt} relative />
                </span>
                <span className="history-item__meta">
                  {formatDuration(execution.durationMs, i18n.language)} · {runLabel(execution, t, i18n.language)} ·{" "}
                  <span data-testid="trigger-source">{t(`history.source.${execution.triggerSource}`)}</span>
                </span>
              </button>
              {rerun && isFinishedStatus(execution.status) && execution.triggerSource !== "test" && (
                <div className="history-item__actions" role="group" aria-label={t("rerun.actions", { id: execution.id.slice(0, 8) })}>
                  <RerunButtons
                    canContinue={mayContinueFromFailed(execution.status)}
                    pending={rerun.pending?.executionId === execution.id ? rerun.pending.from : null}
                    onRerun={(from) => rerun.onRerun(execution.id, from)}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
        {total > HISTORY_PAGE_SIZE && (
          <nav className="history-pager" aria-label={t("history.pages")}>
            <Button size="sm" variant="ghost" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - HISTORY_PAGE_SIZE))}>
              {t("history.newer")}
            </Button>
            <span className="muted">{t("history.range", { from: offset + 1, to: Math.min(offset + HISTORY_PAGE_SIZE, total), total })}</span>
            <Button size="sm" variant="ghost" disabled={offset + HISTORY_PAGE_SIZE >= total} onClick={() => setOffset(offset + HISTORY_PAGE_SIZE)}>
              {t("history.older")}
            </Button>
          </nav>
        )}
      </>
    );
  }

  return (
    <SidePanel
      title={t("history.title")}
      subtitle={
        <span className={`live-indicator${live === "open" ? " live-indicator--on" : ""}`} role="status" data-testid="history-live">
          {live === "open" ? t("history.live") : live === "failed" ? t("history.liveOff") : t("history.liveConnecting")}
        </span>
      }
      closeLabel={t("history.close")}
      onClose={onClose}
      padded
    >
      {body}
      {retention.data && (
        <p className="muted history-retention" data-testid="history-retention">
          {t("history.retention", { count: retention.data.days })}
        </p>
      )}
    </SidePanel>
  );
}
