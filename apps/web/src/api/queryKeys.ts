/**
 * Every TanStack Query key of the app. Keys are arrays that start with their area, so
 * invalidating `queryKeys.connections.all` refreshes every list and detail of connections.
 */
export const queryKeys = {
  health: ["health"] as const,
  session: ["session"] as const,
  workspace: {
    members: ["workspace", "members"] as const,
    invites: ["workspace", "invites"] as const,
    apiKeys: ["workspace", "api-keys"] as const,
    retention: ["workspace", "retention"] as const,
  },
  connectors: ["connectors"] as const,
  connections: {
    all: ["connections"] as const,
    list: (connector?: string) => ["connections", "list", connector ?? null] as const,
    detail: (id: string) => ["connections", "detail", id] as const,
  },
  flows: {
    all: ["flows"] as const,
    list: () => ["flows", "list"] as const,
    detail: (id: string) => ["flows", "detail", id] as const,
    executions: (flowId: string, page: { limit: number; offset: number } = { limit: 20, offset: 0 }) =>
      ["flows", "detail", flowId, "executions", page] as const,
    versions: (flowId: string) => ["flows", "detail", flowId, "versions"] as const,
    schedule: (flowId: string) => ["flows", "detail", flowId, "schedule"] as const,
    version: (flowId: string, number: number) => ["flows", "detail", flowId, "versions", number] as const,
  },
  executions: {
    all: ["executions"] as const,
    detail: (id: string) => ["executions", "detail", id] as const,
  },
};
