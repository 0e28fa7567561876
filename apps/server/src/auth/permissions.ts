import type { Role } from "@fluxo/contracts";

/**
 * What each kind of caller may do. Owner and admin manage members, API keys and
 * connections; member edits and runs flows; viewer only reads. An API key (a machine)
 * triggers flows and reads executions, and nothing else.
 */
export type Permission =
  | "read" // flows, connections, executions, members
  | "edit-flows"
  | "run-flows"
  | "schedule-flows" // the Agendador: runs on a cron with no one behind it, so never an API key
  | "read-executions"
  | "reveal-tokens" // the access token a step obtained
  | "manage-connections"
  | "manage-workspace" // members, invites, API keys
  | "account"; // a person's own account: their workspaces (switch, create, join); never an API key

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(["account", "read", "read-executions"]),
  member: new Set(["account", "read", "read-executions", "edit-flows", "run-flows", "schedule-flows", "reveal-tokens"]),
  admin: new Set(["account", "read", "read-executions", "edit-flows", "run-flows", "schedule-flows", "reveal-tokens", "manage-connections", "manage-workspace"]),
  owner: new Set(["account", "read", "read-executions", "edit-flows", "run-flows", "schedule-flows", "reveal-tokens", "manage-connections", "manage-workspace"]),
};

export const API_KEY_PERMISSIONS: ReadonlySet<Permission> = new Set(["run-flows", "read-executions", "reveal-tokens"]);

/** Who is calling: a person through their session cookie, or a machine through an API key. */
export type Principal =
  | { kind: "user"; userId: string; workspaceId: string; role: Role; sessionHash: string; /** Epoch ms when the session ends (it is never extended). */ sessionExpiresAt: number }
  | { kind: "api-key"; keyId: string; workspaceId: string };

export function may(principal: Principal, permission: Permission): boolean {
  return principal.kind === "user" ? ROLE_PERMISSIONS[principal.role].has(permission) : API_KEY_PERMISSIONS.has(permission);
}
