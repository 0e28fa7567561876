import type { Execution, ExecutionSummary, Page, TriggerInput } from "@fluxo/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFlow } from "../api/flows.js";
import { api } from "../api/http.js";
import { queryKeys } from "../api/queryKeys.js";

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

export function useStartExecution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flowId, input }: { flowId: string; input: TriggerInput }) =>
      api<{ executionId: string }>(`/api/flows/${encodeURIComponent(flowId)}/executions`, { method: "POST", body: { input } }),
    onSuccess: (_answer, { flowId }) => queryClient.invalidateQueries({ queryKey: [...queryKeys.flows.detail(flowId), "executions"] }),
  });
}
