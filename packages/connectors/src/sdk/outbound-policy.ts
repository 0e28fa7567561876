import { ref, renderStepMessage, type StepMessageCode, type StepMessageRef } from "@fluxo/contracts";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { addCidr, classifyAddress, familyOf, type AddressClass, type AddressRule } from "./address-rules.js";

/** The server settings named in refusals, so the person knows what to ask for. */
export const ALLOWLIST_SETTING = "FLUXO_OUTBOUND_ALLOWLIST";
export const INSECURE_LOOPBACK_SETTING = "FLUXO_ALLOW_INSECURE_LOCALHOST";

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

/** Where connectors may call. The URLs they call come from user input (e.g. a connection's URL do ambiente). */
export interface OutboundPolicy {
  /** `http://` to loopback (127.0.0.0/8, ::1, localhost), and loopback over https; otherwise https only and no loopback. */
  allowInsecureLoopback: boolean;
  /**
   * Exceptions to the address rules: CIDRs (`10.0.0.0/8`), single addresses, or exact host
   * names (`sandbox.corp.example`). Cloud metadata addresses are only allowed when listed as
   * single addresses. Never makes `http://` acceptable beyond loopback.
   */
  allowlist: readonly string[];
  /** Defaults to the system resolver (getaddrinfo, so /etc/hosts counts). Tests inject one. */
  resolver?: Resolver;
}

export type OutboundRule = AddressRule | "insecure_scheme";

/** Why a call was refused; `reason` is pt-BR (the rendering of `text`), names the host and address, never a path or query. */
export interface OutboundRefusal {
  rule: OutboundRule;
  host: string;
  address?: string;
  reason: string;
  /** The reason as a step message, to be told in another language. */
  text: StepMessageRef;
}

/** A refusal's `reason` and `text` from one step message. */
export function refusalText(text: StepMessageRef): { reason: string; text: StepMessageRef } {
  return { reason: renderStepMessage(text.code, text.params, "pt-BR")!, text };
}

/** Carries a refusal through the transport (fetch wraps it as a cause); `http.ts` turns it into `HttpClientError`. */
export class OutboundRefusedError extends Error {
  override readonly name = "OutboundRefusedError";
  readonly refusal: OutboundRefusal;

  constructor(refusal: OutboundRefusal) {
    super(refusal.reason);
    this.refusal = refusal;
  }
}

export type OutboundProtocol = "http:" | "https:";

/** A host as the URL names it: lower-case, IPv6 without brackets, trailing dot kept as given. */
export interface OutboundTarget {
  protocol: OutboundProtocol;
  host: string;
}

export interface OutboundGuard {
  /** What can be refused from the URL alone: scheme, IP literals, metadata host names. */
  checkTarget(target: OutboundTarget): OutboundRefusal | undefined;
  /** Whether this target may be reached at this address. */
  checkAddress(target: OutboundTarget, address: string): OutboundRefusal | undefined;
  /** Resolves the host once and checks every address; the answer is what the socket may connect to. */
  resolve(target: OutboundTarget): Promise<ResolvedAddress[]>;
}

const METADATA_HOST_NAMES = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

const RULE_TEXT: Record<AddressRule, StepMessageCode> = {
  metadata: "outbound.rule.metadata",
  unspecified: "outbound.rule.unspecified",
  loopback: "outbound.rule.loopback",
  link_local: "outbound.rule.link_local",
  private: "outbound.rule.private",
  shared_address: "outbound.rule.shared_address",
  multicast: "outbound.rule.multicast",
  broadcast: "outbound.rule.broadcast",
  reserved: "outbound.rule.reserved",
};

const FORM_TEXT = { ipv4_mapped: "outbound.where.ipv4_mapped", nat64: "outbound.where.nat64" } as const satisfies Record<string, StepMessageCode>;

export function compileOutboundPolicy(policy: OutboundPolicy): OutboundGuard {
  const allowlist = compileAllowlist(policy.allowlist);
  const resolver = policy.resolver ?? systemResolver;

  const addressAllowed = (target: OutboundTarget, address: string, found: AddressClass): boolean => {
    const family = familyOf(address);
    if (found.rule === "metadata") return allowlist.exactAddresses.check(address, family);
    if (found.rule === "loopback" && policy.allowInsecureLoopback) return true;
    return allowlist.hosts.has(hostKey(target.host)) || allowlist.ranges.check(address, family);
  };

  // The address rule speaks first: for http://169.254.169.254 "use https" would be the wrong advice.
  const checkAddress = (target: OutboundTarget, address: string): OutboundRefusal | undefined => {
    const found = classifyAddress(address);
    if (found && !addressAllowed(target, address, found)) return addressRefusal(target, address, found);
    const insecureAllowed = found?.rule === "loopback" && policy.allowInsecureLoopback;
    if (target.protocol === "http:" && !insecureAllowed) return insecureSchemeRefusal(target, address, policy.allowInsecureLoopback);
    return undefined;
  };

  return {
    checkAddress,
    checkTarget(target) {
      if (isIP(target.host)) return checkAddress(target, target.host);
      if (target.protocol === "http:" && !policy.allowInsecureLoopback) return insecureSchemeRefusal(target, undefined, false);
      const key = hostKey(target.host);
      if (METADATA_HOST_NAMES.has(key) && !allowlist.hosts.has(key)) {
        return { rule: "metadata", host: target.host, ...refusalText(ref("outbound.metadata_host", { host: target.host, setting: ALLOWLIST_SETTING })) };
      }
      return undefined;
    },
    async resolve(target) {
      const answers = isIP(target.host) ? [{ address: target.host, family: isIP(target.host) }] : await resolver(target.host);
      if (answers.length === 0) throw Object.assign(new Error(`${target.host} has no address`), { code: "ENOTFOUND" });
      for (const { address } of answers) {
        if (!isIP(address)) throw new TypeError(`the resolver answered ${JSON.stringify(address)} for ${target.host}, which is not an IP address`);
        // One refused address refuses the host: which one a connection would use is not ours to predict.
        const refusal = checkAddress(target, address);
        if (refusal) throw new OutboundRefusedError(refusal);
      }
      return answers.map(({ address }) => ({ address, family: isIP(address) }));
    },
  };
}

