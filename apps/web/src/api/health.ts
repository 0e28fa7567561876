import { useQuery } from "@tanstack/react-query";
import { api } from "./http.js";
import { queryKeys } from "./queryKeys.js";
import { useServerReachable } from "./connectivity.js";

export interface Health {
  status: "ok";
  database: "embedded" | "postgres";
  sandboxUrl: string | null;
}

export const fetchHealth = (signal?: AbortSignal) => api<Health>("/api/health", { signal });

/** Polls the server's health: often while it is unreachable, so the banner clears by itself. */
export function useHealth() {
  const reachable = useServerReachable();
  return useQuery({
    queryKey: queryKeys.health,
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: reachable ? 60_000 : 5_000,
    retry: false,
  });
}
