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
 * active field (object lists are walked item by item); `siblings` are the values of the
 * form the field is in. Keys that aren't declared fields are dropped, so nothing
 * undeclared reaches a connector.
 */
export function mapFields(
  fields: FieldDefinition[],
  values: Record<string, unknown>,
  visit: (field: FieldDefinition, value: unknown, path: string, siblings: Record<string, unknown>) => unknown,
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
      result[field.key] = visit(field, value, path, values);
    }
  }
  return result;
}

/**
 * The field at `path` (`pagination.next`, `query.0.value`) as a person reads it: its label, and
 * those of the fields it is in, in pt-BR and in `translate`'s language. A list's item is named by
 * its position from 1; a part of the path no field declares stays as written.
 */
export function fieldLabelAt(fields: FieldDefinition[], path: string, translate: (label: string) => string): { field: FieldDefinition | undefined; pt: string; translated: string } {
  const pt: string[] = [];
  const translated: string[] = [];
  let current: FieldDefinition[] | undefined = fields;
  let field: FieldDefinition | undefined;
  for (const key of path.split(".").filter((part) => part !== "")) {
    if (/^\d+$/.test(key) && pt.length > 0) {
      const item = ` (item ${Number(key) + 1})`;
      pt[pt.length - 1] += item;
      translated[translated.length - 1] += item;
      continue;
    }
    field = current?.find((candidate) => candidate.key === key);
    pt.push(field?.label ?? key);
    translated.push(field ? translate(field.label) : key);
    current = field?.itemFields;
  }
  return { field, pt: pt.join(" › "), translated: translated.join(" › ") };
}
