import { isFinishedStatus, type Execution, type ExecutionStatus, type RerunFrom, type StepErrorInfo } from "@fluxo/contracts";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AlertIcon, ArrowLeftIcon, Button, Spinner, StatusBadge, formatDateTime, formatDuration, useTextCut } from "../ui/index.js";
import { firstFailedStep, type RunState } from "./runState.js";
import { codedMessage } from "../i18n/codedMessage.js";
import type { StreamState } from "./sse.js";
import { useElapsed } from "./useElapsed.js";

export interface ExecutionBarProps {
  executionId: string;
  run: RunState;
  stream: StreamState;
  createdAt: string | undefined;
  /** Set when the execution ran a definition other than the draft's: what it ran ("v2", "rascunho de 06/12 17:36"). */
  ranOtherVersion?: string;
  onBackToEditing(): void;
  /** Opens a step's details (the failed step's, from the failure line). */
  onOpenStep(stepId: string): void;
  /** What a step is called in the definition the execution ran (its free-text name, else its id). */
  stepName(stepId: string): string;
  /** The execution's links to the one it re-ran and to its re-runs, once loaded. */
  links?: Pick<Execution, "rerunOf" | "reruns">;
  onOpenExecution(executionId: string): void;
  /** "Executar de novo" / "Continuar do passo com falha"; absent for who can't run flows, or a step test. */
  rerun?: { pending: RerunFrom | null; onRerun(from: RerunFrom): void };
  /** A step test ("Testar passo"): titled so. */
  stepTest?: boolean;
}

/** Above the canvas while an execution is shown: its status, elapsed time, and the way back to editing. */
export function ExecutionBar({ executionId, run, stream, createdAt, ranOtherVersion, onBackToEditing, onOpenStep, stepName, links, onOpenExecution, rerun, stepTest = false }: ExecutionBarProps) {
  const { t, i18n } = useTranslation("executions");
  const finished = isFinishedStatus(run.status);
  const elapsed = useElapsed(run.startedAt, finished, run.durationMs);
  const failed = firstFailedStep(run);
  return (
    <div className={`execution-bar execution-bar--${run.status}`} role="status" aria-live="polite" data-testid="execution-bar">
      <div className="execution-bar__row">
        <StatusBadge status={run.status} />
        <span className="execution-bar__title">
          {stepTest ? t("bar.stepTest") : t("bar.execution")} <span className="mono">{executionId.slice(0, 8)}</span>
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
      {failed && <FailureLine step={stepName(failed.stepId)} error={failed.error} onOpen={() => onOpenStep(failed.stepId)} />}
      {((finished && rerun) || links?.rerunOf || (links?.reruns.length ?? 0) > 0) && (
        <div className="execution-bar__row execution-bar__reruns">
          {finished && rerun && <RerunButtons canContinue={failed !== null} pending={rerun.pending} onRerun={rerun.onRerun} />}
          {links && <RerunLinks links={links} onOpen={onOpenExecution} />}
        </div>
      )}
    </div>
  );
}

/** What an error says in one line: the service's own sentence when there is one, else its code and description. */
function errorSummary(error: StepErrorInfo | null, language: string): string {
  if (!error) return "";
  if (error.message) return codedMessage(error, language);
  return [error.code, error.description, error.status === undefined ? undefined : `HTTP ${error.status}`].filter(Boolean).join(" · ");
}

/**
 * "Obter credenciais falhou: <why>" and the way to its details, under the bar's first row. A
 * long reason is cut at two lines, with "Mostrar tudo" to read the whole of it in place.
 */
function FailureLine({ step, error, onOpen }: { step: string; error: StepErrorInfo | null; onOpen(): void }) {
  const { t, i18n } = useTranslation("executions");
  const summary = errorSummary(error, i18n.language);
  const text = summary ? t("bar.failedStep", { step, reason: summary }) : t("bar.failedStepNoReason", { step });
  const textId = useId();
  const textRef = useRef<HTMLSpanElement>(null);
  const [whole, setWhole] = useState(false);
  // Another failure (another run, the other language) starts cut again.
  useEffect(() => setWhole(false), [text]);
  const cut = useTextCut(textRef, text);
  return (
    <div className="execution-bar__failure" data-testid="execution-failure">
      <AlertIcon />
      <span id={textId} ref={textRef} className={whole ? "execution-bar__failure-text execution-bar__failure-text--whole" : "execution-bar__failure-text"}>
        {summary ? (
          <>
            <strong>{t("bar.failedStepLabel", { step })}</strong> {summary}
          </>
        ) : (
          <strong>{text}</strong>
        )}
      </span>
      {(cut || whole) && (
        <button type="button" className="link-button execution-bar__failure-toggle" aria-expanded={whole} aria-controls={textId} onClick={() => setWhole(!whole)}>
          {whole ? t("bar.showLess") : t("bar.showAll")}
        </button>
      )}
      <button type="button" className="link-button execution-bar__failure-open" aria-label={t("bar.openFailedStep", { step })} onClick={onOpen}>
        {t("bar.openDetails")}
      </button>
    </div>
  );
}

/** Runs that may have a failed step to continue from: an interrupted run's step was marked failed when the server stopped on it. */
export const mayContinueFromFailed = (status: ExecutionStatus): boolean => status === "failed" || status === "diverged" || status === "interrupted";

/** "Executar de novo" and, when a step failed, "Continuar do passo com falha": the same input, no payload to send again. */
export function RerunButtons({ canContinue, pending, onRerun }: { canContinue: boolean; pending: RerunFrom | null; onRerun(from: RerunFrom): void }) {
  const { t } = useTranslation("executions");
  return (
    <span className="rerun-buttons">
      {canContinue && (
        <Button size="sm" variant="primary" loading={pending === "failed"} disabled={pending !== null} title={t("rerun.fromFailedHelp")} onClick={() => onRerun("failed")} data-testid="rerun-failed">
          {t("rerun.fromFailed")}
        </Button>
      )}
      <Button size="sm" variant="secondary" loading={pending === "start"} disabled={pending !== null} title={t("rerun.againHelp")} onClick={() => onRerun("start")} data-testid="rerun-start">
        {t("rerun.again")}
      </Button>
    </span>
  );
}

/** "Reexecução de 1a2b3c4d (do passo com falha)" and "Reexecuções: 5e6f…": each opens that execution. */
function RerunLinks({ links, onOpen }: { links: Pick<Execution, "rerunOf" | "reruns">; onOpen(id: string): void }) {
  const { t } = useTranslation("executions");
  const from = (f: RerunFrom) => (f === "failed" ? t("rerun.fromFailedShort") : t("rerun.fromStart"));
  return (
    <>
      {links.rerunOf && (
        <span className="execution-bar__meta" data-testid="rerun-of">
          {t("rerun.of")}{" "}
          <button type="button" className="link-button mono" onClick={() => onOpen(links.rerunOf!.id)}>
            {links.rerunOf.id.slice(0, 8)}
          </button>{" "}
          ({from(links.rerunOf.from)})
        </span>
      )}
      {links.reruns.length > 0 && (
        <span className="execution-bar__meta" data-testid="reruns">
          {t("rerun.reruns")}{" "}
          {links.reruns.map((r, i) => (
            <span key={r.id}>
              {i > 0 && ", "}
              <button type="button" className="link-button mono" title={from(r.from)} onClick={() => onOpen(r.id)}>
                {r.id.slice(0, 8)}
              </button>
            </span>
          ))}
        </span>
      )}
    </>
  );
}
