import type { InputHTMLAttributes } from "react";
import { useExpressionCombobox } from "./useExpressionCombobox.js";

export interface ExpressionInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "role"> {
  value: string;
  onValueChange(value: string): void;
}

/** A one-line input for text with `{{ … }}` expressions, with suggestions (see useExpressionCombobox). */
export function ExpressionInput({ value, onValueChange, onKeyDown, onBlur, onClick, className, ...inputProps }: ExpressionInputProps) {
  const { controlProps, suggestions } = useExpressionCombobox<HTMLInputElement>({ value, onValueChange, onKeyDown, onBlur, onClick });
  return (
    <div className="expression-input">
      <input type="text" className={className ?? "input"} {...controlProps} {...inputProps} />
      {suggestions}
    </div>
  );
}
