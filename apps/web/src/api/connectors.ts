import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ConnectorMeta } from "@fluxo/contracts";
import { api } from "./http.js";
import { queryKeys } from "./queryKeys.js";

/**
 * The connector catalog (fields, labels, operations) in the app's language: switching it asks
 * again, showing the other language's until the answer comes. It ships with the server, so it
 * never goes stale.
 */
export function useConnectors() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...queryKeys.connectors, i18n.language],
    queryFn: ({ signal }) => api<ConnectorMeta[]>("/api/connectors", { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
}

/** One connector's metadata, once the catalog is loaded. */
export function useConnector(key: string | undefined) {
  const query = useConnectors();
  return { ...query, connector: key ? query.data?.find((c) => c.key === key) : undefined };
}
