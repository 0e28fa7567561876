import { createContext, useContext, type Dispatch, type SetStateAction } from "react";

/** An expression field that a path picked elsewhere (the data panel) can be inserted into. */
export interface ExpressionTarget {
  /** Puts `text` where the field's caret was (replacing a selection), then focuses it with the caret after the text. */
  insert(text: string): void;
  /** The field's label, to say where a pick goes. */
  label(): string;
}

export interface ExpressionTargets {
  /** The focused expression field, or the last one focused while the panel was open. */
  target: ExpressionTarget | null;
  setTarget: Dispatch<SetStateAction<ExpressionTarget | null>>;
}

export const ExpressionTargetContext = createContext<ExpressionTargets | null>(null);

export function useExpressionTargets(): ExpressionTargets | null {
  return useContext(ExpressionTargetContext);
}
