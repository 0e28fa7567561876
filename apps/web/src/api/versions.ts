import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Flow, FlowVersion, FlowVersionSummary } from "@fluxo/contracts";
import { api } from "./http.js";
import { queryKeys } from "./queryKeys.js";

const flowPath = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}`;

export function useFlowVersions(flowId: string) {
  return useQuery({
    queryKey: queryKeys.flows.versions(flowId),
    queryFn: ({ signal }) => api<FlowVersionSummary[]>(`${flowPath(flowId)}/versions`, { signal }),
  });
}

export function useFlowVersion(flowId: string, number: number | null) {
  return useQuery({
    queryKey: queryKeys.flows.version(flowId, number ?? 0),
    queryFn: ({ signal }) => api<FlowVersion>(`${flowPath(flowId)}/versions/${number}`, { signal }),
    enabled: number !== null,
    // A published version never changes.
    staleTime: Infinity,
  });
}

/** After publishing, the flow's detail (published number, unpublished changes) and its versions are read again. */
export function usePublishFlow(flowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (note: string) => api<FlowVersion>(`${flowPath(flowId)}/publish`, { method: "POST", body: { note } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.flows.detail(flowId) }),
  });
}

export function useRestoreVersion(flowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (number: number) => api<Flow>(`${flowPath(flowId)}/versions/${number}/restore`, { method: "POST" }),
    onSuccess: (flow) => {
      queryClient.setQueryData(queryKeys.flows.detail(flow.id), flow);
      return queryClient.invalidateQueries({ queryKey: queryKeys.flows.list() });
    },
  });
}
