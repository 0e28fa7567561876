import { describe, expect, it } from "vitest";
import { checkOutboundUrl, type OutboundPolicy } from "../src/index.js";
import { tableResolver } from "./outbound-support.js";

const resolver = tableResolver({ localhost: ["127.0.0.1", "::1"], "intranet.test": ["10.1.2.3"], "public.test": ["93.184.216.34"], "dual.test": ["93.184.216.34", "fd00::5"] });
const strict: OutboundPolicy = { allowInsecureLoopback: false, allowlist: [], resolver };
const local: OutboundPolicy = { ...strict, allowInsecureLoopback: true };

describe("checkOutboundUrl: the call's rules, before a call", () => {
  it.each([
    ["http://169.254.169.254/", "metadata"],
    ["https://metadata.google.internal", "metadata"],
    ["https://localhost", "loopback"],
    ["http://localhost:3100", "insecure_scheme"],
    ["https://127.1", "loopback"],
    ["https://2130706433", "loopback"],
    ["https://0x7f000001", "loopback"],
    ["https://0.0.0.0", "unspecified"],
    ["https://[::1]", "loopback"],
    ["https://[::ffff:127.0.0.1]", "loopback"],
    ["https://[fe80::1]", "link_local"],
    ["https://intranet.test", "private"],
    ["https://dual.test", "private"],
    ["http://public.test", "insecure_scheme"],
  ])("refuses %s (%s)", async (url, rule) => {
    expect((await checkOutboundUrl(url, strict))?.rule).toBe(rule);
  });

  it("accepts public https, loopback http when allowed, and names that do not resolve now", async () => {
    expect(await checkOutboundUrl("https://public.test/oauth2", strict)).toBeUndefined();
    expect(await checkOutboundUrl("http://127.0.0.1:3100", local)).toBeUndefined();
    expect(await checkOutboundUrl("https://unknown.test", strict)).toBeUndefined();
  });

  it("names the rule and what to do in pt-BR", async () => {
    expect((await checkOutboundUrl("https://intranet.test", strict))?.reason).toMatch(/10\.1\.2\.3.*rede privada.*FLUXO_OUTBOUND_ALLOWLIST/);
  });
});
