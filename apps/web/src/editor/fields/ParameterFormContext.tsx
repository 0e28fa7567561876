import { createContext, useContext } from "react";
import type { ParamPath } from "../parameters.js";

/** How a parameter input reads its error and writes its value, whatever its depth in the form. */
export interface ParameterForm {
  /** The message to show under the input at this dotted path, if any. */
  errorAt(pathKey: string): string | undefined;
  /** Whether anything at or below this path has a problem (to open a collapsed section). */
  hasErrorWithin(pathKey: string): boolean;
  setValue(path: ParamPath, value: unknown): void;
  touch(pathKey: string): void;
  /** A prefix for input ids, unique per step. */
  idPrefix: string;
}

export const ParameterFormContext = createContext<ParameterForm | null>(null);

export function useParameterForm(): ParameterForm {
  const form = useContext(ParameterFormContext);
  if (!form) throw new Error("useParameterForm needs a <ParameterFormContext.Provider>");
  return form;
}
