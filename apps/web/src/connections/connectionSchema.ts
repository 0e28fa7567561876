import { z } from "zod";
import type { ConnectionCreate, FieldMeta } from "@fluxo/contracts";

/** What the form holds: every connector field as typed (text inputs give strings). */
export interface ConnectionFormValues {
  name: string;
  description: string;
  values: Record<string, string>;
}

export type ConnectionFormMode = { kind: "create" } | { kind: "edit"; secretsSet: Record<string, boolean> };

/** The sentences the schema speaks; the form passes them from the i18n catalog. */
export interface ValidationMessages {
  required: string;
  url: string;
  number: string;
  maxLength: (max: number) => string;
}

const NAME_MAX = 120;
const DESCRIPTION_MAX = 2000;

/** A field counts only when its `visibleWhen` condition holds for the values around it. */
export function isFieldVisible(field: FieldMeta, values: Record<string, unknown>): boolean {
  if (!field.visibleWhen) return true;
  const other = values[field.visibleWhen.field];
  return field.visibleWhen.equals.includes(String(other ?? ""));
}

/** On edit, a secret that is already stored may be left blank: the server keeps it. */
export function isFieldRequired(field: FieldMeta, mode: ConnectionFormMode): boolean {
  if (!field.required) return false;
  if (field.secret && mode.kind === "edit" && mode.secretsSet[field.key]) return false;
  return true;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function fieldProblem(field: FieldMeta, raw: string | undefined, mode: ConnectionFormMode, messages: ValidationMessages): string | undefined {
  const value = (raw ?? "").trim();
  if (value === "") return isFieldRequired(field, mode) ? messages.required : undefined;
  if (field.type === "url" && !isHttpUrl(value)) return messages.url;
  if (field.type === "number" && !Number.isFinite(Number(value))) return messages.number;
  return undefined;
}

/**
 * The connection form's zod schema, built from the connector's field metadata rather than
 * written per connector: Nome and Descrição for every connection, then each visible
 * connector field checked for presence and, by type, for a valid URL or number.
 */
export function buildConnectionSchema(fields: FieldMeta[], mode: ConnectionFormMode, messages: ValidationMessages) {
  const values = z.record(z.string(), z.string()).superRefine((vals, ctx) => {
    for (const field of fields) {
      if (!isFieldVisible(field, vals)) continue;
      const message = fieldProblem(field, vals[field.key], mode, messages);
      if (message) ctx.addIssue({ code: "custom", path: [field.key], message });
    }
  });
  return z.object({
    name: z.string().trim().min(1, messages.required).max(NAME_MAX, messages.maxLength(NAME_MAX)),
    description: z.string().trim().max(DESCRIPTION_MAX, messages.maxLength(DESCRIPTION_MAX)),
    values,
  });
}

/** The form's starting values: the stored connection's, else each field's default. Secrets always start blank. */
export function initialFormValues(fields: FieldMeta[], connection?: { name: string; description: string; values: Record<string, unknown> }): ConnectionFormValues {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const stored = field.secret ? undefined : connection?.values[field.key];
    // A required field added after the connection was saved (BTG-ID's Autenticação) starts at its default, as the server reads it.
    const value = stored ?? (connection && !field.required ? undefined : field.default);
    values[field.key] = value === undefined || value === null ? "" : String(value);
  }
  return { name: connection?.name ?? "", description: connection?.description ?? "", values };
}

/**
 * The request body: visible fields only; blank secrets and blank optional fields are
 * left out, which on edit tells the server to keep what it has.
 */
export function toConnectionBody(connector: string, fields: FieldMeta[], form: ConnectionFormValues): ConnectionCreate {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (!isFieldVisible(field, form.values)) continue;
    // Edge whitespace in a pasted ID or secret is a copy accident, never part of the value.
    const value = (form.values[field.key] ?? "").trim();
    if (value === "") continue;
    values[field.key] = field.type === "number" ? Number(value) : value;
  }
  return { connector, name: form.name.trim(), description: form.description.trim(), values };
}
