import { OAuthError } from "./oauth-error.js";

/**
 * One RFC 9396 authorization details entry. `type` is required; the common fields are
 * checked; any other field the type defines is kept as sent.
 */
export interface AuthorizationDetail {
  type: string;
  locations?: string[];
  actions?: string[];
  datatypes?: string[];
  identifier?: string;
  privileges?: string[];
  /** BTG's field naming the protected resource. */
  resource?: string;
  [field: string]: unknown;
}

// RFC 9396 §2.2 common data fields, plus BTG's `resource`.
const STRING_ARRAY_FIELDS = ["locations", "actions", "datatypes", "privileges"] as const;
const STRING_FIELDS = ["identifier", "resource"] as const;

function invalid(description: string): OAuthError {
  return new OAuthError(400, "invalid_authorization_details", description);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/**
 * Parses the `authorization_details` form parameter (the JSON text of an array) and
 * returns the entries to grant — all of them, in order, unchanged. Throws an
 * `invalid_authorization_details` OAuthError naming the entry index and field.
 */
export function parseAuthorizationDetails(text: string): AuthorizationDetail[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid("authorization_details must be the JSON text of an array; it is not valid JSON");
  }
  if (!Array.isArray(value)) throw invalid("authorization_details must be a JSON array");

  return value.map((entry: unknown, i): AuthorizationDetail => {
    const at = `authorization_details[${i}]`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw invalid(`${at} must be an object`);
    }
    const fields = entry as Record<string, unknown>;
    if (typeof fields.type !== "string" || fields.type.length === 0) {
      throw invalid(`${at}.type must be a non-empty string`);
    }
    for (const name of STRING_ARRAY_FIELDS) {
      if (name in fields && !isStringArray(fields[name])) throw invalid(`${at}.${name} must be an array of strings`);
    }
    for (const name of STRING_FIELDS) {
      if (name in fields && typeof fields[name] !== "string") throw invalid(`${at}.${name} must be a string`);
    }
    return fields as AuthorizationDetail;
  });
}
