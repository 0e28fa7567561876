import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Connection, ConnectionCreate, ConnectionTestResult, ConnectionUpdate } from "@fluxo/contracts";
import type { z } from "zod";
import type { OAuthAuthorizeStartSchema, OAuthConfigSchema, OAuthDisconnectedSchema } from "@fluxo/contracts";
import { api } from "./http.js";
import { queryKeys } from "./queryKeys.js";

/** Connections, optionally only those of one connector (e.g. "btg-id" for a step's connection picker). */
export function useConnections(connector?: string) {
  return useQuery({
    queryKey: queryKeys.connections.list(connector),
    queryFn: ({ signal }) =>
      api<Connection[]>(connector ? `/api/connections?connector=${encodeURIComponent(connector)}` : "/api/connections", { signal }),
  });
}

export function useConnection(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.connections.detail(id ?? ""),
    queryFn: ({ signal }) => api<Connection>(`/api/connections/${encodeURIComponent(id!)}`, { signal }),
    enabled: Boolean(id),
  });
}

function useInvalidateConnections() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.connections.all });
}

export function useCreateConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (body: ConnectionCreate) => api<Connection>("/api/connections", { method: "POST", body }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ConnectionUpdate }) =>
      api<Connection>(`/api/connections/${encodeURIComponent(id)}`, { method: "PUT", body }),
    onSuccess: () => invalidate(),
  });
}

/** Without `force`, a connection used by flows is kept and the answer is 409 with `usedBy`. */
export function useDeleteConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: ({ id, force = false }: { id: string; force?: boolean }) =>
      api<void>(`/api/connections/${encodeURIComponent(id)}${force ? "?force=true" : ""}`, { method: "DELETE" }),
    onSuccess: () => invalidate(),
  });
}

/** Tests values as typed in the form; `id` lets the server fill in a secret left blank. */
export function useTestConnectionDraft() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (body: ConnectionCreate & { id?: string }) => api<ConnectionTestResult>("/api/connections/test", { method: "POST", body }),
    onSuccess: (_result, body) => {
      if (body.id) void invalidate();
    },
  });
}

/** Tests a stored connection as it is saved (the list's "Testar" action). */
export function useTestConnection() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (id: string) => api<ConnectionTestResult>(`/api/connections/${encodeURIComponent(id)}/test`, { method: "POST" }),
    onSuccess: () => invalidate(),
  });
}

type OAuthConfig = z.infer<typeof OAuthConfigSchema>;
type OAuthAuthorizeStart = z.infer<typeof OAuthAuthorizeStartSchema>;
type OAuthDisconnected = z.infer<typeof OAuthDisconnectedSchema>;

/** The redirect URI to register at BTG for "Conectar com o BTG". */
export function useOAuthConfig(enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.connections.all, "oauth-config"],
    queryFn: ({ signal }) => api<OAuthConfig>("/api/oauth/config", { signal }),
    enabled,
    staleTime: Infinity,
  });
}

/** Starts "Conectar com o BTG": the authorization URL to send the browser to. */
export function useStartOAuth() {
  return useMutation({
    mutationFn: (id: string) => api<OAuthAuthorizeStart>(`/api/connections/${encodeURIComponent(id)}/oauth/authorize`, { method: "POST" }),
  });
}

/** Revokes the account's tokens at BTG (when it offers revocation) and forgets them. */
export function useDisconnectOAuth() {
  const invalidate = useInvalidateConnections();
  return useMutation({
    mutationFn: (id: string) => api<OAuthDisconnected>(`/api/connections/${encodeURIComponent(id)}/oauth`, { method: "DELETE" }),
    onSuccess: () => invalidate(),
  });
}
