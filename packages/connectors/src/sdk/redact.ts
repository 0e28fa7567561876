import type { StepErrorInfo, StepMessageParam } from "@fluxo/contracts";
export const REDACTED = "[redacted]";

const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
const CREDENTIAL_NAME = /secret|token|password|api[-_]?key/i;

/** A copy of `headers` (names kept as given) with credential-bearing values replaced. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const redacted: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    redacted[name] = isCredentialHeader(name) ? REDACTED : value;
  }
  return redacted;
}

/** Authorization, cookies, and names that say secret, token, password or API key. */
export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_HEADERS.has(lower) || CREDENTIAL_NAME.test(lower);
}

// Shorter values would turn ordinary words of a message into "[redacted]".
const MIN_SECRET_LENGTH = 4;

/**
 * Returns a function that replaces every occurrence of the given secret values in a
 * text: a last line of defence for messages that embed what a remote service said.
 */
export function secretScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const values = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => maskCutSecret(values.reduce((result, secret) => result.split(secret).join(REDACTED), text), values);
}

// A prefix this long of a secret is still worth hiding (a JWT's header and claims, say).
const MIN_CUT_PREFIX = 8;

/** A text shortened with "…" (anywhere: a cut quote inside a message) may stop inside a secret: that beginning is masked too. */
function maskCutSecret(text: string, secrets: readonly string[]): string {
  if (!text.includes("…")) return text;
  return text
    .split("…")
    .map((part, index, parts) => (index < parts.length - 1 ? maskTrailingPrefix(part, secrets) : part))
    .join("…");
}

function maskTrailingPrefix(part: string, secrets: readonly string[]): string {
  for (const secret of secrets) {
    for (let n = Math.min(secret.length - 1, part.length); n >= MIN_CUT_PREFIX; n--) {
      if (part.endsWith(secret.slice(0, n))) return `${part.slice(0, -n)}${REDACTED}`;
    }
  }
  return part;
}

/** A step error with every known secret masked: its words, the service's, and every param its message is told with. */
export function scrubStepError(info: StepErrorInfo, scrub: (text: string) => string): StepErrorInfo {
  return {
    ...info,
    message: scrub(info.message),
    ...(info.messageParams !== undefined ? { messageParams: scrubParams(info.messageParams, scrub) } : {}),
    ...(info.code !== undefined ? { code: scrub(info.code) } : {}),
    ...(info.description !== undefined ? { description: scrub(info.description) } : {}),
  };
}

function scrubParams(params: Record<string, StepMessageParam>, scrub: (text: string) => string): Record<string, StepMessageParam> {
  const one = (value: StepMessageParam): StepMessageParam =>
    typeof value === "string" ? scrub(value) : typeof value === "number" ? value : { code: value.code, ...(value.params ? { params: scrubParams(value.params, scrub) } : {}) };
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, one(value)]));
}
