import type { JsonSchema, OpenApiDocument } from "../src/openapi/openapi-document.js";

export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, part) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined), root);
}

/**
 * A small JSON Schema (2020-12) check for the keywords zod emits, enough to hold the document
 * to what the server does (no validator package is installed). `closed`: objects that list
 * their members and say nothing of others take none (for answers: nothing undocumented).
 */
export function validate(root: OpenApiDocument, schema: JsonSchema, value: unknown, options: { closed?: boolean } = {}, path = "$"): string[] {
  const errors: string[] = [];
  if (typeof schema.$ref === "string") errors.push(...validate(root, resolvePointer(root, schema.$ref) as JsonSchema, value, options, path));
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) errors.push(`${path}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) errors.push(`${path}: not one of ${JSON.stringify(schema.enum)}`);
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((option) => validate(root, option as JsonSchema, value, options, path).length === 0)) errors.push(`${path}: fits none of anyOf`);
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((option) => validate(root, option as JsonSchema, value, options, path).length === 0).length !== 1) errors.push(`${path}: fits not exactly one of oneOf`);
  if (Array.isArray(schema.allOf)) for (const part of schema.allOf) errors.push(...validate(root, part as JsonSchema, value, options, path));
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  if (types && !types.some((type) => typeFits(type, value))) return [...errors, `${path}: ${JSON.stringify(value)?.slice(0, 80)} is not ${types.join(" | ")}`];
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && [...value].length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${path}: doesn't match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items && typeof schema.items === "object") value.forEach((item, i) => errors.push(...validate(root, schema.items as JsonSchema, item, options, `${path}[${i}]`)));
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const name of (schema.required as string[] | undefined) ?? []) if (!(name in value)) errors.push(`${path}: ${name} is missing`);
    for (const [name, inner] of Object.entries(value)) {
      if (properties[name]) errors.push(...validate(root, properties[name], inner, options, `${path}.${name}`));
      else if (schema.additionalProperties === false || (options.closed && schema.properties && isAnything(schema.additionalProperties))) errors.push(`${path}: ${name} is not described`);
      else if (typeof schema.additionalProperties === "object") errors.push(...validate(root, schema.additionalProperties as JsonSchema, inner, options, `${path}.${name}`));
    }
  }
  return errors;
}

/** No additionalProperties, or `{}` (a problem's "routes may add members"): under `closed`, a member must be listed. */
function isAnything(schema: unknown): boolean {
  return schema === undefined || (typeof schema === "object" && schema !== null && Object.keys(schema).length === 0);
}

function typeFits(type: string, value: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
