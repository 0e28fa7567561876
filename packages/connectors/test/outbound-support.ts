import dns, { type LookupAddress } from "node:dns";
import net from "node:net";
import { afterAll, afterEach, beforeAll, expect, vi } from "vitest";
import { HttpClientError, type ResolvedAddress, type Resolver } from "../src/index.js";

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

export function isLoopback(address: string): boolean {
  return LOOPBACK.check(address, net.isIPv6(address) ? "ipv6" : "ipv4");
}

type LookupFn = (hostname: string, options: dns.LookupOptions, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => void;

/**
 * Every socket these tests open passes through here, whatever the client under test does:
 * an address outside 127.0.0.0/8 and ::1 is never connected to, but recorded in `blocked`
 * and failed with code ETESTGUARD before the socket exists on the wire. `attempts` lists
 * every address a socket was about to connect to, so a test can prove no connection was
 * tried at all, or which address one went to.
 */
export interface NetworkGuard {
  attempts: string[];
  blocked: string[];
  reset(): void;
}

export function useLoopbackOnlyNetwork(): NetworkGuard {
  const guard: NetworkGuard = {
    attempts: [],
    blocked: [],
    reset() {
      guard.attempts.length = 0;
      guard.blocked.length = 0;
    },
  };
  const refuse = (addresses: string[]) => {
    guard.blocked.push(...addresses);
    return Object.assign(new Error(`test network guard: ${addresses.join(", ")} is outside loopback`), { code: "ETESTGUARD" });
  };

  beforeAll(() => {
    const original = net.Socket.prototype.connect;
    vi.spyOn(net.Socket.prototype, "connect").mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      // net.connect hands an already-normalised [options, callback] array; users may pass options or (port, host).
      const first = args[0];
      const options = (Array.isArray(first) ? first[0] : typeof first === "object" && first !== null ? first : undefined) as
        | (net.TcpNetConnectOpts & { path?: string })
        | undefined;
      if (options?.path) return original.apply(this, args as Parameters<typeof original>);
      const host = options ? (options.host ?? "localhost") : typeof args[1] === "string" ? args[1] : "localhost";
      if (net.isIP(host)) {
        guard.attempts.push(host);
        if (!isLoopback(host)) {
          const error = refuse([host]);
          process.nextTick(() => this.destroy(error));
          return this;
        }
        return original.apply(this, args as Parameters<typeof original>);
      }
      if (!options) throw new Error(`test network guard: connect(${String(first)}, ${host}) is not a form these tests expect`);
      const lookup = (options.lookup ?? dns.lookup) as LookupFn;
      const guardedLookup: LookupFn = (hostname, lookupOptions, callback) =>
        lookup(hostname, lookupOptions, (error, address, family) => {
          if (error) return callback(error, address, family);
          const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
          guard.attempts.push(...addresses);
          const outside = addresses.filter((a) => !isLoopback(a));
          if (outside.length > 0) return callback(refuse(outside), []);
          callback(null, address, family);
        });
      options.lookup = guardedLookup as net.LookupFunction;
      return original.apply(this, args as Parameters<typeof original>);
    });
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });
  afterEach(() => {
    // A test that expects a blocked attempt empties `blocked` itself; anything left is a regression.
    const leftover = [...guard.blocked];
    guard.reset();
    expect(leftover, "connections attempted outside loopback").toEqual([]);
  });
  return guard;
}

/** A resolver answering from a table; every call is recorded. Unknown names fail like DNS does. */
export interface TestResolver extends Resolver {
  calls: string[];
}

export function tableResolver(table: Record<string, string[] | (() => string[])>): TestResolver {
  const calls: string[] = [];
  const resolver = async (host: string): Promise<ResolvedAddress[]> => {
    calls.push(host);
    // Like DNS: case-insensitive, and "name." is the same name.
    const entry = table[host.toLowerCase().replace(/\.$/, "")];
    if (entry === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    const addresses = typeof entry === "function" ? entry() : entry;
    return addresses.map((address) => ({ address, family: net.isIP(address) }));
  };
  return Object.assign(resolver, { calls });
}

export async function httpClientErrorOf(promise: Promise<unknown>): Promise<HttpClientError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HttpClientError);
  return error as HttpClientError;
}
