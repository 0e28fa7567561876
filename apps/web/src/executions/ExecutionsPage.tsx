import { ExecutionStatusSchema, isFinishedStatus, TriggerSourceSchema, type ExecutionSummary, type ExecutionStatus, type RerunFrom, type TriggerSource } from "@fluxo/contracts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useCan } from "../api/auth.js";
import { useFlows } from "../api/flows.js";
import { Button, DateTime, EmptyState, ErrorState, LoadingState, PageHeader, Select, StatusBadge, TextField, describeError, formatDuration, useToast } from "../ui/index.js";
import { useRerunExecution } from "./api.js";
import { mayContinueFromFailed, RerunButtons } from "./ExecutionBar.js";
import { runLabel } from "./runLabel.js";
import { matchesFilters, NO_FILTERS, type RunFilters, useLiveWorkspaceRuns, useWorkspaceRuns } from "./workspaceRuns.js";
import "./executions-page.css";

/**
 * `/execucoes`: every flow's runs in the workspace, newest first, filtered by status, flow,
 * source and time; live while open; each run opens in its flow's editor, painted on the canvas.
 * The filters live in the URL, so a filtered list can be shared and survives a reload.
 */
export default function ExecutionsPage() {
  const { t } = useTranslation("runs");
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersOf(params), [params]);
  const runs = useWorkspaceRuns(filters);
  const live = useLiveWorkspaceRuns(filters);
  const flows = useFlows();
  const flowNames = useMemo(() => new Map((flows.data ?? []).map((f) => [f.id, f.name])), [flows.data]);
  const filtered = Object.values(filters).some(Boolean);

  const setFilter = (name: keyof RunFilters, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const items = runs.data?.pages.flatMap((page) => page.items).filter((run) => matchesFilters(run, filters)) ?? [];

  let body;
  if (runs.isPending) body = <LoadingState label={t("loading")} />;
  else if (runs.isError) body = <ErrorState title={t("loadFailed")} error={runs.error} onRetry={() => void runs.refetch()} />;
  else if (items.length === 0)
    body = filtered ? (
      <EmptyState
        title={t("emptyFilteredTitle")}
        description={t("emptyFilteredDescription")}
        action={
          <Button variant="secondary" onClick={() => setParams({}, { replace: true })}>
            {t("filters.clear")}
          </Button>
        }
      />
    ) : (
      <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />
    );
  else
    body = (
      <>
        <RunsTable runs={items} flowNames={flowNames} />
        {runs.hasNextPage && (
          <div className="runs-more">
            <Button variant="secondary" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage} aria-busy={runs.isFetchingNextPage || undefined}>
              {runs.isFetchingNextPage ? t("loadingMore") : t("loadMore")}
            </Button>
          </div>
        )}
      </>
    );

  return (
    <div className="page">
      <PageHeader
        title={t("title")}
        description={
          <>
            {t("description")}{" "}
            <span className={`live-indicator runs-live${live === "open" ? " live-indicator--on" : ""}`} role="status" data-testid="runs-live">
              {live === "open" ? t("live") : live === "failed" ? t("liveOff") : t("liveConnecting")}
            </span>
          </>
        }
      />
      <form className="runs-filters card" aria-label={t("filters.label")} onSubmit={(e) => e.preventDefault()}>
        <Select
          label={t("filters.status")}
          value={filters.status}
          onChange={(e) => setFilter("status", e.target.value)}
          placeholder={t("filters.any")}
          options={ExecutionStatusSchema.options.map((status) => ({ value: status, label: t(`status.${status}`, { ns: "common" }) }))}
        />
        <Select
          label={t("filters.flow")}
          value={filters.flowId}
          onChange={(e) => setFilter("flowId", e.target.value)}
          placeholder={t("filters.anyFlow")}
          options={(flows.data ?? []).map((flow) => ({ value: flow.id, label: flow.name }))}
        />
        <Select
          label={t("filters.source")}
          value={filters.source}
          onChange={(e) => setFilter("source", e.target.value)}
          placeholder={t("filters.any")}
          options={TriggerSourceSchema.options.map((source) => ({ value: source, label: t(`source.${source}`) }))}
        />
        <TextField label={t("filters.from")} type="datetime-local" value={toLocalInput(filters.from)} onChange={(e) => setFilter("from", fromLocalInput(e.target.value))} />
        <TextField label={t("filters.to")} type="datetime-local" value={toLocalInput(filters.to)} onChange={(e) => setFilter("to", fromLocalInput(e.target.value))} />
        {filtered && (
          <Button variant="ghost" className="runs-filters__clear" onClick={() => setParams({}, { replace: true })}>
            {t("filters.clear")}
          </Button>
        )}
      </form>
      <div className="card">{body}</div>
    </div>
  );
}

