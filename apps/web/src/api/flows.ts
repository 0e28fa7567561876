import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Flow, FlowCreate, FlowExport, FlowImport, FlowListItem, FlowUpdate } from "@fluxo/contracts";
import { api } from "./http.js";
import { queryKeys } from "./queryKeys.js";

export function useFlows() {
  return useQuery({
    queryKey: queryKeys.flows.list(),
    queryFn: ({ signal }) => api<FlowListItem[]>("/api/flows", { signal }),
  });
}

export function useFlow(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.flows.detail(id ?? ""),
    queryFn: ({ signal }) => api<Flow>(`/api/flows/${encodeURIComponent(id!)}`, { signal }),
    enabled: Boolean(id),
  });
}

/**
 * Flow changes can change which connections are in use, so both lists are refreshed.
 * A flow's detail is not refetched: the editor holds the copy it is editing.
 */
function useInvalidateFlows() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.flows.list() }),
      queryClient.invalidateQueries({ queryKey: queryKeys.connections.all }),
    ]);
}

export function useCreateFlow() {
  const invalidate = useInvalidateFlows();
  return useMutation({
    mutationFn: (body: FlowCreate) => api<Flow>("/api/flows", { method: "POST", body }),
    onSuccess: () => invalidate(),
  });
}

/** PUTs any part of a flow: the list renames with `{ name }`, the editor saves `{ definition, version }`. */
export function useUpdateFlow() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFlows();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FlowUpdate }) => api<Flow>(`/api/flows/${encodeURIComponent(id)}`, { method: "PUT", body }),
    onSuccess: (flow) => {
      queryClient.setQueryData(queryKeys.flows.detail(flow.id), flow);
      return invalidate();
    },
  });
}

export function useDuplicateFlow() {
  const invalidate = useInvalidateFlows();
  return useMutation({
    mutationFn: (id: string) => api<Flow>(`/api/flows/${encodeURIComponent(id)}/duplicate`, { method: "POST" }),
    onSuccess: () => invalidate(),
  });
}

export function useDeleteFlow() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFlows();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/flows/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: (_nothing, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.flows.detail(id) });
      return invalidate();
    },
  });
}

/** The flow as a file (connections by name and connector, never their values); the caller saves it. */
export function useExportFlow() {
  return useMutation({
    mutationFn: (id: string) => api<FlowExport>(`/api/flows/${encodeURIComponent(id)}/export`),
  });
}

/** Creates a flow from an exported file, all or nothing (422 per field when a connection or step doesn't fit). */
export function useImportFlow() {
  const invalidate = useInvalidateFlows();
  return useMutation({
    mutationFn: (body: FlowImport) => api<Flow>("/api/flows/import", { method: "POST", body }),
    onSuccess: () => invalidate(),
  });
}
