import type { FieldMeta, FieldType } from "@fluxo/contracts";
import type { KeyboardEvent } from "react";
import { ExpressionInput } from "../expressions/ExpressionInput.js";

/** The field types that fit in one cell of a row: one-line controls. */
export const ROW_FIELD_TYPES: readonly FieldType[] = ["text", "password", "url", "number", "select"];

export interface RowControlProps {
  field: FieldMeta;
  id: string;
  /** The accessible name, as there is no visible label beside the control ("Nome 1"). */
  label: string;
  value: unknown;
  error: string | undefined;
  describedBy: string | undefined;
  onChange(value: unknown): void;
  onBlur(): void;
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
}

/**
 * One field of a list row as a bare control (no label chrome): a select, an expression
 * input (suggestions inside `{{ }}`), a secret, a number or plain text.
 */
export function RowControl({ field, id, label, value, error, describedBy, onChange, onBlur, onKeyDown }: RowControlProps) {
  const text = value === undefined || value === null ? "" : String(value);
  const common = {
    id,
    className: "input",
    "aria-label": label,
    "aria-required": field.required || undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    placeholder: field.placeholder,
    onBlur,
  };

  if (field.type === "select") {
    return (
      <select {...common} value={text || String(field.default ?? "")} onChange={(e) => onChange(e.target.value)}>
        {!field.required && <option value="" />}
        {(field.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (field.expression && !field.secret) {
    return <ExpressionInput {...common} value={text} onValueChange={onChange} onKeyDown={onKeyDown} />;
  }
  const numeric = field.type === "number";
  return (
    <input
      {...common}
      type={field.type === "password" || field.secret ? "password" : numeric ? "number" : "text"}
      inputMode={numeric ? "decimal" : undefined}
      autoComplete={field.secret ? "new-password" : "off"}
      spellCheck={false}
      value={text}
      onKeyDown={onKeyDown}
      onChange={(e) => onChange(numeric && e.target.value !== "" ? Number(e.target.value) : e.target.value)}
    />
  );
}
