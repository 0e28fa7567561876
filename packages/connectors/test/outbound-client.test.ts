import { createServer as createHttpServer, type Server } from "node:http";
import net, { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, parseOutboundAllowlist, type OutboundPolicy, type OutboundRule } from "../src/index.js";
import { closedPort } from "./support.js";
import { httpClientErrorOf, tableResolver, useLoopbackOnlyNetwork } from "./outbound-support.js";

const network = useLoopbackOnlyNetwork();

// Names the tests resolve; nothing here is ever asked of real DNS.
const NAMES: Record<string, string[]> = {
  localhost: ["127.0.0.1"],
  "metadata.example": ["169.254.169.254"],
  "intranet.test": ["10.1.2.3"],
  "dual.test": ["93.184.216.34", "192.168.0.10"],
  "v6-private.test": ["fd00::5"],
  "mapped.test": ["::ffff:192.168.0.1"],
  "nat64-metadata.test": ["64:ff9b::a9fe:a9fe"],
  "loopback-alias.test": ["127.0.0.1"],
  "link-local.test": ["fe80::1"],
  "cgnat.test": ["100.64.0.9"],
  "public.test": ["93.184.216.34"],
  "other.test": ["172.16.0.1"],
};

function client(policy: Partial<OutboundPolicy>, names: Record<string, string[] | (() => string[])> = NAMES) {
  const resolver = tableResolver(names);
  const http = createHttpClient({ policy: { allowInsecureLoopback: false, allowlist: [], ...policy, resolver } });
  return { http, resolver };
}

function get(http: ReturnType<typeof createHttpClient>, url: string) {
  return http({ method: "GET", url, timeoutMs: 5000 });
}

// Local peers: a plain HTTP server on 127.0.0.1 (and ::1 when the machine has it), and a TCP
// listener that records the first bytes a TLS client sends (its ClientHello, SNI included).
const seen: { path: string; host: string | undefined; remoteAddress: string | undefined }[] = [];
let httpServer: Server;
let httpPort: number;
let ipv6Server: Server | undefined;
let ipv6Port = 0;
let tlsListener: TcpServer;
let tlsPort: number;
const clientHellos: Buffer[] = [];

function handler(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
  const path = new URL(req.url ?? "/", "http://peer").pathname;
  seen.push({ path, host: req.headers.host, remoteAddress: req.socket.remoteAddress });
  if (path === "/redirect-to-metadata") return void res.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data/iam/" }).end();
  if (path === "/redirect-to-name") return void res.writeHead(307, { Location: "https://metadata.example/latest/" }).end();
  res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
}

async function listen(server: Server | TcpServer, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  httpServer = createHttpServer(handler);
  httpPort = await listen(httpServer, "127.0.0.1");
  try {
    ipv6Server = createHttpServer(handler);
    ipv6Port = await listen(ipv6Server, "::1");
  } catch {
    ipv6Server = undefined;
  }
  tlsListener = createTcpServer((socket) => {
    socket.once("data", (chunk: Buffer) => {
      clientHellos.push(chunk);
      socket.destroy();
    });
  });
  tlsPort = await listen(tlsListener, "127.0.0.1");
});

