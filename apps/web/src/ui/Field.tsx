import { useId, type ReactNode } from "react";
import { AlertIcon } from "./icons.js";

export interface FieldChromeProps {
  /** The visible label, which is also the control's accessible name. */
  label: string;
  required?: boolean;
  help?: ReactNode;
  error?: string;
  className?: string;
}

/** The ids and ARIA attributes that tie a control to its label, help text and error. */
export function useFieldIds(id: string | undefined, help: ReactNode, error: string | undefined) {
  const generated = useId();
  const controlId = id ?? generated;
  const helpId = help ? `${controlId}-help` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, helpId].filter(Boolean).join(" ") || undefined;
  return { controlId, helpId, errorId, describedBy };
}

/** Label above, the control, then help text and the inline error. */
export function FieldShell({
  label,
  required,
  help,
  error,
  className,
  controlId,
  helpId,
  errorId,
  children,
}: FieldChromeProps & { controlId: string; helpId: string | undefined; errorId: string | undefined; children: ReactNode }) {
  return (
    <div className={className ? `field ${className}` : "field"}>
      {/* The asterisk sits outside the <label>, so the label's text is exactly the field's name. */}
      <div className="field__label-row">
        <label className="field__label" htmlFor={controlId}>
          {label}
        </label>
        {required && (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {children}
      {error && (
        <p className="field__error" id={errorId}>
          <AlertIcon />
          <span>{error}</span>
        </p>
      )}
      {help && (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}
