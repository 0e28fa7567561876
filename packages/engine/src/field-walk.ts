import type { FieldDefinition } from "@fluxo/connectors";

/** Whether a field applies given the values of its siblings (`visibleWhen`). */
export function isFieldActive(field: FieldDefinition, siblings: Record<string, unknown>): boolean {
  if (!field.visibleWhen) return true;
  const other = siblings[field.visibleWhen.field];
  return typeof other === "string" && field.visibleWhen.equals.includes(other);
}

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Rebuilds `values` field by field, letting `visit` replace each leaf value of an
 * active field (object lists are walked item by item). Keys that aren't declared
 * fields are dropped, so nothing undeclared reaches a connector.
 */
export function mapFields(
  fields: FieldDefinition[],
  values: Record<string, unknown>,
  visit: (field: FieldDefinition, value: unknown, path: string) => unknown,
  basePath = "",
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isFieldActive(field, values)) continue;
    const value = values[field.key];
    if (value === undefined) continue;
    const path = basePath ? `${basePath}.${field.key}` : field.key;
    if (field.type === "object-list" && field.itemFields && Array.isArray(value)) {
      const itemFields = field.itemFields;
      result[field.key] = value.map((item, index) => mapFields(itemFields, asRecord(item), visit, `${path}.${index}`));
    } else if (field.type === "group" && field.itemFields) {
      result[field.key] = mapFields(field.itemFields, asRecord(value), visit, path);
    } else {
      result[field.key] = visit(field, value, path);
    }
  }
  return result;
}
