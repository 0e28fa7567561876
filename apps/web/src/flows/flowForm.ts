import { z } from "zod";
import type { UseFormSetError, FieldValues, Path } from "react-hook-form";
import { ApiError } from "../api/http.js";

export const FLOW_NAME_MAX = 120;
export const FLOW_DESCRIPTION_MAX = 2000;

export interface FlowFormMessages {
  required: string;
  maxLength: (max: number) => string;
}

export function flowNameSchema(messages: FlowFormMessages) {
  return z.string().trim().min(1, messages.required).max(FLOW_NAME_MAX, messages.maxLength(FLOW_NAME_MAX));
}

export function createFlowSchema(messages: FlowFormMessages) {
  return z.object({
    name: flowNameSchema(messages),
    description: z.string().trim().max(FLOW_DESCRIPTION_MAX, messages.maxLength(FLOW_DESCRIPTION_MAX)),
  });
}

export function renameFlowSchema(messages: FlowFormMessages) {
  return z.object({ name: flowNameSchema(messages) });
}

/**
 * Puts a 422's per-field messages on the form's fields. Returns false when the error was
 * something else (or named no field of this form), for the caller to show as one message.
 */
export function applyFieldErrors<T extends FieldValues>(error: unknown, fields: Path<T>[], setError: UseFormSetError<T>): boolean {
  if (!(error instanceof ApiError) || error.status !== 422) return false;
  let placed = false;
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    const field = fields.find((f) => f === path);
    if (!field) continue;
    setError(field, { type: "server", message }, { shouldFocus: !placed });
    placed = true;
  }
  return placed;
}