afterAll(async () => {
  for (const server of [httpServer, ipv6Server]) {
    if (!server) continue;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await new Promise<void>((resolve) => tlsListener.close(() => resolve()));
});

// The guard's own check, with 0.0.0.0: outside 127.0.0.0/8 for the guard, yet the local host
// for Linux, so even a broken guard sends nothing off the machine.
describe("the test network guard", () => {
  async function socketError(options: net.NetConnectOpts): Promise<unknown> {
    const socket = net.connect(options);
    return new Promise((resolve) => socket.once("error", resolve).once("connect", () => resolve(socket.destroy())));
  }

  it("fails a socket to an IP outside loopback before it connects", async () => {
    expect(await socketError({ host: "0.0.0.0", port: await closedPort() })).toMatchObject({ code: "ETESTGUARD" });
    expect(network.blocked).toEqual(["0.0.0.0"]);
    network.reset();
  });

  it("fails a socket whose lookup answers outside loopback", async () => {
    const port = await closedPort();
    const lookup: net.LookupFunction = (_host, options, callback) =>
      options.all ? callback(null, [{ address: "0.0.0.0", family: 4 }]) : callback(null, "0.0.0.0", 4);
    expect(await socketError({ host: "guard.test", port, lookup })).toMatchObject({ code: "ETESTGUARD" });
    expect(network.blocked).toEqual(["0.0.0.0"]);
    network.reset();
  });
});

interface RefusedCase {
  url: string;
  rule: OutboundRule;
  /** The address the refusal names (as WHATWG and the resolver spell it); absent when refused by name or scheme alone. */
  address?: string;
  policy?: Partial<OutboundPolicy>;
  /** Names the resolver must have been asked, in order; none for IP literals and for what the URL alone refuses. */
  resolved?: string[];
}

const refusedCases: RefusedCase[] = [
  // Loopback in every spelling, https and no flag.
  { url: "https://localhost/", rule: "loopback", address: "127.0.0.1", resolved: ["localhost"] },
  { url: "https://127.0.0.1/", rule: "loopback", address: "127.0.0.1" },
  { url: "https://127.1/", rule: "loopback", address: "127.0.0.1" },
  { url: "https://2130706433/", rule: "loopback", address: "127.0.0.1" },
  { url: "https://0x7f000001/", rule: "loopback", address: "127.0.0.1" },
  { url: "https://017700000001/", rule: "loopback", address: "127.0.0.1" },
  { url: "https://0x7f.1/", rule: "loopback", address: "127.0.0.1" },
  { url: "https://127.0.0.1./", rule: "loopback", address: "127.0.0.1" },
  { url: "https://[::1]/", rule: "loopback", address: "::1" },
  { url: "https://[0:0:0:0:0:0:0:1]/", rule: "loopback", address: "::1" },
  { url: "https://[::ffff:127.0.0.1]/", rule: "loopback", address: "::ffff:7f00:1" },
  { url: "https://loopback-alias.test/", rule: "loopback", address: "127.0.0.1", resolved: ["loopback-alias.test"] },
  { url: "https://0.0.0.0/", rule: "unspecified", address: "0.0.0.0" },
  { url: "https://0/", rule: "unspecified", address: "0.0.0.0" },
  { url: "https://[::]/", rule: "unspecified", address: "::" },
  // Cloud metadata, also with http:// and the loopback flag on.
  { url: "http://169.254.169.254/latest/meta-data/", rule: "metadata", address: "169.254.169.254", policy: { allowInsecureLoopback: true } },
  { url: "https://169.254.169.254/latest/meta-data/", rule: "metadata", address: "169.254.169.254" },
  { url: "https://2852039166/", rule: "metadata", address: "169.254.169.254" },
  { url: "https://0xa9.0xfe.0xa9.0xfe/", rule: "metadata", address: "169.254.169.254" },
  { url: "https://[::ffff:a9fe:a9fe]/", rule: "metadata", address: "::ffff:a9fe:a9fe" },
  { url: "https://[::ffff:169.254.169.254]/", rule: "metadata", address: "::ffff:a9fe:a9fe" },
  { url: "https://[64:ff9b::a9fe:a9fe]/", rule: "metadata", address: "64:ff9b::a9fe:a9fe" },
  { url: "https://[fd00:ec2::254]/", rule: "metadata", address: "fd00:ec2::254" },
  { url: "https://metadata.google.internal/computeMetadata/v1/", rule: "metadata" },
  { url: "https://METADATA.google.internal./", rule: "metadata" },
  { url: "https://metadata.example/", rule: "metadata", address: "169.254.169.254", resolved: ["metadata.example"] },
  { url: "https://nat64-metadata.test/", rule: "metadata", address: "64:ff9b::a9fe:a9fe", resolved: ["nat64-metadata.test"] },
  { url: "https://169.254.169.254/", rule: "metadata", address: "169.254.169.254", policy: { allowlist: ["169.254.0.0/16"] } },
  // Link-local, private, CGNAT.
  { url: "https://169.254.10.10/", rule: "link_local", address: "169.254.10.10" },
  { url: "https://[fe80::1]/", rule: "link_local", address: "fe80::1" },
  { url: "https://link-local.test/", rule: "link_local", address: "fe80::1", resolved: ["link-local.test"] },
  { url: "https://10.0.0.1/", rule: "private", address: "10.0.0.1" },
  { url: "https://172.16.5.4/", rule: "private", address: "172.16.5.4" },
  { url: "https://192.168.0.1:8443/", rule: "private", address: "192.168.0.1" },
  { url: "https://[fc00::1]/", rule: "private", address: "fc00::1" },
  { url: "https://[::ffff:10.0.0.1]/", rule: "private", address: "::ffff:a00:1" },
  { url: "https://100.64.1.1/", rule: "shared_address", address: "100.64.1.1" },
  { url: "https://intranet.test/oauth2/token", rule: "private", address: "10.1.2.3", resolved: ["intranet.test"] },
  { url: "https://v6-private.test/", rule: "private", address: "fd00::5", resolved: ["v6-private.test"] },
  { url: "https://mapped.test/", rule: "private", address: "::ffff:192.168.0.1", resolved: ["mapped.test"] },
  { url: "https://cgnat.test/", rule: "shared_address", address: "100.64.0.9", resolved: ["cgnat.test"] },
  // One refused address among public ones refuses the host (and the public one is not called either).
  { url: "https://dual.test/", rule: "private", address: "192.168.0.10", resolved: ["dual.test"] },
  // Multicast, broadcast, reserved.
  { url: "https://224.0.0.1/", rule: "multicast", address: "224.0.0.1" },
  { url: "https://[ff02::1]/", rule: "multicast", address: "ff02::1" },
  { url: "https://255.255.255.255/", rule: "broadcast", address: "255.255.255.255" },
  { url: "https://240.0.0.1/", rule: "reserved", address: "240.0.0.1" },
  { url: "https://[2001:db8::1]/", rule: "reserved", address: "2001:db8::1" },
  { url: "https://[::7f00:1]/", rule: "reserved", address: "::7f00:1" },
  // The allowlist covers what it names, nothing else.
  { url: "https://other.test/", rule: "private", address: "172.16.0.1", policy: { allowlist: ["10.0.0.0/8", "intranet.test"] }, resolved: ["other.test"] },
  // https only: http:// is refused from the URL alone without the flag, and beyond loopback with it.
  { url: "http://api.example.com/oauth2/token", rule: "insecure_scheme" },
  { url: "http://localhost/", rule: "insecure_scheme" },
  { url: "http://public.test/", rule: "insecure_scheme", address: "93.184.216.34", policy: { allowInsecureLoopback: true }, resolved: ["public.test"] },
  { url: "http://intranet.test/", rule: "insecure_scheme", address: "10.1.2.3", policy: { allowInsecureLoopback: true, allowlist: ["intranet.test"] }, resolved: ["intranet.test"] },
  { url: "http://127.0.0.1/", rule: "insecure_scheme", address: "127.0.0.1", policy: { allowlist: ["127.0.0.1"] } },
];

describe("an HttpClient with an outbound policy refuses before connecting", () => {
  it.each(refusedCases)("$url → $rule", async ({ url, rule, address, policy = {}, resolved = [] }) => {
    const { http, resolver } = client(policy);
    const error = await httpClientErrorOf(get(http, url));

    expect(error).toMatchObject({ kind: "refused", code: rule });
    expect(error.refusal).toMatchObject({ rule, ...(address !== undefined ? { address } : {}) });
    if (address !== undefined) expect(error.message).toContain(address);
    expect(error.message).toMatch(/FLUXO_OUTBOUND_ALLOWLIST|FLUXO_ALLOW_INSECURE_LOCALHOST|https:\/\//);
    expect(resolver.calls).toEqual(resolved);
    // No socket was even attempted, to any address.
    expect(network.attempts).toEqual([]);
  });

  it("says which rule refused the URL, in pt-BR, naming the host and the address", async () => {
    const { http } = client({});
    const linkLocal = await httpClientErrorOf(get(http, "https://metadata.example/"));
    expect(linkLocal.message).toBe(
      'Chamada a https://metadata.example recusada: o endereço 169.254.169.254 de "metadata.example" é de metadados de nuvem (169.254.169.254/32) e não é permitido; se for intencional, adicione exatamente 169.254.169.254 a FLUXO_OUTBOUND_ALLOWLIST (uma faixa CIDR não basta para endereços de metadados).',
    );
    const lan = await httpClientErrorOf(get(http, "https://intranet.test/"));
    expect(lan.message).toBe(
      'Chamada a https://intranet.test recusada: o endereço 10.1.2.3 de "intranet.test" é de rede privada (10.0.0.0/8) e não é permitido; se for intencional, adicione-o a FLUXO_OUTBOUND_ALLOWLIST.',
    );
    const mapped = await httpClientErrorOf(get(http, "https://[::ffff:169.254.1.1]/"));
    expect(mapped.message).toContain("o endereço ::ffff:a9fe:101 é link-local (169.254.0.0/16, na forma IPv4 mapeada em IPv6)");
    const plain = await httpClientErrorOf(get(http, "http://api.example.com/"));
    expect(plain.message).toBe(
      "Chamada a http://api.example.com recusada: a URL usa http://, e só https:// é permitido; http:// só é aceito para loopback (127.0.0.0/8, ::1, localhost) com FLUXO_ALLOW_INSECURE_LOCALHOST=true.",
    );
    expect(network.attempts).toEqual([]);
  });

  it("never puts the path, query or credentials of the URL in the refusal", async () => {
    const { http } = client({});
    const secret = "Sup3rSecret-Value";
    const failures = await Promise.all([
      httpClientErrorOf(http({ method: "POST", url: `https://intranet.test/p/${secret}?k=${secret}`, headers: { Authorization: `Basic ${secret}` }, body: secret, timeoutMs: 5000 })),
      httpClientErrorOf(http({ method: "POST", url: `https://169.254.169.254/${secret}?k=${secret}`, body: secret, timeoutMs: 5000 })),
    ]);
    for (const failure of failures) {
      expect(failure.kind).toBe("refused");
      expect(failure.message).not.toContain(secret);
      expect(JSON.stringify(failure.refusal)).not.toContain(secret);
    }
  });

  it("reports a name that doesn't resolve as network ENOTFOUND, not as a refusal", async () => {
    const { http } = client({});
    const error = await httpClientErrorOf(get(http, "https://nowhere.test/"));
    expect(error).toMatchObject({ kind: "network", code: "ENOTFOUND" });
    expect(network.attempts).toEqual([]);
  });
});

describe("the allowlist lets through what it names, and the connection goes to that address", () => {
  // The test network guard stands in for the remote host: it records the address and fails the socket before it exists.
  const allowed: { url: string; allowlist: string[]; address: string }[] = [
    { url: "https://intranet.test/", allowlist: ["10.0.0.0/8"], address: "10.1.2.3" },
    { url: "https://intranet.test/", allowlist: ["10.1.2.3"], address: "10.1.2.3" },
    { url: "https://intranet.test/", allowlist: ["intranet.test"], address: "10.1.2.3" },
    { url: "https://INTRANET.test./", allowlist: ["intranet.TEST"], address: "10.1.2.3" },
    { url: "https://v6-private.test/", allowlist: ["fd00::/8"], address: "fd00::5" },
    { url: "https://[fd00::5]/", allowlist: ["[fd00::5]"], address: "fd00::5" },
    { url: "https://mapped.test/", allowlist: ["192.168.0.0/16"], address: "::ffff:192.168.0.1" },
    { url: "https://cgnat.test/", allowlist: ["100.64.0.0/10"], address: "100.64.0.9" },
    { url: "https://169.254.169.254/", allowlist: ["169.254.169.254"], address: "169.254.169.254" },
    { url: "https://metadata.example/", allowlist: ["169.254.169.254/32"], address: "169.254.169.254" },
    { url: "https://public.test/", allowlist: [], address: "93.184.216.34" },
  ];

  it.each(allowed)("$url with $allowlist → connects to $address", async ({ url, allowlist, address }) => {
    const { http, resolver } = client({ allowlist });
    const error = await httpClientErrorOf(get(http, url));
    expect(error).toMatchObject({ kind: "network", code: "ETESTGUARD" });
    expect(network.blocked).toEqual([address]);
    expect(network.attempts).toEqual([address]);
    expect(resolver.calls.length).toBeLessThanOrEqual(1);
    network.reset();
  });
});

describe("loopback over real sockets", () => {
  it("http:// to 127.0.0.1 works with allowInsecureLoopback", async () => {
    const { http } = client({ allowInsecureLoopback: true });
    const response = await get(http, `http://127.0.0.1:${httpPort}/ok`);
    expect(response).toMatchObject({ status: 200, bodyText: "ok" });
    expect(seen.at(-1)).toMatchObject({ path: "/ok", host: `127.0.0.1:${httpPort}` });
    expect(network.attempts).toEqual(["127.0.0.1"]);
  });

  it.each([`http://2130706433:PORT/ok`, `http://0x7f.1:PORT/ok`, `http://127.1:PORT/ok`])("%s reaches 127.0.0.1 with the flag", async (template) => {
    const { http } = client({ allowInsecureLoopback: true });
    expect((await get(http, template.replace("PORT", String(httpPort)))).status).toBe(200);
    expect(network.attempts).toEqual(["127.0.0.1"]);
  });

  it("http://localhost resolves once and keeps Host as the name", async () => {
    const { http, resolver } = client({ allowInsecureLoopback: true });
    const before = seen.length;
    expect((await get(http, `http://localhost:${httpPort}/ok`)).status).toBe(200);
    expect(resolver.calls).toEqual(["localhost"]);
    expect(seen.slice(before)).toEqual([{ path: "/ok", host: `localhost:${httpPort}`, remoteAddress: "127.0.0.1" }]);
  });

  it("http://[::1] works with the flag", async (ctx) => {
    if (!ipv6Server) ctx.skip("this machine has no IPv6 loopback");
    const { http } = client({ allowInsecureLoopback: true });
    expect((await get(http, `http://[::1]:${ipv6Port}/ok`)).status).toBe(200);
    expect(network.attempts).toEqual(["::1"]);
  });

  it("http:// to loopback is refused without the flag, before connecting", async () => {
    const { http } = client({ allowInsecureLoopback: false });
    const before = seen.length;
    const error = await httpClientErrorOf(get(http, `http://127.0.0.1:${httpPort}/ok`));
    expect(error).toMatchObject({ kind: "refused", code: "loopback" });
    expect(error.message).toContain("FLUXO_ALLOW_INSECURE_LOCALHOST=true");
    expect(seen.length).toBe(before);
    expect(network.attempts).toEqual([]);
  });

  it("https to an allowlisted loopback address connects, with SNI naming the host and not the address", async () => {
    const { http, resolver } = client({ allowlist: ["127.0.0.1/32"] }, { "btg.sni.test": ["127.0.0.1"] });
    const before = clientHellos.length;
    const error = await httpClientErrorOf(get(http, `https://btg.sni.test:${tlsPort}/oauth2/token`));
    // The listener reads the ClientHello and hangs up: no TLS server there, so the call fails as network.
    expect(error.kind).toBe("network");
    const hello = clientHellos.slice(before)[0];
    expect(hello?.[0]).toBe(0x16); // a TLS handshake record
    expect(hello?.includes("btg.sni.test")).toBe(true);
    expect(resolver.calls).toEqual(["btg.sni.test"]);
    expect(network.attempts).toEqual(["127.0.0.1"]);
  });

  it("DNS rebinding: the name is resolved once and the socket goes to the address that was checked", async () => {
    // First answer passes the check; any later one points at the metadata service.
    let answers = 0;
    const { http, resolver } = client({ allowInsecureLoopback: true }, { "rebind.test": () => (++answers === 1 ? ["127.0.0.1"] : ["169.254.169.254"]) });
    const before = seen.length;
    const response = await get(http, `http://rebind.test:${httpPort}/ok`);
    expect(response.status).toBe(200);
    expect(resolver.calls).toEqual(["rebind.test"]);
    expect(network.attempts).toEqual(["127.0.0.1"]);
    expect(seen.slice(before)).toEqual([{ path: "/ok", host: `rebind.test:${httpPort}`, remoteAddress: "127.0.0.1" }]);
  });

  it("DNS rebinding the other way: a name whose one answer is refused is never connected to", async () => {
    let answers = 0;
    const { http, resolver } = client({ allowInsecureLoopback: true }, { "rebind.test": () => (++answers === 1 ? ["169.254.169.254"] : ["127.0.0.1"]) });
    const error = await httpClientErrorOf(get(http, `http://rebind.test:${httpPort}/ok`));
    expect(error).toMatchObject({ kind: "refused", code: "metadata" });
    expect(resolver.calls).toEqual(["rebind.test"]);
    expect(network.attempts).toEqual([]);
  });

  it.each(["/redirect-to-metadata", "/redirect-to-name"])("a redirect (%s) to a refused address comes back as a response and is not followed", async (path) => {
    const { http, resolver } = client({ allowInsecureLoopback: true });
    const before = seen.length;
    const response = await get(http, `http://127.0.0.1:${httpPort}${path}`);
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    expect(response.headers["location"]).toMatch(/169\.254\.169\.254|metadata\.example/);
    expect(seen.slice(before).map((s) => s.path)).toEqual([path]);
    expect(resolver.calls).toEqual([]);
    expect(network.attempts).toEqual(["127.0.0.1"]);
  });
});

describe("policy configuration", () => {
  it("refuses to build a client from an allowlist with bad entries, naming each", () => {
    expect(() => createHttpClient({ policy: { allowInsecureLoopback: false, allowlist: ["10.0.0.0/33", "https://x.example", "ok.example", "a b"] } })).toThrow(
      /"10\.0\.0\.0\/33".*"https:\/\/x\.example".*"a b"/,
    );
  });

  it("parses the setting's text: commas or spaces, CIDRs, addresses and names", () => {
    expect(parseOutboundAllowlist(" 10.0.0.0/8, fd00::/8  sandbox.corp.example,[::1]\n192.168.1.10 ")).toEqual([
      "10.0.0.0/8",
      "fd00::/8",
      "sandbox.corp.example",
      "[::1]",
      "192.168.1.10",
    ]);
    expect(parseOutboundAllowlist(undefined)).toEqual([]);
    expect(parseOutboundAllowlist("")).toEqual([]);
    expect(() => parseOutboundAllowlist("10.0.0.0/8,not a/host")).toThrow(/FLUXO_OUTBOUND_ALLOWLIST/);
  });
});
