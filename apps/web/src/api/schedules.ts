import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toScheduleBrief, type Flow, type FlowSchedule, type ScheduleUpdate } from "@fluxo/contracts";
import { api, ApiError } from "./http.js";
import { queryKeys } from "./queryKeys.js";

const schedulePath = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/schedule`;

/**
 * The flow's Agendador, asked for only when the flow's answer says it has one (its `schedule` brief),
 * so a flow without one logs no 404 in the browser's console; a 404 still reads as none (removed
 * meanwhile elsewhere).
 */
export function useFlowSchedule(flowId: string, scheduled: boolean) {
  return useQuery({
    ...(scheduled ? {} : { initialData: null }),
    queryKey: queryKeys.flows.schedule(flowId),
    queryFn: async ({ signal }) => {
      try {
        return await api<FlowSchedule>(schedulePath(flowId), { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(flowId) && scheduled,
  });
}

/** Saving or removing a schedule changes the flow's brief of it (the Início node's line) and the flows list's next run too. */
function useScheduleChanged(flowId: string) {
  const queryClient = useQueryClient();
  return (schedule: FlowSchedule | null) => {
    queryClient.setQueryData(queryKeys.flows.schedule(flowId), schedule);
    queryClient.setQueryData<Flow>(queryKeys.flows.detail(flowId), (flow) => flow && { ...flow, schedule: schedule && toScheduleBrief(schedule) });
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
