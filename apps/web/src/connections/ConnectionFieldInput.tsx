import type { KeyboardEvent } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import type { FieldMeta } from "@fluxo/contracts";
import { CheckboxField, PasswordField, Select, TextArea, TextField, WarningIcon } from "../ui/index.js";
import "./connection-field.css";

export interface ConnectionFieldInputProps {
  connector: string;
  field: FieldMeta;
  registration: UseFormRegisterReturn;
  required: boolean;
  error?: string;
  /** For a secret on edit: a value is stored and a blank input keeps it. */
  secretSet?: boolean;
  /** What the field holds now (a URL field warns while it has a path it shouldn't). */
  value?: unknown;
  /** Sets the field's value (a yes/no field keeps "true"/"false" as the form's other text values). */
  onValue?: (value: string) => void;
}

/**
 * One connector field, drawn from its metadata. Labels come from the catalog; the i18n
 * file may override them per language (`fields.<connector>.<key>.label`).
 */
export function ConnectionFieldInput({ connector, field, registration, required, error, secretSet = false, value, onValue }: ConnectionFieldInputProps) {
  const { t } = useTranslation("connections");
  const label = t(`fields.${connector}.${field.key}.label`, { defaultValue: field.label });
  const help = field.help ? t(`fields.${connector}.${field.key}.help`, { defaultValue: field.help }) : undefined;
  const common = { label, required, error, placeholder: field.placeholder, ...registration };

  if (field.secret || field.type === "password") {
    return (
      <PasswordField
        {...common}
        placeholder={secretSet ? "••••••••" : field.placeholder}
        help={secretSet ? joinHelp(t("form.secretSet"), help) : help}
      />
    );
  }
  switch (field.type) {
    case "textarea":
      return <TextArea {...common} help={help} rows={3} />;
    case "select":
      return <Select {...common} help={help} options={field.options ?? []} placeholder={t("form.choose")} />;
    case "url": {
      const warning = field.pathWarning && hasPath(value) ? t(`fields.${connector}.${field.key}.pathWarning`, { defaultValue: field.pathWarning }) : null;
      const shown = warning ? (
        <span className="field-warning" data-testid={`path-warning-${field.key}`}>
          <WarningIcon aria-hidden="true" />
          {warning}
        </span>
      ) : (
        help
      );
      return <TextField {...common} help={shown} inputMode="url" spellCheck={false} autoComplete="off" suggestions={field.suggestions} />;
    }
    case "number":
      return <TextField {...common} help={help} inputMode="decimal" />;
    case "boolean":
      return (
        <CheckboxField
          label={label}
          help={help}
          error={error}
          name={registration.name}
          checked={value === "true"}
          onChange={(event) => onValue?.(event.target.checked ? "true" : "false")}
        />
      );
    default:
      // Lists are step parameters, not connection fields; a plain text input is the safe fallback.
      return <TextField {...common} help={help} autoComplete="off" suggestions={field.suggestions} onKeyDown={field.suggestions?.length ? keepEnterInField : undefined} />;
  }
}

/**
 * A text field offered a list of values (Escopos: one picked, then another typed after a space) is
 * filled a piece at a time: Enter there finishes a piece (or takes the suggestion the browser
 * highlights), never submits the whole dialog — which would save, close it and test the connection
 * while the person is still adding scopes.
 */
function keepEnterInField(event: KeyboardEvent<HTMLInputElement>): void {
  if (event.key === "Enter" && !event.nativeEvent.isComposing) event.preventDefault();
}

function hasPath(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    return new URL(value.trim()).pathname.replace(/\/+$/, "") !== "";
  } catch {
    return false;
  }
}

function joinHelp(first: string, second: string | undefined): string {
  return second ? `${first} ${second}` : first;
}
