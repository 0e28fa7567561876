/**
 * The one place connection secrets are sealed before storage and opened after.
 * Today a sealed value is a versioned envelope in clear; encryption at rest
 * (AES-256-GCM with a key id) replaces `seal`/`open` without touching callers.
 */
export interface SealedSecret {
  v: 0;
  value: string;
}

export type SealedSecrets = Record<string, SealedSecret>;

export function seal(value: string): SealedSecret {
  return { v: 0, value };
}

export function open(sealed: SealedSecret): string {
  if (sealed.v !== 0) throw new Error(`unknown secret envelope version ${String(sealed.v)}`);
  return sealed.value;
}

export function openAll(sealed: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof sealed !== "object" || sealed === null) return result;
  for (const [key, value] of Object.entries(sealed as Record<string, SealedSecret>)) result[key] = open(value);
  return result;
}
