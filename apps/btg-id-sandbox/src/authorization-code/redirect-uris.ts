/**
 * Which redirect URIs a client may use. Every client has the loopback callbacks Fluxo uses
 * when it runs on the same machine, `http://localhost|127.0.0.1|[::1]:<any port>/api/oauth/callback`
 * (RFC 8252 §7.3: the port of a loopback redirect may vary), plus the exact URIs
 * configured with `redirectUris` / BTG_SANDBOX_REDIRECT_URIS, compared as strings
 * (RFC 6749 §3.1.2.2 and the Security BCP: exact matching, no patterns).
 */

export const LOOPBACK_CALLBACK_PATH = "/api/oauth/callback";
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why `text` cannot be a registered redirect URI, or undefined when it can. */
export function redirectUriProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "must be an absolute URL";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must use http or https";
  if (url.hash !== "" || text.includes("#")) return "must not have a fragment (RFC 6749 §3.1.2)";
  if (url.username !== "" || url.password !== "") return "must not carry credentials";
  return undefined;
}

function isLoopbackCallback(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    url.protocol === "http:" &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.pathname === LOOPBACK_CALLBACK_PATH &&
    url.search === "" &&
    !text.includes("#") &&
    url.username === "" &&
    url.password === "" &&
    // The URL parser normalises; the client must have sent the normal form (no dot segments, no odd case).
    url.href === text
  );
}

/** Whether a client may be redirected to `redirectUri`. */
export function isRegisteredRedirectUri(redirectUri: string, registered: readonly string[]): boolean {
  return registered.includes(redirectUri) || isLoopbackCallback(redirectUri);
}
