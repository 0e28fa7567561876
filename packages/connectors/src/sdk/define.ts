import type { z } from "zod";
import type { ConnectorDefinition, FieldDefinition, OperationDefinition } from "./types.js";

/** Gives an operation its parameter type from its schema; checked with its connector. */
export function defineOperation<S extends z.ZodType>(operation: OperationDefinition<S>): OperationDefinition<S> {
  return operation;
}

/**
 * Checks a connector definition and returns it unchanged. Mistakes here are the
 * connector author's, so they fail at import time with every problem listed.
 */
export function defineConnector<const D extends ConnectorDefinition>(definition: D): D {
  const problems = [
    ...duplicateKeys(definition.operations.map((op) => op.key)).map((key) => `operation key "${key}" is used more than once`),
    ...fieldProblems(definition.connectionFields, "connectionFields"),
    ...definition.operations.flatMap((op) => fieldProblems(op.fields, `operation "${op.key}"`)),
    ...definition.operations.flatMap((op) => portProblems(op)),
  ];
  if (problems.length > 0) {
    throw new Error(`Connector "${definition.key}" is invalid:\n- ${problems.join("\n- ")}`);
  }
  return definition;
}

function fieldProblems(fields: readonly FieldDefinition[], where: string): string[] {
  const keys = new Set(fields.map((field) => field.key));
  const problems = duplicateKeys(fields.map((field) => field.key)).map((key) => `${where}: field key "${key}" is used more than once`);

  for (const field of fields) {
    const at = `${where}, field "${field.key}"`;
    if (!isZodSchema(field.schema)) {
      problems.push(`${at}: has no validation schema${field.required ? " (it is required)" : ""}`);
    }
    if (field.visibleWhen) {
      const target = field.visibleWhen.field;
      if (target === field.key) problems.push(`${at}: visibleWhen points at the field itself`);
      else if (!keys.has(target)) problems.push(`${at}: visibleWhen points at "${target}", which is not a field of the same form`);
    }
    if (field.type === "select" && !field.options?.length) problems.push(`${at}: a select needs options`);
    if (field.type === "object-list" || field.type === "group") {
      if (!field.itemFields?.length) problems.push(`${at}: an ${field.type} needs itemFields`);
      else problems.push(...fieldProblems(field.itemFields, at));
    }
    if (field.perResponse && !field.expression) problems.push(`${at}: perResponse needs expression`);
  }
  return problems;
}

function portProblems(operation: OperationDefinition): string[] {
  if (!operation.ports) return [];
  const at = `operation "${operation.key}"`;
  if (operation.ports.length < 2) return [`${at}: an operation with ports needs at least two (one exit needs none)`];
  return duplicateKeys(operation.ports.map((port) => port.key)).map((key) => `${at}: port "${key}" is declared more than once`);
}

function duplicateKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const key of keys) (seen.has(key) ? duplicated : seen).add(key);
  return [...duplicated];
}

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && typeof (value as { safeParse?: unknown }).safeParse === "function";
}
