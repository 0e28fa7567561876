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

/** setTimeout's longest delay (about 24.8 days); a later expiry is waited for in steps. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `close` when `principal` stops being valid: revoked, in this process or (queue mode)
 * another, or — a session — when it expires, which every process holding one of its streams
 * knows by itself. An open stream is checked once, at its start, so both have to reach it.
 * Returns how to stop.
 */
export async function closeOnRevocation(bus: { subscribeRevocations(listener: RevocationListener): Promise<() => void> }, principal: Principal | undefined, close: () => void): Promise<() => void> {
  const unsubscribe = await bus.subscribeRevocations((revocation) => {
    if (revokes(revocation, principal)) close();
  });
  let timer: NodeJS.Timeout | undefined;
  const closeAtExpiry = (expiresAt: number) => {
    const left = expiresAt - Date.now();
    if (left <= 0) return close();
    timer = setTimeout(() => closeAtExpiry(expiresAt), Math.min(left, LONGEST_TIMER_MS));
    timer.unref();
  };
  if (principal?.kind === "user") closeAtExpiry(principal.sessionExpiresAt);
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
