import { isFinishedStatus, type Execution, type StepRun } from "@fluxo/contracts";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Badge, ClockIcon, EmptyState, ErrorState, JsonTree, LoadingState, Select, SidePanel, StatusBadge, formatDateTime, formatDuration } from "../ui/index.js";
import { AttemptList } from "./AttemptList.js";
import { outcomeExchanges } from "./exchanges.js";
import { HttpExchangeList } from "./HttpExchangeList.js";
import type { StepRunState } from "./runState.js";
import { StepErrorView } from "./StepErrorView.js";
import { StepOutputView } from "./StepOutputView.js";
import { tokenBodyOf } from "./tokenBody.js";
import { TokenView } from "./TokenView.js";
import { fetchStepToken, useCan } from "../api/auth.js";

export interface StepDetailsPanelProps {
  stepId: string;
  /** The step's free-text name in the definition that ran (the id when it has none). */
  stepName: string;
  /** The live status (from events), which may be ahead of the stored execution. */
  live: StepRunState | undefined;
  execution: Execution | undefined;
  loadError: unknown;
  onRetry(): void;
  onClose(): void;
}

/** "Detalhes do passo": what one step did in the execution shown: status, timing, token, output, its HTTP exchanges, input, tries. */
export function StepDetailsPanel({ stepId, stepName, live, execution, loadError, onRetry, onClose }: StepDetailsPanelProps) {
  const { t } = useTranslation("executions");
  // A step in a Loop's branch ran once per item: one stored run per pass. The first pass that
  // failed is shown first (what the person opened the step for), else the last one.
  const passes = execution?.steps.filter((s) => s.stepId === stepId) ?? [];
  const [chosen, setChosen] = useState<{ stepId: string; iteration: number } | null>(null);
  const stepRun = passes.find((s) => chosen?.stepId === stepId && (s.iteration ?? 0) === chosen.iteration) ?? passes.find((s) => s.status === "failed") ?? passes.at(-1);

  let body: ReactNode;
  if (loadError && !execution) body = <ErrorState compact error={loadError} onRetry={onRetry} />;
  else if (!execution) body = <LoadingState />;
  else if (live?.status === "running" || (stepRun?.status === "running" && !live)) body = <LoadingState label={t("details.running")} />;
  else if (!stepRun || stepRun.status === "pending")
    body = waitsToRun(execution, stepRun) ? (
      <EmptyState icon={<ClockIcon className="state__icon" />} title={t("details.waiting")} description={t("details.waitingDetail")} />
    ) : (
      <EmptyState title={t("details.notRun")} description={t("details.notRunDetail")} />
    );
  else
    body = (
      <>
        {passes.length > 1 && (
          <Select
            id="step-details-pass"
            label={t("details.pass")}
            help={t(passes.some(isNested) ? "details.passNestedHelp" : "details.passHelp", { count: passes.length })}
            value={String(stepRun.iteration ?? 0)}
            options={passes.map((s) => {
              const number = (s.iteration ?? 0) + 1;
              const label = isNested(s) ? t("details.passNestedOption", { path: s.loopPath!.map((i) => i + 1).join("."), number, count: passes.length }) : t("details.passOption", { number, count: passes.length });
              return { value: String(s.iteration ?? 0), label: s.status === "failed" ? t("details.passFailed", { label }) : label };
            })}
            onChange={(e) => setChosen({ stepId, iteration: Number(e.target.value) })}
          />
        )}
        <StepRunDetails run={stepRun} executionId={execution.id} />
      </>
    );

  return (
    <SidePanel title={t("details.title")} subtitle={<StepSubtitle name={stepName} id={stepId} />} closeLabel={t("details.close")} onClose={onClose} padded>
      {body}
    </SidePanel>
  );
}

