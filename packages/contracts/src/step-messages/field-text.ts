import { renderStepMessage, STEP_MESSAGES, type StepMessageCode, type StepMessageParam, type StepMessageRef } from "../step-messages.js";

/**
 * A field's problem as a zod schema states it: the pt-BR text of a catalog code (`*.field.*`,
 * `form.*`). Zod carries only the text, so readFieldText finds the code and params back where the
 * problem is told (a 422, a step's invalid parameters), to tell it in the reader's language.
 */
export function fieldText(code: StepMessageCode, params?: Record<string, StepMessageParam>): string {
  return renderStepMessage(code, params, "pt-BR")!;
}

let patterns: { code: string; pattern: RegExp }[] | undefined;

/** The code and params a field text was written from; undefined for a text no field code writes (zod's own words, a service's). */
export function readFieldText(text: string): StepMessageRef | undefined {
  patterns ??= Object.entries(STEP_MESSAGES)
    .filter(([code]) => code.includes(".field.") || code.startsWith("form."))
    .map(([code, texts]) => ({ code, pattern: templatePattern(texts["pt-BR"]), exact: !texts["pt-BR"].includes("{{") }))
    // A text with no params wins over a template that happens to match it too ("{{label}} deve ser um texto").
    .sort((a, b) => Number(b.exact) - Number(a.exact));
  for (const { code, pattern } of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const params = match.groups ? { ...match.groups } : undefined;
    return params && Object.keys(params).length > 0 ? { code, params } : { code };
  }
  return undefined;
}

/** "Use no máximo {{max}} itens." as /^Use no máximo (?<max>.*?) itens\.$/ (a name used twice must match the same text). */
function templatePattern(template: string): RegExp {
  const seen = new Set<string>();
  const source = template
    .split(/(\{\{\w+\}\})/)
    .map((part) => {
      const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (seen.has(name)) return `\\k<${name}>`;
      seen.add(name);
      return `(?<${name}>[\\s\\S]*?)`;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/** A field text in `language`: its code's text when it has one, else as written. */
export function fieldTextIn(text: string, language: "pt-BR" | "en"): string {
  if (language === "pt-BR") return text;
  const told = readFieldText(text);
  return (told && renderStepMessage(told.code, told.params, language)) ?? text;
}
