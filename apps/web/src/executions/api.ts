import { EXECUTION_STAGE, type Execution, type ExecutionRetention, type ExecutionSummary, type Page, type RerunFrom, type StepTestResult, type TriggerInput } from "@fluxo/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useFlow } from "../api/flows.js";
import { api } from "../api/http.js";
import { queryKeys } from "../api/queryKeys.js";
import { followFlowExecutions, type StreamState } from "./sse.js";

export const HISTORY_PAGE_SIZE = 20;

export function useExecution(id: string | null) {
  return useQuery({
    queryKey: queryKeys.executions.detail(id ?? ""),
    queryFn: ({ signal }) => api<Execution>(`/api/executions/${encodeURIComponent(id!)}`, { signal }),
    enabled: Boolean(id),
    staleTime: 0,
  });
}

/** The flow's most recent execution, with its inputs and step results (the editor's expression previews read them). */
export function useLastExecution(flowId: string): Execution | undefined {
  const lastId = useFlow(flowId).data?.lastExecution?.id ?? null;
  return useExecution(lastId).data;
}

export function useFlowExecutions(flowId: string, offset: number) {
  const page = { limit: HISTORY_PAGE_SIZE, offset };
  return useQuery({
    queryKey: queryKeys.flows.executions(flowId, page),
    queryFn: ({ signal }) =>
      api<Page<ExecutionSummary>>(`/api/flows/${encodeURIComponent(flowId)}/executions?limit=${page.limit}&offset=${page.offset}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** How long the workspace keeps finished executions (older ones are pruned by the server). */
export function useExecutionRetention() {
  return useQuery({
    queryKey: queryKeys.workspace.retention,
    queryFn: ({ signal }) => api<ExecutionRetention>("/api/workspace/retention", { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useStartExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flowId, input }: { flowId: string; input: TriggerInput }) =>
      api<{ executionId: string }>(`/api/flows/${encodeURIComponent(flowId)}/executions`, { method: "POST", body: { input } }),
    onSuccess: (_answer, { flowId }) => queryClient.invalidateQueries({ queryKey: [...queryKeys.flows.detail(flowId), "executions"] }),
  });
}

/** POST /api/executions/{id}/rerun: the same input again, from the start or from the failed step. */
export function useRerunExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ executionId, from }: { executionId: string; from: RerunFrom; flowId: string }) =>
      api<{ executionId: string }>(`/api/executions/${encodeURIComponent(executionId)}/rerun`, { method: "POST", body: { from } }),
    onSuccess: (_answer, { flowId, executionId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...queryKeys.flows.detail(flowId), "executions"] }),
        // The original lists its re-runs.
        queryClient.invalidateQueries({ queryKey: queryKeys.executions.detail(executionId) }),
      ]),
  });
}

/** POST /api/flows/{id}/steps/{stepId}/test: one step of the saved draft, alone, against the last run's data. */
export function useTestStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flowId, stepId }: { flowId: string; stepId: string }) =>
      api<StepTestResult>(`/api/flows/${encodeURIComponent(flowId)}/steps/${encodeURIComponent(stepId)}/test`, { method: "POST", body: {} }),
    onSuccess: (_answer, { flowId }) => queryClient.invalidateQueries({ queryKey: [...queryKeys.flows.detail(flowId), "executions"] }),
  });
}

/**
 * A page of the history with one execution's news applied: an execution already listed is
 * updated (never backwards); a new one goes on the first page in date order (the oldest
 * then falls off) and counts in the total. Other pages are left to a refetch.
 */
export function applyToHistoryPage(page: Page<ExecutionSummary>, summary: ExecutionSummary): Page<ExecutionSummary> {
  const index = page.items.findIndex((e) => e.id === summary.id);
  if (index >= 0) {
    // Never backwards: a message may cross a refetch.
    if (EXECUTION_STAGE[summary.status] < EXECUTION_STAGE[page.items[index]!.status]) return page;
    const items = page.items.slice();
    items[index] = summary;
    return { ...page, items };
  }
  if (page.offset > 0) return page;
  const oldest = page.items.at(-1);
  // Older than all a full first page holds: it belongs further down (it scrolled off meanwhile).
  if (oldest && page.items.length >= page.limit && summary.createdAt < oldest.createdAt) return page;
  const items = [...page.items, summary].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, page.limit);
  return { ...page, items, total: page.total + 1 };
}

/**
 * Keeps the flow's history up to date while mounted, from the server's push (no polling):
 * each execution created for the flow — from the editor, the gateway or the API — and each
 * status change lands in the cached pages. Every (re)connection reads the list again, for
 * whatever happened while no stream was open.
 */
export function useLiveFlowExecutions(flowId: string): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  useEffect(() => {
    const history = [...queryKeys.flows.detail(flowId), "executions"];
    const stream = followFlowExecutions(flowId, {
      onOpen: () => void queryClient.invalidateQueries({ queryKey: history }),
      onExecution: (summary) => {
        queryClient.setQueriesData<Page<ExecutionSummary>>({ queryKey: history }, (page) => page && applyToHistoryPage(page, summary));
        // A new execution moves every older one down a place: later pages are read again.
        if (summary.status === "queued") {
          void queryClient.invalidateQueries({ queryKey: history, predicate: (query) => ((query.queryKey[4] as { offset?: number } | undefined)?.offset ?? 0) > 0 });
        }
      },
      onStateChange: setState,
    });
    return () => stream.close();
  }, [flowId, queryClient]);
  return state;
}