function StepRunDetails({ run, executionId }: { run: StepRun; executionId: string }) {
  const { t, i18n } = useTranslation("executions");
  const can = useCan();
  const reveal = can.revealTokens ? async () => (await fetchStepToken(executionId, run.stepId)).access_token : undefined;
  const token = tokenBodyOf(run.output?.body);
  const exchanges = outcomeExchanges(run);
  const attempts = run.attempts ?? [];
  return (
    <div className="step-details">
      <dl className="facts facts--grid">
        <div className="facts__row">
          <dt>{t("details.status")}</dt>
          <dd className="step-details__status">
            <StatusBadge status={run.status} />
            {run.reused ? (
              <span className="reused-badge" data-testid="step-reused" title={t("details.reusedDetail")}>
                <Badge tone="info">{t("details.reused")}</Badge>
              </span>
            ) : (
              run.output?.cache?.hit && <ReusedBadge token={token !== null} until={formatDateTime(run.output.cache.reusableUntil, i18n.language)} />
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("details.duration")}</dt>
          <dd>{formatDuration(run.durationMs, i18n.language)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("details.startedAt")}</dt>
          <dd>{formatDateTime(run.startedAt, i18n.language)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t("details.attempt")}</dt>
          <dd>{run.attempt}</dd>
        </div>
      </dl>

      {run.reused && <p className="muted step-details__reused">{t("details.reusedDetail")}</p>}
      {run.error && <StepErrorView error={run.error} operation={`${run.connector}_${run.operation}`} />}

      {token && (
        <Section title={t("details.token")}>
          <TokenView body={token} reveal={reveal} />
        </Section>
      )}
      {run.output && (
        <Section title={t("details.output")} subtitle={`HTTP ${run.output.code}`}>
          <StepOutputView output={run.output} />
        </Section>
      )}
      {exchanges.length > 0 && (
        <Section title={t("details.http", { count: exchanges.length })} subtitle={exchanges.length > 1 ? String(exchanges.length) : undefined}>
          <HttpExchangeList exchanges={exchanges} />
        </Section>
      )}
      {run.input && (
        <Section title={t("details.input")} subtitle={t("details.inputRedacted")}>
          {/* Deep enough to show each Authorization Details entry's lists, which expressions often fill. */}
          <JsonTree value={run.input} label={t("details.input")} expandDepth={4} />
        </Section>
      )}
      {attempts.length > 1 && (
        <Section title={t("details.attempts")} subtitle={String(attempts.length)}>
          <AttemptList attempts={attempts} />
        </Section>
      )}
    </div>
  );
}

/** "Token reutilizado": this run didn't call the service, it reused a still-valid result (BTG-ID's token). */
export function ReusedBadge({ token, until }: { token: boolean; until?: string }) {
  const { t } = useTranslation("executions");
  return (
    <span className="reused-badge" data-testid="token-reused" title={until ? t("details.cacheHit", { until }) : undefined}>
      <Badge tone="info">{token ? t("details.tokenReused") : t("details.resultReused")}</Badge>
    </span>
  );
}

/** "Obter credenciais · credentials": the name a person gave, and the id expressions use. */
function StepSubtitle({ name, id }: { name: string; id: string }) {
  if (name === id) return <span className="mono">{id}</span>;
  return (
    <>
      {name} · <span className="mono">{id}</span>
    </>
  );
}

function Section({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <details className="details-section" open>
      <summary className="details-section__summary">
        <span className="details-section__title">{title}</span>
        {subtitle && <span className="details-section__subtitle">{subtitle}</span>}
      </summary>
      <div className="details-section__body">{children}</div>
    </details>
  );
}

/**
 * A step not started in an execution still queued or running may yet run ("Aguardando"); only a
 * finished one can say it never did. A step test runs its one step: the others never start in it.
 */
function waitsToRun(execution: Execution, stepRun: StepRun | undefined): boolean {
  if (isFinishedStatus(execution.status)) return false;
  return stepRun !== undefined || execution.triggerSource !== "test";
}

/** A pass inside nested Loops, numbered by item per Loop ("2.3": the inner Loop's 3rd item in the outer one's 2nd). */
function isNested(run: { loopPath?: number[] }): boolean {
  return (run.loopPath?.length ?? 0) > 1;
}
