import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKeyCreated, ApiKeyInfo, InviteAccept, InviteCreate, InviteCreated, InviteInfo, InvitePreview, Login, Member, Role, SessionInfo, Setup } from "@fluxo/contracts";
import { api } from "./http.js";
import { queryKeys } from "./queryKeys.js";

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: ({ signal }) => api<SessionInfo>("/api/auth/session", { signal }), staleTime: 60_000 });
}

/** After signing in or out every cached answer belonged to someone else: start afresh with the new session. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return (session: SessionInfo | undefined) => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
    queryClient.setQueryData(queryKeys.session, session);
    return queryClient.invalidateQueries({ queryKey: queryKeys.session });
  };
}

export function useSetup() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (body: Setup) => api<SessionInfo>("/api/auth/setup", { method: "POST", body }), onSuccess: signedIn });
}

export function useLogin() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (body: Login) => api<SessionInfo>("/api/auth/login", { method: "POST", body }), onSuccess: signedIn });
}

export function useLogout() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: () => api<void>("/api/auth/logout", { method: "POST" }), onSuccess: () => signedIn(undefined) });
}

export function useInvitePreview(token: string) {
  return useQuery({ queryKey: ["invite", token], queryFn: () => api<InvitePreview>("/api/auth/invite", { method: "POST", body: { token } }), enabled: token !== "", retry: false });
}

/** An account that already exists joins the invite's workspace (signed in as the invited e-mail). */
export function useJoinWithInvite() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (token: string) => api<SessionInfo>("/api/auth/invite/join", { method: "POST", body: { token } }), onSuccess: signedIn });
}

/** Another workspace's data is another world: every cached answer goes, as on signing in. */
export function useSwitchWorkspace() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (workspaceId: string) => api<SessionInfo>("/api/auth/workspace", { method: "POST", body: { workspaceId } }), onSuccess: signedIn });
}

/** A new workspace owned by the caller; the session moves into it. */
export function useCreateWorkspace() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (name: string) => api<SessionInfo>("/api/workspaces", { method: "POST", body: { name } }), onSuccess: signedIn });
}

export function useAcceptInvite() {
  const signedIn = useSignedIn();
  return useMutation({ mutationFn: (body: InviteAccept) => api<SessionInfo>("/api/auth/invite/accept", { method: "POST", body }), onSuccess: signedIn });
}

/** What the signed-in person may do, mirroring the server's permissions (the server still decides). */
export function useCan() {
  const role = useSession().data?.role ?? null;
  const at = (...roles: Role[]) => role !== null && roles.includes(role);
  return {
    role,
    editFlows: at("owner", "admin", "member"),
    runFlows: at("owner", "admin", "member"),
    scheduleFlows: at("owner", "admin", "member"),
    revealTokens: at("owner", "admin", "member"),
    manageConnections: at("owner", "admin"),
    manageWorkspace: at("owner", "admin"),
    grantOwner: at("owner"),
  };
}

// ── members, invites, API keys ──

export function useMembers() {
  return useQuery({ queryKey: queryKeys.workspace.members, queryFn: ({ signal }) => api<Member[]>("/api/members", { signal }) });
}

export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => api<Member>(`/api/members/${encodeURIComponent(userId)}`, { method: "PUT", body: { role } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.members }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api<void>(`/api/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.members }),
  });
}

export function useInvites(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.workspace.invites, queryFn: ({ signal }) => api<InviteInfo[]>("/api/invites", { signal }), enabled });
}

export function useCreateInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteCreate) => api<InviteCreated>("/api/invites", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.invites }),
  });
}

export function useRevokeInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/invites/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.invites }),
  });
}

export function useApiKeys(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.workspace.apiKeys, queryFn: ({ signal }) => api<ApiKeyInfo[]>("/api/api-keys", { signal }), enabled });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api<ApiKeyCreated>("/api/api-keys", { method: "POST", body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<ApiKeyInfo>(`/api/api-keys/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.workspace.apiKeys }),
  });
}

/** The whole access token a step obtained (member or above); fetched only when revealed or copied. */
export function fetchStepToken(executionId: string, stepId: string): Promise<{ access_token: string }> {
  return api(`/api/executions/${encodeURIComponent(executionId)}/steps/${encodeURIComponent(stepId)}/token`);
}
