import { useQuery } from "@tanstack/react-query";
import type { ConnectorMeta } from "@fluxo/contracts";
import { api } from "./http.js";
import { queryKeys } from "./queryKeys.js";

/** The connector catalog (fields, labels, operations). It ships with the server, so it never goes stale. */
export function useConnectors() {
  return useQuery({
    queryKey: queryKeys.connectors,
    queryFn: ({ signal }) => api<ConnectorMeta[]>("/api/connectors", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One connector's metadata, once the catalog is loaded. */
export function useConnector(key: string | undefined) {
  const query = useConnectors();
  return { ...query, connector: key ? query.data?.find((c) => c.key === key) : undefined };
}
