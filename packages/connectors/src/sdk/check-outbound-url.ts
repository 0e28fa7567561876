import { compileOutboundPolicy, OutboundRefusedError, type OutboundPolicy, type OutboundProtocol, type OutboundRefusal } from "./outbound-policy.js";

/** How long a check waits for DNS before giving up (the call itself checks again). */
const RESOLVE_TIMEOUT_MS = 5_000;

/**
 * Whether the policy refuses a URL, by the same rules a call applies: scheme, IP literals
 * (WHATWG parsing turns 2130706433 and 0x7f000001 into dotted IPv4), metadata host names,
 * then every address the host resolves to. For checks before a call (e.g. saving a
 * connection); a name that does not resolve now is not refused here, since the call
 * resolves and checks again, and refuses what it connects to.
 */
export async function checkOutboundUrl(url: string, policy: OutboundPolicy): Promise<OutboundRefusal | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // not a URL: the field's own validation says so
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const guard = compileOutboundPolicy(policy);
  const target = { protocol: parsed.protocol as OutboundProtocol, host: parsed.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase() };
  const early = guard.checkTarget(target);
  if (early) return early;
  try {
    await withTimeout(guard.resolve(target), RESOLVE_TIMEOUT_MS);
    return undefined;
  } catch (error) {
    if (error instanceof OutboundRefusedError) return error.refusal;
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timed out")), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
