import { useSyncExternalStore } from "react";

/**
 * Whether the last request reached the server. `api()` reports every answer and every
 * network failure here, so one banner can tell the person the server is down, whichever
 * screen (or hook, or plain call) tripped over it.
 */
let reachable = true;
const listeners = new Set<() => void>();

export function reportReachability(value: boolean): void {
  if (value === reachable) return;
  reachable = value;
  for (const listener of listeners) listener();
}

export function subscribeReachability(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isServerReachable(): boolean {
  return reachable;
}

export function useServerReachable(): boolean {
  return useSyncExternalStore(subscribeReachability, isServerReachable, isServerReachable);
}
