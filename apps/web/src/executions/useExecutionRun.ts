import { isFinishedStatus, type Execution, type ExecutionEvent } from "@fluxo/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useReducer, useState } from "react";
import { queryKeys } from "../api/queryKeys.js";
import { useExecution } from "./api.js";
import { applyEvent, INITIAL_RUN_STATE, runStateFromExecution, type RunState } from "./runState.js";
import { followExecutionEvents, type StreamState } from "./sse.js";

type Action = { type: "event"; event: ExecutionEvent } | { type: "reset" };

function reducer(state: RunState, action: Action): RunState {
  return action.type === "reset" ? INITIAL_RUN_STATE : applyEvent(state, action.event);
}

export interface ExecutionRun {
  run: RunState;
  execution: Execution | undefined;
  stream: StreamState;
  /** The stored execution failed to load (e.g. it doesn't exist). */
  loadError: unknown;
}

/**
 * Paints one execution: statuses from its live event stream (which replays past events
 * first), details from `GET /api/executions/:id`, refetched when a step ends — driven by
 * events, never by a timer.
 */
export function useExecutionRun(executionId: string | null): ExecutionRun {
  const queryClient = useQueryClient();
  const query = useExecution(executionId);
  const [run, dispatch] = useReducer(reducer, INITIAL_RUN_STATE);
  const [stream, setStream] = useState<StreamState>("connecting");

  useEffect(() => {
    dispatch({ type: "reset" });
    if (!executionId) return;
    const detailKey = queryKeys.executions.detail(executionId);
    const subscription = followExecutionEvents(executionId, {
      onEvent(event) {
        dispatch({ type: "event", event });
        if (event.type === "step.succeeded" || event.type === "step.failed" || event.type === "execution.finished") {
          void queryClient.invalidateQueries({ queryKey: detailKey });
        }
        if (event.type === "execution.finished") {
          void queryClient.invalidateQueries({ queryKey: queryKeys.flows.all });
          // A run may have refreshed a consented connection's tokens or left it "Reconexão necessária": the canvas and the list show it now.
          void queryClient.invalidateQueries({ queryKey: queryKeys.connections.all });
        }
      },
      onStateChange: setStream,
    });
    return () => subscription.close();
  }, [executionId, queryClient]);

  const execution = query.data;
  // The stored execution wins when no event arrived, or when it knows of an end the stream never delivered.
  const painted = useMemo(
    () => (execution && (!run.fromEvents || (isFinishedStatus(execution.status) && !isFinishedStatus(run.status))) ? runStateFromExecution(execution) : run),
    [run, execution],
  );
  return { run: painted, execution, stream, loadError: query.error };
}
