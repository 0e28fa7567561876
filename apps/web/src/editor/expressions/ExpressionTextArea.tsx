import type { TextareaHTMLAttributes } from "react";
import { useExpressionCombobox } from "./useExpressionCombobox.js";

export interface ExpressionTextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange" | "role"> {
  value: string;
  onValueChange(value: string): void;
}

/**
 * A multi-line editor for text with `{{ … }}` expressions (a request body, say), monospace,
 * with the same suggestions as ExpressionInput; Enter makes a new line unless a suggestion is open.
 */
export function ExpressionTextArea({ value, onValueChange, onKeyDown, onBlur, onClick, className, rows = 6, ...textareaProps }: ExpressionTextAreaProps) {
  const { controlProps, suggestions } = useExpressionCombobox<HTMLTextAreaElement>({ value, onValueChange, onKeyDown, onBlur, onClick });
  return (
    <div className="expression-input expression-input--multiline">
      <textarea aria-multiline="true" rows={rows} className={className ?? "input"} {...controlProps} {...textareaProps} />
      {suggestions}
    </div>
  );
}
