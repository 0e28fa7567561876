import { authenticatedByConsent, type ConnectionAuthorization, type StepMessageParam } from "@fluxo/contracts";
import { getConnector } from "@fluxo/connectors";

/** A stored grant's columns the API shows (never its tokens). */
export interface GrantColumns {
  status: string;
  scope: string;
  subject: string;
  connectedAt: Date;
  refreshedAt: Date | null;
  accessExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  problem: string | null;
  problemCode: string | null;
  problemParams: unknown;
}

export const NOT_CONNECTED: ConnectionAuthorization = { status: "not_connected", subject: null, scope: "", connectedAt: null, refreshedAt: null, accessExpiresAt: null, refreshExpiresAt: null, problem: null, problemCode: null, problemParams: null };

export function describeGrant(row: GrantColumns): ConnectionAuthorization {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    status: row.status === "reconnect_required" ? "reconnect_required" : "connected",
    subject: row.subject || null,
    scope: row.scope,
    connectedAt: iso(row.connectedAt),
    refreshedAt: iso(row.refreshedAt),
    accessExpiresAt: iso(row.accessExpiresAt),
    refreshExpiresAt: iso(row.refreshExpiresAt),
    problem: row.problem,
    problemCode: row.problemCode,
    problemParams: (row.problemParams as Record<string, StepMessageParam> | null) ?? null,
  };
}

/** Whether a saved connection's tokens come from consent, by its connector's metadata (the rule the web form uses too). */
export function usesConsent(connector: string, config: Record<string, unknown>): boolean {
  const definition = getConnector(connector);
  return definition !== undefined && authenticatedByConsent(definition.connectionFields, config);
}

/** A connection's consent for the API: null when it isn't authenticated by one. */
export function connectionAuthorization(connector: string, config: Record<string, unknown>, grant: GrantColumns | null | undefined): ConnectionAuthorization | null {
  if (!usesConsent(connector, config)) return null;
  return grant ? describeGrant(grant) : NOT_CONNECTED;
}
