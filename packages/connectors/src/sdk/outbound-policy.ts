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

/** Why a call was refused; `reason` is pt-BR, names the host and address, never a path or query. */
export interface OutboundRefusal {
  rule: OutboundRule;
  host: string;
  address?: string;
  reason: string;
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

const RULE_TEXT: Record<AddressRule, string> = {
  metadata: "é de metadados de nuvem",
  unspecified: "é não especificado e leva ao próprio servidor do Fluxo",
  loopback: "é de loopback, o próprio servidor do Fluxo",
  link_local: "é link-local",
  private: "é de rede privada",
  shared_address: "é de CGNAT, espaço compartilhado de operadora",
  multicast: "é multicast",
  broadcast: "é de broadcast",
  reserved: "é reservado para documentação, testes ou uso especial",
};

const FORM_TEXT = { ipv4_mapped: "na forma IPv4 mapeada em IPv6", nat64: "na forma NAT64 64:ff9b::/96" } as const;

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
        return {
          rule: "metadata",
          host: target.host,
          reason: `o host "${target.host}" é de metadados de nuvem e não é permitido; se for intencional, adicione-o a ${ALLOWLIST_SETTING}`,
        };
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
  const where = found.form ? `${found.range}, ${FORM_TEXT[found.form]}` : found.range;
  const hint =
    found.rule === "metadata"
      ? `se for intencional, adicione exatamente ${address} a ${ALLOWLIST_SETTING} (uma faixa CIDR não basta para endereços de metadados)`
      : found.rule === "loopback"
        ? `se for intencional, ligue ${INSECURE_LOOPBACK_SETTING}=true ou adicione-o a ${ALLOWLIST_SETTING}`
        : `se for intencional, adicione-o a ${ALLOWLIST_SETTING}`;
  return {
    rule: found.rule,
    host: target.host,
    address,
    reason: `${describeAddress(target, address)} ${RULE_TEXT[found.rule]} (${where}) e não é permitido; ${hint}`,
  };
}

function insecureSchemeRefusal(target: OutboundTarget, address: string | undefined, loopbackAllowed: boolean): OutboundRefusal {
  const reason = loopbackAllowed
    ? `a URL usa http:// e ${describeAddress(target, address ?? target.host)} não é de loopback; use https:// (http:// só é aceito para 127.0.0.0/8, ::1 e localhost)`
    : `a URL usa http://, e só https:// é permitido; http:// só é aceito para loopback (127.0.0.0/8, ::1, localhost) com ${INSECURE_LOOPBACK_SETTING}=true`;
  return { rule: "insecure_scheme", host: target.host, ...(address !== undefined ? { address } : {}), reason };
}

function describeAddress(target: OutboundTarget, address: string): string {
  return address === target.host ? `o endereço ${address}` : `o endereço ${address} de "${target.host}"`;
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
