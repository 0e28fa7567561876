import { describe, expect, it } from "vitest";
import { classifyAddress, type AddressRule } from "../src/index.js";

// [address, rule, range that matched, form]
const refused: [string, AddressRule, string, ("ipv4_mapped" | "nat64")?][] = [
  ["169.254.169.254", "metadata", "169.254.169.254/32"],
  ["169.254.170.2", "metadata", "169.254.170.2/32"],
  ["100.100.100.200", "metadata", "100.100.100.200/32"],
  ["fd00:ec2::254", "metadata", "fd00:ec2::254/128"],
  ["fd00:ec2:0:0:0:0:0:254", "metadata", "fd00:ec2::254/128"],
  ["0.0.0.0", "unspecified", "0.0.0.0/8"],
  ["0.1.2.3", "unspecified", "0.0.0.0/8"],
  ["::", "unspecified", "::/128"],
  ["0:0:0:0:0:0:0:0", "unspecified", "::/128"],
  ["127.0.0.1", "loopback", "127.0.0.0/8"],
  ["127.255.255.254", "loopback", "127.0.0.0/8"],
  ["::1", "loopback", "::1/128"],
  ["0:0:0:0:0:0:0:1", "loopback", "::1/128"],
  ["169.254.0.1", "link_local", "169.254.0.0/16"],
  ["fe80::1", "link_local", "fe80::/10"],
  ["febf:ffff::1", "link_local", "fe80::/10"],
  ["10.0.0.1", "private", "10.0.0.0/8"],
  ["10.255.255.255", "private", "10.0.0.0/8"],
  ["172.16.0.1", "private", "172.16.0.0/12"],
  ["172.31.255.254", "private", "172.16.0.0/12"],
  ["192.168.1.1", "private", "192.168.0.0/16"],
  ["fc00::1", "private", "fc00::/7"],
  ["fd12:3456:789a::1", "private", "fc00::/7"],
  ["fec0::1", "private", "fec0::/10"],
  ["100.64.0.1", "shared_address", "100.64.0.0/10"],
  ["100.127.255.254", "shared_address", "100.64.0.0/10"],
  ["224.0.0.1", "multicast", "224.0.0.0/4"],
  ["239.255.255.250", "multicast", "224.0.0.0/4"],
  ["ff02::1", "multicast", "ff00::/8"],
  ["255.255.255.255", "broadcast", "255.255.255.255/32"],
  ["240.0.0.1", "reserved", "240.0.0.0/4"],
  ["192.0.2.10", "reserved", "192.0.2.0/24"],
  ["198.18.0.1", "reserved", "198.18.0.0/15"],
  ["198.51.100.7", "reserved", "198.51.100.0/24"],
  ["203.0.113.9", "reserved", "203.0.113.0/24"],
  ["192.0.0.8", "reserved", "192.0.0.0/24"],
  ["2001:db8::1", "reserved", "2001:db8::/32"],
  ["2002:7f00:1::1", "reserved", "2002::/16"],
  ["2001::1", "reserved", "2001::/23"],
  ["64:ff9b:1::a00:1", "reserved", "64:ff9b:1::/48"],
  ["::7f00:1", "reserved", "fora de 2000::/3"],
  ["100::1", "reserved", "fora de 2000::/3"],
  // IPv4 inside IPv6: the IPv4 rule, in that form.
  ["::ffff:127.0.0.1", "loopback", "127.0.0.0/8", "ipv4_mapped"],
  ["::ffff:7f00:1", "loopback", "127.0.0.0/8", "ipv4_mapped"],
  ["0:0:0:0:0:ffff:7f00:1", "loopback", "127.0.0.0/8", "ipv4_mapped"],
  ["::ffff:a9fe:a9fe", "metadata", "169.254.169.254/32", "ipv4_mapped"],
  ["::ffff:169.254.1.1", "link_local", "169.254.0.0/16", "ipv4_mapped"],
  ["::ffff:10.1.2.3", "private", "10.0.0.0/8", "ipv4_mapped"],
  ["::ffff:0.0.0.0", "unspecified", "0.0.0.0/8", "ipv4_mapped"],
  ["64:ff9b::a9fe:a9fe", "metadata", "169.254.169.254/32", "nat64"],
  ["64:ff9b::127.0.0.1", "loopback", "127.0.0.0/8", "nat64"],
  ["64:ff9b::c0a8:101", "private", "192.168.0.0/16", "nat64"],
];

const ordinary = ["8.8.8.8", "1.1.1.1", "200.147.3.157", "172.32.0.1", "172.15.255.255", "100.128.0.1", "169.255.0.1", "2606:4700:4700::1111", "2804:14c::1", "::ffff:8.8.8.8", "64:ff9b::808:808"];

describe("classifyAddress", () => {
  it.each(refused)("%s is %s (%s)", (address, rule, range, form) => {
    expect(classifyAddress(address)).toEqual({ rule, range, ...(form ? { form } : {}) });
  });

  it.each(ordinary)("%s is an ordinary public address", (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it.each(["localhost", "127.1", "2130706433", "[::1]", ""])("throws for %j, which is not an IP literal", (text) => {
    expect(() => classifyAddress(text)).toThrow(TypeError);
  });
});
