import type { ReactNode } from "react";
import { FieldShell, useFieldIds } from "../../ui/index.js";
import { ExpressionAssist, hasPreview } from "./ExpressionAssist.js";
import { ExpressionInput } from "./ExpressionInput.js";

export interface ExpressionFieldProps {
  id: string;
  label: string;
  required?: boolean;
  value: string;
  placeholder?: string;
  help?: ReactNode;
  error?: string;
  className?: string;
  onChange(value: string): void;
  onBlur?(): void;
}

/** A labelled field that takes text with `{{ … }}` expressions: suggestions, the syntax error at its place, and a live preview. */
export function ExpressionField({ id, label, required, value, placeholder, help, error, className, onChange, onBlur }: ExpressionFieldProps) {
  const ids = useFieldIds(id, help, error);
  const previewId = `${ids.controlId}-preview`;
  const describedBy = [ids.describedBy, hasPreview(value) ? previewId : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <FieldShell label={label} required={required} help={help} error={error} className={className ? `field--expression ${className}` : "field--expression"} {...ids}>
      <ExpressionInput
        id={ids.controlId}
        value={value}
        placeholder={placeholder}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onValueChange={onChange}
        onBlur={onBlur}
      />
      <ExpressionAssist id={previewId} text={value} />
    </FieldShell>
  );
}
