import { BlockList, isIP } from "node:net";

/** Why an address is not an ordinary public one; the names are stable (they reach step errors as `code`). */
export type AddressRule =
  | "metadata"
  | "unspecified"
  | "loopback"
  | "link_local"
  | "private"
  | "shared_address"
  | "multicast"
  | "broadcast"
  | "reserved";

/** The form an IPv4 rule was matched in, when the address is IPv6. */
export type EmbeddedForm = "ipv4_mapped" | "nat64";

export interface AddressClass {
  rule: AddressRule;
  /** The range that matched, as written in the rule table (e.g. `169.254.0.0/16`). */
  range: string;
  form?: EmbeddedForm;
}

type Family = "ipv4" | "ipv6";

interface RangeRule {
  rule: AddressRule;
  range: string;
  list: BlockList;
}

/**
 * IANA's special-purpose registries (RFC 6890 and successors) plus the cloud metadata
 * endpoints, most specific first: the first match names the rule shown to the person.
 */
const IPV4_RULES: readonly (readonly [AddressRule, string])[] = [
  // AWS/GCP/Azure/OCI, AWS ECS task and EKS pod identity, Alibaba Cloud, Oracle Cloud Classic.
  ["metadata", "169.254.169.254/32"],
  ["metadata", "169.254.170.2/32"],
  ["metadata", "169.254.170.23/32"],
  ["metadata", "100.100.100.200/32"],
  ["metadata", "192.0.0.192/32"],
  // Linux connects 0.0.0.0 (and the rest of "this network") to the local host.
  ["unspecified", "0.0.0.0/8"],
  ["loopback", "127.0.0.0/8"],
  ["link_local", "169.254.0.0/16"],
  ["private", "10.0.0.0/8"],
  ["private", "172.16.0.0/12"],
  ["private", "192.168.0.0/16"],
  ["shared_address", "100.64.0.0/10"],
  ["multicast", "224.0.0.0/4"],
  ["broadcast", "255.255.255.255/32"],
  ["reserved", "240.0.0.0/4"],
  ["reserved", "192.0.0.0/24"],
  ["reserved", "192.0.2.0/24"],
  ["reserved", "192.88.99.0/24"],
  ["reserved", "198.18.0.0/15"],
  ["reserved", "198.51.100.0/24"],
  ["reserved", "203.0.113.0/24"],
];

const IPV6_RULES: readonly (readonly [AddressRule, string])[] = [
  ["metadata", "fd00:ec2::254/128"],
  ["metadata", "fd00:ec2::23/128"],
  ["unspecified", "::/128"],
  ["loopback", "::1/128"],
  ["link_local", "fe80::/10"],
  ["private", "fc00::/7"],
  ["private", "fec0::/10"],
  ["multicast", "ff00::/8"],
  // Translation and tunnelling prefixes whose embedded IPv4 this table does not unwrap.
  ["reserved", "64:ff9b:1::/48"],
  ["reserved", "2001::/23"],
  ["reserved", "2002::/16"],
  ["reserved", "2001:db8::/32"],
  ["reserved", "3fff::/20"],
];

/** IPv4 inside IPv6: each IPv4 rule is also checked in these forms. */
const EMBEDDING_PREFIXES: readonly (readonly [EmbeddedForm, string])[] = [
  ["ipv4_mapped", "::ffff:"],
  ["nat64", "64:ff9b::"],
];

const IPV6_GLOBAL_UNICAST = subnetList("2000::/3");
const EMBEDDINGS = EMBEDDING_PREFIXES.map(([form, prefix]) => ({ form, list: subnetList(`${prefix}0.0.0.0/96`) }));
const V4_RULES = IPV4_RULES.map(([rule, range]) => ({ rule, range, list: subnetList(range) }));
const V6_RULES = IPV6_RULES.map(([rule, range]) => ({ rule, range, list: subnetList(range) }));
const EMBEDDED_V4_RULES = EMBEDDING_PREFIXES.map(([form, prefix]) => ({
  form,
  rules: IPV4_RULES.map(([rule, range]): RangeRule => {
    const [base, bits] = range.split("/") as [string, string];
    return { rule, range, list: subnetList(`${prefix}${base}/${96 + Number(bits)}`) };
  }),
}));

/**
 * The rule an address falls under, or `undefined` for an ordinary public address.
 * `address` must be an IP literal without brackets (throws otherwise: a caller's bug).
 */
export function classifyAddress(address: string): AddressClass | undefined {
  const family = familyOf(address);
  if (family === "ipv4") return firstMatch(V4_RULES, address, family);

  const embedding = EMBEDDINGS.find(({ list }) => list.check(address, "ipv6"));
  if (embedding) {
    const rules = EMBEDDED_V4_RULES.find(({ form }) => form === embedding.form)!.rules;
    const found = firstMatch(rules, address, family);
    // An embedded public IPv4 (e.g. ::ffff:8.8.8.8) is just that public address.
    return found && { ...found, form: embedding.form };
  }
  const found = firstMatch(V6_RULES, address, family);
  if (found) return found;
  return IPV6_GLOBAL_UNICAST.check(address, "ipv6") ? undefined : { rule: "reserved", range: "fora de 2000::/3" };
}

export function familyOf(address: string): Family {
  const version = isIP(address);
  if (version === 4) return "ipv4";
  if (version === 6) return "ipv6";
  throw new TypeError(`not an IP address: ${JSON.stringify(address)}`);
}

function firstMatch(rules: readonly RangeRule[], address: string, family: Family): AddressClass | undefined {
  const match = rules.find(({ list }) => list.check(address, family));
  return match && { rule: match.rule, range: match.range };
}

/** A BlockList holding one `address/bits` range. */
export function subnetList(cidr: string): BlockList {
  const list = new BlockList();
  addCidr(list, cidr);
  return list;
}

export function addCidr(list: BlockList, cidr: string): void {
  const [base, bits] = cidr.split("/") as [string, string | undefined];
  const family = familyOf(base);
  list.addSubnet(base, bits === undefined ? (family === "ipv4" ? 32 : 128) : Number(bits), family);
}
