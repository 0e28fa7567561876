import type { StepMessageTexts } from "./texts.js";

/** Condição, Loop, Transformar, and how a value is shown inside a message (`value.*`). */
export const BUILT_IN_MESSAGES = {
  "value.empty": { "pt-BR": "vazio", en: "empty" },
  "value.object": { "pt-BR": "um objeto", en: "an object" },
  "value.text": { "pt-BR": "o texto {{json}}", en: "the text {{json}}" },
  "value.other": { "pt-BR": "o valor {{json}}", en: "the value {{json}}" },
  "condition.type.string": { "pt-BR": "texto", en: "text" },
  "condition.type.number": { "pt-BR": "número", en: "number" },
  "condition.type.boolean": { "pt-BR": "booleano (true ou false)", en: "boolean (true or false)" },
  "condition.type.date": { "pt-BR": "data ISO 8601 (ex.: 2026-12-06 ou 2026-12-06T10:30:00Z)", en: "ISO 8601 date (e.g. 2026-12-06 or 2026-12-06T10:30:00Z)" },
  "condition.not_of_type": {
    "pt-BR": "{{path}}: {{value}} não é {{type}}; mude o tipo da condição ou o valor",
    en: "{{path}}: {{value}} is not a {{type}}; change the condition's type or the value",
  },
  "loop.items_not_list": {
    "pt-BR": "items: esperava uma lista ou um número inteiro ≥ 0, recebeu {{value}}",
    en: "items: expected a list or a whole number ≥ 0, got {{value}}",
  },
  "loop.too_many_items": {
    "pt-BR": "items: {{count}} itens, mais que o limite de {{max}} por Loop (FLUXO_LOOP_MAX_ITEMS); divida a lista ou aumente o limite",
    en: "items: {{count}} items, more than the limit of {{max}} per Loop (FLUXO_LOOP_MAX_ITEMS); split the list or raise the limit",
  },
  "transform.not_an_object": {
    "pt-BR": '{{path}}: "{{parent}}" já recebeu um valor que não é objeto; "{{name}}" não cabe dentro dele',
    en: '{{path}}: "{{parent}}" already got a value that isn\'t an object; "{{name}}" doesn\'t fit inside it',
  },
} as const satisfies StepMessageTexts;
