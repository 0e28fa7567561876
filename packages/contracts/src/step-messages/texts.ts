/** One text per language; `{{name}}` is replaced by the param of that name (see renderStepMessage). */
export type StepMessageTexts = Record<string, { "pt-BR": string; en: string }>;
