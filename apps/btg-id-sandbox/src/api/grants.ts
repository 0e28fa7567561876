import type { AuthorizationDetail } from "../authorization-details.js";
import { ApiError, bearerChallenge, headerSafe } from "./api-error.js";
import type { VerifiedToken } from "./bearer-auth.js";

/** BTG's OAuth scopes for the banking APIs the sandbox plays. */
export const SCOPES = {
  accountsReadonly: "empresas.btgpactual.com/accounts.readonly",
  accounts: "empresas.btgpactual.com/accounts",
  paymentsReadonly: "empresas.btgpactual.com/payments.readonly",
  payments: "empresas.btgpactual.com/payments",
  /** The newer name BTG's docs give the payments scope; the sandbox treats it as `payments`. */
  paymentsBrn: "brn:btg:empresas:banking:payments",
} as const;

export type Privilege = "read" | "write";

/** What one API request needs from the token. */
export interface GrantRequirement {
  /** Any one of these scopes grants the request; the first is named in a 403. */
  scopes: readonly string[];
  /** The path below the API URL that the request touches, e.g. "/12345678/banking/accounts/001/balance". */
  path: string;
  /** The resource named in a 403, e.g. "12345678/banking/accounts/001". */
  resource: string;
  privilege: Privilege;
}

/** "/a/b/" and "a/b" → ["a", "b"]; "" and "/" → []. Segments are percent-decoded. */
export function pathSegments(path: string): string[] {
  const trimmed = path.replace(/^\/+/, "").replace(/\/+$/, "");
  if (trimmed === "") return [];
  return trimmed.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
}

/** Whether `resource` is a prefix of `path` on whole segments ("…/00" does not cover "…/001"). */
export function resourceCovers(resource: string, path: string): boolean {
  const wanted = pathSegments(resource);
  const actual = pathSegments(path);
  // An empty resource names nothing: it grants nothing rather than the whole API.
  if (wanted.length === 0 || wanted.length > actual.length) return false;
  return wanted.every((segment, i) => segment === actual[i]);
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function hasPrivilege(entry: AuthorizationDetail, privilege: Privilege): boolean {
  const granted = [...(entry.privileges ?? []), ...(entry.actions ?? [])];
  return granted.includes(privilege);
}

function locationsInclude(entry: AuthorizationDetail, apiUrl: string): boolean {
  // "Its locations, if any": an entry without locations (or with an empty list) is not restricted.
  if (entry.locations === undefined || entry.locations.length === 0) return true;
  const wanted = withoutTrailingSlash(apiUrl);
  return entry.locations.some((location) => withoutTrailingSlash(location) === wanted);
}

/**
 * Checks that the token grants the request, by scope or by an authorization_details
 * entry (RFC 9396) whose `resource` covers the path on segment boundaries, whose
 * `locations`, if present, include the API URL, and whose `privileges` or `actions`
 * include the privilege. Throws 403 insufficient_scope naming what is missing.
 */
export function requireGrant(token: VerifiedToken, need: GrantRequirement, apiUrl: string): void {
  if (need.scopes.some((scope) => token.scopes.has(scope))) return;

  const matching = token.authorizationDetails
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => typeof entry.resource === "string" && resourceCovers(entry.resource, need.path) && hasPrivilege(entry, need.privilege));
  if (matching.some(({ entry }) => locationsInclude(entry, apiUrl))) return;

  const scope = need.scopes[0] ?? "";
  let description =
    `this request needs scope ${scope} or an authorization_details entry with resource covering ` +
    `${need.resource} and privilege ${need.privilege}`;
  const elsewhere = matching[0];
  if (elsewhere) {
    description += `; authorization_details[${elsewhere.index}] has that resource and privilege but its locations do not include ${withoutTrailingSlash(apiUrl)}`;
  }
  const safe = headerSafe(description);
  throw new ApiError(403, "insufficient_scope", safe, {
    "WWW-Authenticate": bearerChallenge("insufficient_scope", safe, scope),
  });
}

/**
 * Strict mode (BTG_SANDBOX_STRICT_GRANTS=true), as BTG does: banking APIs need a token the
 * account holder consented to (Authorization Code grant), not a client_credentials one.
 */
export function requireAccountHolderToken(token: VerifiedToken): void {
  if (token.fromAccountHolder) return;
  throw new ApiError(
    403,
    "access_denied",
    "the banking APIs (balance, statements, payments) need an access token from the Authorization Code grant, " +
      "with the account holder's login and consent at /oauth2/authorize; this token came from client_credentials " +
      "(this sandbox runs with BTG_SANDBOX_STRICT_GRANTS=true, as BTG does)",
  );
}