function RunsTable({ runs, flowNames }: { runs: ExecutionSummary[]; flowNames: Map<string, string> }) {
  const { t, i18n } = useTranslation("runs");
  const { t: te } = useTranslation("executions");
  const { t: tc } = useTranslation("common");
  const can = useCan();
  const rerun = useRerunExecution();
  const navigate = useNavigate();
  const toast = useToast();
  // The re-run opens in its flow's editor, as a run picked from this list does.
  const rerunFrom = async (run: ExecutionSummary, from: RerunFrom) => {
    try {
      const { executionId } = await rerun.mutateAsync({ executionId: run.id, from, flowId: run.flowId });
      void navigate(`/fluxos/${encodeURIComponent(run.flowId)}?execucao=${encodeURIComponent(executionId)}`);
    } catch (error) {
      toast.error(te("rerun.failed", { reason: describeError(error, tc) }));
    }
  };
  const pendingFor = (id: string) => (rerun.isPending && rerun.variables?.executionId === id ? rerun.variables.from : null);
  return (
    <table className="table runs-table">
      <caption className="visually-hidden">{t("title")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("table.flow")}</th>
          <th scope="col">{t("table.status")}</th>
          <th scope="col">{t("table.source")}</th>
          <th scope="col">{t("table.ran")}</th>
          <th scope="col">{t("table.started")}</th>
          <th scope="col">{t("table.duration")}</th>
          {can.runFlows && (
            <th scope="col">
              <span className="visually-hidden">{t("table.actions")}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const name = flowNames.get(run.flowId) ?? t("table.unknownFlow");
          return (
            <tr key={run.id} data-testid="run-row">
              <td>
                <Link className="table__primary" to={`/fluxos/${encodeURIComponent(run.flowId)}?execucao=${encodeURIComponent(run.id)}`} aria-label={t("table.open", { name })}>
                  {name}
                </Link>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td className="muted">{t(`source.${run.triggerSource}`)}</td>
              <td className="muted">{runLabel(run, te, i18n.language)}</td>
              <td className="muted">
                <DateTime value={run.createdAt} relative />
              </td>
              <td className="muted">{formatDuration(run.durationMs, i18n.language)}</td>
              {can.runFlows && (
                <td>
                  {isFinishedStatus(run.status) && run.triggerSource !== "test" && flowNames.has(run.flowId) && (
                    <RerunButtons canContinue={mayContinueFromFailed(run.status)} pending={pendingFor(run.id)} onRerun={(from) => void rerunFrom(run, from)} />
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function filtersOf(params: URLSearchParams): RunFilters {
  const status = params.get("status") ?? "";
  const source = params.get("source") ?? "";
  const instant = (name: string) => {
    const value = params.get(name) ?? "";
    return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : "";
  };
  return {
    ...NO_FILTERS,
    status: (ExecutionStatusSchema.options as string[]).includes(status) ? (status as ExecutionStatus) : "",
    flowId: params.get("flowId") ?? "",
    source: (TriggerSourceSchema.options as string[]).includes(source) ? (source as TriggerSource) : "",
    from: instant("from"),
    to: instant("to"),
  };
}

/** An instant as a datetime-local input shows it: the browser's local time, to the minute. */
function toLocalInput(iso: string): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(value: string): string {
  const at = value ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : "";
}
