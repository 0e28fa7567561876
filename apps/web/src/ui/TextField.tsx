import type { InputHTMLAttributes, Ref, TextareaHTMLAttributes, SelectHTMLAttributes } from "react";
import { FieldShell, useFieldIds, type FieldChromeProps } from "./Field.js";

export interface Suggestion {
  value: string;
  label: string;
}

export interface TextFieldProps extends FieldChromeProps, Omit<InputHTMLAttributes<HTMLInputElement>, "required" | "className"> {
  /** Values offered in a list while typing; the user may still type another. */
  suggestions?: Suggestion[];
  ref?: Ref<HTMLInputElement>;
}

// `required` is announced with aria-required instead of the native attribute, so the
// browser's own validation bubble never competes with the form's inline messages.

export function TextField({ label, required, help, error, className, id, suggestions, ref, ...inputProps }: TextFieldProps) {
  const ids = useFieldIds(id, help, error);
  const listId = suggestions?.length ? `${ids.controlId}-suggestions` : undefined;
  return (
    <FieldShell label={label} required={required} help={help} error={error} className={className} {...ids}>
      <input
        ref={ref}
        id={ids.controlId}
        className="input"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        list={listId}
        {...inputProps}
      />
      {listId && (
        <datalist id={listId}>
          {suggestions!.map((s) => (
            <option key={s.value} value={s.value} label={s.label} />
          ))}
        </datalist>
      )}
    </FieldShell>
  );
}

export interface TextAreaProps extends FieldChromeProps, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "required" | "className"> {
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextArea({ label, required, help, error, className, id, ref, ...props }: TextAreaProps) {
  const ids = useFieldIds(id, help, error);
  return (
    <FieldShell label={label} required={required} help={help} error={error} className={className} {...ids}>
      <textarea
        ref={ref}
        id={ids.controlId}
        className="input"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...props}
      />
    </FieldShell>
  );
}

export interface SelectProps extends FieldChromeProps, Omit<SelectHTMLAttributes<HTMLSelectElement>, "required" | "className"> {
  options: { value: string; label: string }[];
  /** A first, empty option (e.g. "Selecione…"). */
  placeholder?: string;
  ref?: Ref<HTMLSelectElement>;
}

export function Select({ label, required, help, error, className, id, options, placeholder, ref, ...props }: SelectProps) {
  const ids = useFieldIds(id, help, error);
  return (
    <FieldShell label={label} required={required} help={help} error={error} className={className} {...ids}>
      <select
        ref={ref}
        id={ids.controlId}
        className="input"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...props}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
