import type { ExecutionListPage } from "@fluxo/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/http.js";
import { queryKeys } from "../../api/queryKeys.js";
import { useExecution } from "../../executions/api.js";

/**
 * GET /api/executions for the flow's latest run that succeeded as a whole: `kind=run` leaves out the
 * step tests ("Testar passo"), which run one step on the input of the run before — often a failed
 * one — and succeed on their own.
 */
export function lastSuccessfulRunPath(flowId: string): string {
  return `/api/executions?${new URLSearchParams({ flowId, status: "succeeded", kind: "run", limit: "1" })}`;
}

/** The flow's latest run of the whole flow that succeeded, whole (its input makes the publish panel's curl example). */
export function useLastSuccessfulRun(flowId: string) {
  const latest = useQuery({
    queryKey: [...queryKeys.executions.all, "publish-sample", flowId],
    queryFn: ({ signal }) => api<ExecutionListPage>(lastSuccessfulRunPath(flowId), { signal }),
  });
  return useExecution(latest.data?.items[0]?.id ?? null);
}
