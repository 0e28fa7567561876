import type { FieldMeta } from "@fluxo/contracts";

/** A path into a step's parameters: `["authorizationDetails", 0, "type"]`. */
export type ParamPath = readonly (string | number)[];

export type Values = Record<string, unknown>;

/** The dotted form the API uses for `FieldProblem.field` (`authorizationDetails.0.type`). */
export function pathKey(path: ParamPath): string {
  return path.join(".");
}

/** The parameters a new step starts with: each field's default, object lists with their first entry (none when they may be empty). */
export function defaultValues(fields: readonly FieldMeta[]): Values {
  const values: Values = {};
  for (const field of fields) {
    const value = defaultValue(field);
    if (value !== undefined) values[field.key] = value;
  }
  return values;
}

function defaultValue(field: FieldMeta): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  if (field.type === "object-list") {
    // A list that says it may be empty (headers, query) starts so; others offer their first entry to fill.
    const count = field.minItems === 0 ? 0 : Math.max(field.minItems ?? 1, 1);
    return Array.from({ length: count }, () => defaultValues(field.itemFields ?? []));
  }
  return undefined;
}

/** A fresh entry for an object list. */
export function newListItem(field: FieldMeta): Values {
  return defaultValues(field.itemFields ?? []);
}

export function getAt(values: unknown, path: ParamPath): unknown {
  let current = values;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/**
 * Returns a copy of `values` with `value` at `path`, copying only the containers on the
 * way. An empty string removes the key, so an untouched and a cleared field look the same
 * to the server.
 */
export function setAt<T>(values: T, path: ParamPath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const container: unknown = values ?? (typeof head === "number" ? [] : {});
  const child = setAt((container as Record<string | number, unknown>)[head], rest, value);
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[head as number] = child;
    return copy as T;
  }
  const copy = { ...(container as Record<string, unknown>) };
  if (child === "" || child === undefined) delete copy[head];
  else copy[head] = child;
  return copy as T;
}

/** Whether `field` applies given the values of the form it belongs to (`visibleWhen`). */
export function isFieldVisible(field: FieldMeta, siblings: readonly FieldMeta[], values: Values | undefined): boolean {
  if (!field.visibleWhen) return true;
  const { field: controlKey, equals } = field.visibleWhen;
  const control = siblings.find((f) => f.key === controlKey);
  const current = values?.[controlKey] ?? control?.default;
  return typeof current === "string" && equals.includes(current);
}

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
