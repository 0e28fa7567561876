import { EXECUTION_STAGE, type ExecutionListPage, type ExecutionStatus, type ExecutionSummary, type TriggerSource } from "@fluxo/contracts";
import { type InfiniteData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api } from "../api/http.js";
import { queryKeys } from "../api/queryKeys.js";
import { useExecution } from "./api.js";
import { followWorkspaceExecutions, type StreamState } from "./sse.js";

export const RUNS_PAGE_SIZE = 25;

/** The Execuções page's filters; each one empty means "any". Times are instants (ISO). */
export interface RunFilters {
  status: ExecutionStatus | "";
  flowId: string;
  source: TriggerSource | "";
  from: string;
  to: string;
}

export const NO_FILTERS: RunFilters = { status: "", flowId: "", source: "", from: "", to: "" };

export function runsQuery(filters: RunFilters, cursor: string | null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  params.set("limit", String(RUNS_PAGE_SIZE));
  if (cursor) params.set("cursor", cursor);
  return params.toString();
}

/** Whether a run belongs in the list these filters show (a live one is placed by this). */
export function matchesFilters(run: ExecutionSummary, filters: RunFilters): boolean {
  if (filters.status && run.status !== filters.status) return false;
  if (filters.flowId && run.flowId !== filters.flowId) return false;
  if (filters.source && run.triggerSource !== filters.source) return false;
  const created = Date.parse(run.createdAt);
  if (filters.from && created < Date.parse(filters.from)) return false;
  if (filters.to && created >= Date.parse(filters.to)) return false;
  return true;
}

type Pages = InfiniteData<ExecutionListPage, string | null>;

/**
 * The loaded pages with one run's news applied: a listed run is updated (never backwards) or,
 * no longer matching (a status filter), dropped; a new matching run goes first. A run older
 * than the first page's newest is left to the next refetch: it isn't news.
 */
export function applyToRuns(data: Pages, run: ExecutionSummary, filters: RunFilters): Pages {
  const listed = data.pages.findIndex((page) => page.items.some((e) => e.id === run.id));
  if (listed >= 0) {
    const pages = data.pages.map((page) => {
      const index = page.items.findIndex((e) => e.id === run.id);
      if (index < 0) return page;
      const current = page.items[index]!;
      if (EXECUTION_STAGE[run.status] < EXECUTION_STAGE[current.status]) return page;
      const items = page.items.slice();
      if (matchesFilters(run, filters)) items[index] = run;
      else items.splice(index, 1);
      return { ...page, items };
    });
    return { ...data, pages };
  }
  if (!matchesFilters(run, filters)) return data;
  const [first, ...rest] = data.pages;
  if (!first) return data;
  const newest = first.items[0];
  if (newest && run.createdAt < newest.createdAt) return data;
  return { ...data, pages: [{ ...first, items: [run, ...first.items] }, ...rest] };
}

export function useWorkspaceRuns(filters: RunFilters) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.executions.all, "workspace", filters],
    queryFn: ({ signal, pageParam }) => api<ExecutionListPage>(`/api/executions?${runsQuery(filters, pageParam)}`, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
}

/**
 * Keeps the listed runs up to date while mounted, from the server's push: a run started
 * anywhere in the workspace appears first, and statuses change in place. Every
 * (re)connection reads the list again, for what happened while no stream was open.
 */
export function useLiveWorkspaceRuns(filters: RunFilters): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  useEffect(() => {
    const key = [...queryKeys.executions.all, "workspace", filters];
    const stream = followWorkspaceExecutions({
      onOpen: () => void queryClient.invalidateQueries({ queryKey: key }),
      onExecution: (run) => queryClient.setQueryData<Pages>(key, (data) => data && applyToRuns(data, run, filters)),
      onStateChange: setState,
    });
    return () => stream.close();
    // The filters' values, not the object: a re-render with the same filters keeps the stream.
  }, [queryClient, filters.status, filters.flowId, filters.source, filters.from, filters.to]);
  return state;
}

/**
 * The flow's latest run of the whole flow that succeeded, whole (its input makes the publish panel's
 * curl example). `kind=run` leaves out step tests ("Testar passo"), which run one step on the input
 * of the run before — often a failed one — and succeed on their own.
 */
export function useLastSuccessfulRun(flowId: string) {
  const latest = useQuery({
    queryKey: [...queryKeys.executions.all, "workspace", { ...NO_FILTERS, flowId, status: "succeeded" }, "latest-run"],
    queryFn: ({ signal }) => api<ExecutionListPage>(`/api/executions?${new URLSearchParams({ flowId, status: "succeeded", kind: "run", limit: "1" })}`, { signal }),
  });
  const id = latest.data?.items[0]?.id ?? null;
  return useExecution(id);
}
