import type { FieldTemplateFormat } from "@fluxo/contracts";
import { useMemo, type ReactNode } from "react";
import { FieldShell, useFieldIds } from "../../ui/index.js";
import { ExpressionAssist, hasPreview } from "./ExpressionAssist.js";
import { ExpressionInput } from "./ExpressionInput.js";
import { ExpressionScopeContext, useExpressionScope } from "./ExpressionScope.js";
import { ExpressionTextArea } from "./ExpressionTextArea.js";

export interface ExpressionFieldProps {
  id: string;
  label: string;
  required?: boolean;
  value: string;
  placeholder?: string;
  help?: ReactNode;
  error?: string;
  className?: string;
  /** A multi-line editor (a request body) instead of a one-line input. */
  multiline?: boolean;
  /** Evaluated by the step on each answer it gets (`.response`): no preview here. */
  perResponse?: boolean;
  /** What the text builds (a URL, a path, JSON): the preview shows each value encoded as the step will. */
  format?: FieldTemplateFormat | undefined;
  onChange(value: string): void;
  onBlur?(): void;
}

/** A labelled field that takes text with `{{ … }}` expressions: suggestions, the syntax error at its place, and a live preview. */
export function ExpressionField({ id, label, required, value, placeholder, help, error, className, multiline = false, perResponse = false, format, onChange, onBlur }: ExpressionFieldProps) {
  const ids = useFieldIds(id, help, error);
  const previewId = `${ids.controlId}-preview`;
  const describedBy = [ids.describedBy, hasPreview(value) ? previewId : undefined].filter(Boolean).join(" ") || undefined;
  const controlProps = {
    id: ids.controlId,
    value,
    placeholder,
    "aria-required": required || undefined,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    onValueChange: onChange,
    onBlur,
  };
  const scope = useExpressionScope();
  // A per-answer field also reads `.response`: its suggestions say so.
  const fieldScope = useMemo(() => (perResponse && scope ? { ...scope, perResponse: true } : scope), [perResponse, scope]);
  const classes = ["field--expression", multiline ? "field--expression-multiline" : "", className ?? ""].filter(Boolean).join(" ");
  return (
    <FieldShell label={label} required={required} help={help} error={error} className={classes} {...ids}>
      <ExpressionScopeContext.Provider value={fieldScope}>{multiline ? <ExpressionTextArea {...controlProps} /> : <ExpressionInput {...controlProps} />}</ExpressionScopeContext.Provider>
      <ExpressionAssist id={previewId} text={value} perResponse={perResponse} format={format} />
    </FieldShell>
  );
}
