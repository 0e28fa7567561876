import { FORBIDDEN_NAMES, isIdentifier } from "./values.js";

/**
 * The action that reads a value at `path` from the data (`["input", "body", "account"]`):
 * `{{ .input.body.account }}` while every segment is a name, else `index` from the last name on
 * (`{{ index .input.headers "x-tenant" }}`, `{{ index .steps.http.body.items 0 "id" }}`).
 */
export function pathExpression(path: readonly (string | number)[]): string {
  const named = path.findIndex((segment) => typeof segment !== "string" || !isIdentifier(segment) || FORBIDDEN_NAMES.has(segment));
  if (named === -1) return `{{ ${dotted(path as string[])} }}`;
  const keys = path.slice(named).map((segment) => (typeof segment === "number" ? String(segment) : JSON.stringify(segment)));
  return `{{ index ${dotted(path.slice(0, named) as string[])} ${keys.join(" ")} }}`;
}

function dotted(names: readonly string[]): string {
  return names.length === 0 ? "." : names.map((name) => `.${name}`).join("");
}
