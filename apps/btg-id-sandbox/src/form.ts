import { invalidRequest } from "./oauth-error.js";

/**
 * Decodes an application/x-www-form-urlencoded body. Per RFC 6749 §3.1 a parameter sent
 * without a value counts as omitted, and a parameter may not be sent twice.
 */
export function parseForm(body: string): Map<string, string> {
  const form = new Map<string, string>();
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(body)) {
    if (seen.has(name)) throw invalidRequest(`parameter ${JSON.stringify(name)} is included more than once`);
    seen.add(name);
    if (value !== "") form.set(name, value);
  }
  return form;
}
