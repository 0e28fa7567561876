/** One text per language; `{{name}}` is replaced by the param of that name (see renderStepMessage). */
export type { MessageTexts as StepMessageTexts } from "@fluxo/expressions";
