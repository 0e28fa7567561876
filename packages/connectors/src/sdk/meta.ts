import type { ConnectorMeta, FieldMeta, OperationMeta } from "@fluxo/contracts";
import type { ConnectorDefinition, FieldDefinition, OperationDefinition } from "./types.js";

/** The connector as plain JSON for `GET /api/connectors`: no schemas, no functions. */
export function toConnectorMeta(definition: ConnectorDefinition): ConnectorMeta {
  return {
    key: definition.key,
    name: definition.name,
    description: definition.description,
    icon: definition.icon,
    connectionFields: definition.connectionFields.map(toFieldMeta),
    ...(definition.connectionOptional ? { connectionOptional: true } : {}),
    ...(definition.builtIn ? { builtIn: true } : {}),
    operations: definition.operations.map(toOperationMeta),
  };
}

function toOperationMeta(operation: OperationDefinition): OperationMeta {
  return {
    key: operation.key,
    name: operation.name,
    description: operation.description,
    fields: operation.fields.map(toFieldMeta),
    ...(operation.ports ? { ports: operation.ports.map(({ key, label, repeats }) => ({ key, label, ...(repeats ? { repeats } : {}) })) } : {}),
  };
}

/** Copies the catalog properties by name, so anything else a definition carries stays behind. */
export function toFieldMeta(field: FieldDefinition): FieldMeta {
  const meta: FieldMeta = { key: field.key, label: field.label, type: field.type, required: field.required };
  if (field.help !== undefined) meta.help = field.help;
  if (field.placeholder !== undefined) meta.placeholder = field.placeholder;
  if (field.secret !== undefined) meta.secret = field.secret;
  if (field.expression !== undefined) meta.expression = field.expression;
  if (field.perResponse !== undefined) meta.perResponse = field.perResponse;
  if (field.default !== undefined) meta.default = structuredClone(field.default);
  if (field.options !== undefined) meta.options = field.options.map(({ value, label }) => ({ value, label }));
  if (field.suggestions !== undefined) meta.suggestions = field.suggestions.map(({ value, label }) => ({ value, label }));
  if (field.itemFields !== undefined) meta.itemFields = field.itemFields.map(toFieldMeta);
  if (field.minItems !== undefined) meta.minItems = field.minItems;
  if (field.maxItems !== undefined) meta.maxItems = field.maxItems;
  if (field.visibleWhen !== undefined) meta.visibleWhen = { field: field.visibleWhen.field, equals: [...field.visibleWhen.equals] };
  if (field.advanced !== undefined) meta.advanced = field.advanced;
  if (field.pathWarning !== undefined) meta.pathWarning = field.pathWarning;
  if (field.templateFormat !== undefined) meta.templateFormat = typeof field.templateFormat === "string" ? field.templateFormat : { format: field.templateFormat.format, when: { field: field.templateFormat.when.field, equals: [...field.templateFormat.when.equals] } };
  return meta;
}
