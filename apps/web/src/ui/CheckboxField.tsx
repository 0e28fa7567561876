import type { InputHTMLAttributes, ReactNode } from "react";
import { useFieldIds } from "./Field.js";
import { AlertIcon } from "./icons.js";

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "className"> {
  /** The visible label, beside the box; also its accessible name. */
  label: string;
  help?: ReactNode;
  error?: string;
}

/** A yes/no field: the box and its label on one line, then help text and the inline error. */
export function CheckboxField({ label, help, error, id, ...inputProps }: CheckboxFieldProps) {
  const ids = useFieldIds(id, help, error);
  return (
    <div className="field field--checkbox">
      <label className="checkbox" htmlFor={ids.controlId}>
        <input id={ids.controlId} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={ids.describedBy} {...inputProps} />
        <span className="field__label">{label}</span>
      </label>
      {error && (
        <p className="field__error" id={ids.errorId}>
          <AlertIcon />
          <span>{error}</span>
        </p>
      )}
      {help && (
        <p className="field__help" id={ids.helpId}>
          {help}
        </p>
      )}
    </div>
  );
}
