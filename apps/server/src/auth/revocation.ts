import type { Principal } from "./permissions.js";

/** A principal that stopped being valid: every open stream it holds, in any API process, closes. */
export type Revocation =
  | { kind: "api-key"; keyId: string }
  | { kind: "membership"; workspaceId: string; userId: string }
  | { kind: "session"; sessionHash: string };

export type RevocationListener = (revocation: Revocation) => void;

/** Whether `revocation` ends what `principal` may do. */
export function revokes(revocation: Revocation, principal: Principal | undefined): boolean {
  if (!principal) return false;
  switch (revocation.kind) {
    case "api-key":
      return principal.kind === "api-key" && principal.keyId === revocation.keyId;
    case "membership":
      return principal.kind === "user" && principal.userId === revocation.userId && principal.workspaceId === revocation.workspaceId;
    case "session":
      return principal.kind === "user" && principal.sessionHash === revocation.sessionHash;
  }
}

/**
 * Calls `close` when `principal` is revoked, in this process or (queue mode) another: an open
 * stream is checked once, at its start, so revocation has to reach it. Returns how to stop.
 */
export function closeOnRevocation(bus: { subscribeRevocations(listener: RevocationListener): Promise<() => void> }, principal: Principal | undefined, close: () => void): Promise<() => void> {
  return bus.subscribeRevocations((revocation) => {
    if (revokes(revocation, principal)) close();
  });
}