async function systemResolver(host: string): Promise<ResolvedAddress[]> {
  return lookup(host, { all: true, verbatim: true });
}

function addressRefusal(target: OutboundTarget, address: string, found: AddressClass): OutboundRefusal {
  const where = ref(found.form ? FORM_TEXT[found.form] : "outbound.where.plain", { range: found.range });
  const hint =
    found.rule === "metadata"
      ? ref("outbound.hint.metadata", { address, setting: ALLOWLIST_SETTING })
      : found.rule === "loopback"
        ? ref("outbound.hint.loopback", { loopbackSetting: INSECURE_LOOPBACK_SETTING, setting: ALLOWLIST_SETTING })
        : ref("outbound.hint.other", { setting: ALLOWLIST_SETTING });
  return {
    rule: found.rule,
    host: target.host,
    address,
    ...refusalText(ref("outbound.address", { address: describeAddress(target, address), rule: ref(RULE_TEXT[found.rule]), where, hint })),
  };
}

function insecureSchemeRefusal(target: OutboundTarget, address: string | undefined, loopbackAllowed: boolean): OutboundRefusal {
  const text = loopbackAllowed
    ? ref("outbound.insecure_scheme.not_loopback", { address: describeAddress(target, address ?? target.host) })
    : ref("outbound.insecure_scheme", { loopbackSetting: INSECURE_LOOPBACK_SETTING });
  return { rule: "insecure_scheme", host: target.host, ...(address !== undefined ? { address } : {}), ...refusalText(text) };
}

function describeAddress(target: OutboundTarget, address: string): StepMessageRef {
  return address === target.host ? ref("outbound.address.plain", { address }) : ref("outbound.address.of_host", { address, host: target.host });
}

function hostKey(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

// ---- allowlist ----------------------------------------------------------------------

interface CompiledAllowlist {
  ranges: BlockList;
  /** Entries that name one address: the only way to allow a metadata address. */
  exactAddresses: BlockList;
  hosts: Set<string>;
}

type AllowlistEntry = { kind: "cidr"; cidr: string; exact: boolean } | { kind: "host"; host: string };

function compileAllowlist(entries: readonly string[]): CompiledAllowlist {
  const compiled: CompiledAllowlist = { ranges: new BlockList(), exactAddresses: new BlockList(), hosts: new Set() };
  const problems: string[] = [];
  for (const raw of entries) {
    const entry = parseAllowlistEntry(raw);
    if (typeof entry === "string") problems.push(entry);
    else if (entry.kind === "host") compiled.hosts.add(entry.host);
    else {
      addCidr(compiled.ranges, entry.cidr);
      if (entry.exact) addCidr(compiled.exactAddresses, entry.cidr);
    }
  }
  if (problems.length > 0) throw new TypeError(`${ALLOWLIST_SETTING} inválida: ${problems.join(" ")}`);
  return compiled;
}

/** Splits the setting's text (commas or whitespace) into entries and checks each; throws listing every bad one. */
export function parseOutboundAllowlist(text: string | undefined): string[] {
  const entries = (text ?? "").split(/[\s,]+/).filter((entry) => entry !== "");
  compileAllowlist(entries);
  return entries;
}

/** A pt-BR sentence saying what is wrong with one allowlist entry, or undefined when it is fine. */
export function allowlistEntryProblem(entry: string): string | undefined {
  const parsed = parseAllowlistEntry(entry);
  return typeof parsed === "string" ? parsed : undefined;
}

function parseAllowlistEntry(raw: string): AllowlistEntry | string {
  const entry = raw.trim();
  const problem = `"${entry}" não é um CIDR (ex.: 10.0.0.0/8), um endereço IP nem um nome de host (ex.: sandbox.empresa.com).`;
  if (entry === "") return problem;

  const slash = entry.indexOf("/");
  if (slash !== -1) {
    const base = entry.slice(0, slash);
    const bits = entry.slice(slash + 1);
    const version = isIP(base);
    if (!version || !/^\d{1,3}$/.test(bits) || Number(bits) > (version === 4 ? 32 : 128)) return problem;
    return { kind: "cidr", cidr: `${base}/${Number(bits)}`, exact: Number(bits) === (version === 4 ? 32 : 128) };
  }

  const unbracketed = entry.startsWith("[") && entry.endsWith("]") ? entry.slice(1, -1) : entry;
  if (isIP(unbracketed)) return { kind: "cidr", cidr: unbracketed, exact: true };

  if (/[/?#@\\:\s]/.test(entry)) return problem;
  let url: URL;
  try {
    url = new URL(`https://${entry}/`);
  } catch {
    return problem;
  }
  // WHATWG turns numeric forms (2130706433, 0x7f.1) into dotted IPv4, as it does for request URLs.
  if (isIP(url.hostname)) return { kind: "cidr", cidr: url.hostname, exact: true };
  return { kind: "host", host: hostKey(url.hostname) };
}
