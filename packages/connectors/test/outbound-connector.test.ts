import type { LookupAddress } from "node:dns";
import type { Socket } from "node:net";
import type { buildConnector } from "undici";
import { describe, expect, it, vi } from "vitest";
import { guardedConnector } from "../src/sdk/outbound-dispatcher.js";
import { compileOutboundPolicy, OutboundRefusedError, type OutboundPolicy } from "../src/sdk/outbound-policy.js";
import { tableResolver } from "./outbound-support.js";

// The connector undici calls for every new connection, with a stand-in for undici's own
// connector: these tests reach no socket at all.

interface FakeBuild {
  build: typeof buildConnector;
  lookups: Record<string, (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => void>;
  connects: buildConnector.Options[];
  peer: { remoteAddress: string | undefined; destroy: ReturnType<typeof vi.fn> };
}

function fakeBuild(remoteAddress: string | undefined): FakeBuild {
  const fake: FakeBuild = {
    lookups: {},
    connects: [],
    peer: { remoteAddress, destroy: vi.fn() },
    // guardedConnector builds one connector per protocol: http first, then https.
    build: ((options: { lookup: FakeBuild["lookups"][string] }) => {
      const protocol = Object.keys(fake.lookups).length === 0 ? "http:" : "https:";
      fake.lookups[protocol] = options.lookup;
      return (connectOptions: buildConnector.Options, callback: buildConnector.Callback) => {
        fake.connects.push(connectOptions);
        callback(null, fake.peer as unknown as Socket);
      };
    }) as unknown as typeof buildConnector,
  };
  return fake;
}

function connectWith(policy: Partial<OutboundPolicy>, fake: FakeBuild, options: Partial<buildConnector.Options>) {
  const guard = compileOutboundPolicy({ allowInsecureLoopback: false, allowlist: [], ...policy });
  const connector = guardedConnector(guard, fake.build);
  return new Promise<{ error: Error | null; socket: unknown }>((resolve) =>
    connector({ hostname: "example.test", protocol: "https:", port: "443", ...options }, (error, socket) => resolve({ error, socket })),
  );
}

describe("guardedConnector", () => {
  it("refuses an IP literal (which skips lookup) without opening a connection", async () => {
    const fake = fakeBuild("10.0.0.1");
    const { error } = await connectWith({}, fake, { hostname: "10.0.0.1" });
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect((error as OutboundRefusedError).refusal).toMatchObject({ rule: "private", address: "10.0.0.1" });
    expect(fake.connects).toEqual([]);
  });

  it("checks the address the socket actually connected to, and closes it before any request byte when refused", async () => {
    const fake = fakeBuild("192.168.7.7");
    const { error, socket } = await connectWith({}, fake, { hostname: "example.test" });
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect((error as OutboundRefusedError).refusal).toMatchObject({ rule: "private", host: "example.test", address: "192.168.7.7" });
    expect(socket).toBeNull();
    expect(fake.peer.destroy).toHaveBeenCalledOnce();
  });

  it("closes a socket whose peer address can't be known", async () => {
    const fake = fakeBuild(undefined);
    const { error } = await connectWith({}, fake, {});
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(fake.peer.destroy).toHaveBeenCalledOnce();
  });

  it("hands over a socket connected to an allowed address, keeping the host name for SNI", async () => {
    const fake = fakeBuild("93.184.216.34");
    const { error, socket } = await connectWith({}, fake, { hostname: "example.test", host: "example.test:443" });
    expect(error).toBeNull();
    expect(socket).toBe(fake.peer);
    expect(fake.connects[0]).toMatchObject({ hostname: "example.test", host: "example.test:443" });
    expect(fake.peer.destroy).not.toHaveBeenCalled();
  });

  it("gives the socket a lookup that answers only the addresses it checked, resolving once per connection", async () => {
    const resolver = tableResolver({ "dual.example": ["93.184.216.34", "2606:2800:220:1::1"], "mixed.example": ["93.184.216.34", "10.0.0.1"] });
    const fake = fakeBuild("93.184.216.34");
    guardedConnector(compileOutboundPolicy({ allowInsecureLoopback: false, allowlist: [], resolver }), fake.build);
    const lookup = fake.lookups["https:"]!;
    const ask = (hostname: string, options: object) =>
      new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
        lookup(hostname, options, (error, address, family) => resolve({ error, address, family })),
      );

    expect(await ask("dual.example", { all: true })).toEqual({
      error: null,
      address: [
        { address: "93.184.216.34", family: 4 },
        { address: "2606:2800:220:1::1", family: 6 },
      ],
      family: undefined,
    });
    expect(await ask("dual.example", { family: 6 })).toEqual({ error: null, address: "2606:2800:220:1::1", family: 6 });
    const mixed = await ask("mixed.example", { all: true });
    expect(mixed.error).toBeInstanceOf(OutboundRefusedError);
    expect((mixed.error as OutboundRefusedError).refusal).toMatchObject({ rule: "private", address: "10.0.0.1" });
    expect(resolver.calls).toEqual(["dual.example", "dual.example", "mixed.example"]);
  });
});
