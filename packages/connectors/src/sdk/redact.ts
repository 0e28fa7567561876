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

function isCredentialHeader(name: string): boolean {
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
  return (text) => values.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}
