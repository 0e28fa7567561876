import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { FlowSchedule, ScheduleUpdate } from "@fluxo/contracts";
import { api, ApiError } from "./http.js";
import { queryKeys } from "./queryKeys.js";

const schedulePath = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/schedule`;

/**
 * The flow's Agendador; null when it has none (the API answers 404). A flow never published can't
 * have one (scheduling it answers 409), so nothing is asked for it.
 */
export function useFlowSchedule(flowId: string, published: boolean) {
  return useQuery({
    ...(published ? {} : { initialData: null }),
    queryKey: queryKeys.flows.schedule(flowId),
    queryFn: async ({ signal }) => {
      try {
        return await api<FlowSchedule>(schedulePath(flowId), { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(flowId) && published,
  });
}

/** Saving or removing a schedule changes the flows list's next run too. */
function useScheduleChanged(flowId: string) {
  const queryClient = useQueryClient();
  return (schedule: FlowSchedule | null) => {
    queryClient.setQueryData(queryKeys.flows.schedule(flowId), schedule);
    return queryClient.invalidateQueries({ queryKey: queryKeys.flows.list() });
  };
}

export function useSaveSchedule(flowId: string) {
  const changed = useScheduleChanged(flowId);
  return useMutation({
    mutationFn: (body: ScheduleUpdate) => api<FlowSchedule>(schedulePath(flowId), { method: "PUT", body }),
    onSuccess: (schedule) => changed(schedule),
  });
}

export function useDeleteSchedule(flowId: string) {
  const changed = useScheduleChanged(flowId);
  return useMutation({
    mutationFn: () => api<void>(schedulePath(flowId), { method: "DELETE" }),
    onSuccess: () => changed(null),
  });
}
