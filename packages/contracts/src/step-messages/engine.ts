import type { StepMessageTexts } from "./texts.js";

/** What the engine itself says when a step can't run (the step's id is shown beside it, not in it). */
export const ENGINE_MESSAGES = {
  "engine.step_named": {
    "pt-BR": 'passo "{{step}}": {{failure}}',
    en: 'step "{{step}}": {{failure}}',
  },
  "engine.cannot_run": {
    "pt-BR": "o fluxo não pode ser executado: {{problems}}",
    en: "the flow can't run: {{problems}}",
  },
  "engine.step_limit": {
    "pt-BR": "a execução passou do limite de {{limit}} passos executados (contando cada repetição de um Loop); diminua os itens do Loop ou divida o fluxo",
    en: "the execution went over the limit of {{limit}} steps run (each pass of a Loop counts); give the Loop fewer items or split the flow",
  },
  "engine.unknown_operation": {
    "pt-BR": 'o conector "{{connector}}" não tem a operação "{{operation}}"',
    en: 'the connector "{{connector}}" has no operation "{{operation}}"',
  },
  /** Before the three below: kept to tell the failures stored with it. */
  "engine.expression": {
    "pt-BR": "expressão inválida em {{path}}: {{reason}}",
    en: "invalid expression in {{path}}: {{reason}}",
  },
  /** A field's expression can't be evaluated as written (syntax, unknown function…). */
  "engine.expression_invalid": {
    "pt-BR": 'expressão inválida em "{{field}}"{{at}}: {{reason}}',
    en: 'invalid expression in "{{field}}"{{at}}: {{reason}}',
  },
  /** A field's expression is valid, but this execution's data has no value where it reads one. */
  "engine.expression_missing": {
    "pt-BR": 'falta um valor em "{{field}}"{{at}}: {{reason}} nos dados desta execução; se ele é opcional, use a função default',
    en: 'a value is missing in "{{field}}"{{at}}: {{reason}} in this execution\'s data; if it is optional, use the default function',
  },
  /** A field's expression is valid, but evaluating it on this execution's data failed (a type, a function, a limit). */
  "engine.expression_failed": {
    "pt-BR": 'a expressão em "{{field}}" falhou{{at}}: {{reason}}',
    en: 'the expression in "{{field}}" failed{{at}}: {{reason}}',
  },
  /** Where in the field's text: ", coluna 16". */
  "engine.expression_at": { "pt-BR": ", {{position}}", en: ", {{position}}" },
  /** A field named by its label, in each language (the connector's own words and their translation). */
  "engine.field_label": { "pt-BR": "{{label_pt}}", en: "{{label_en}}" },
  "engine.invalid_parameters": {
    "pt-BR": "parâmetros inválidos: {{problems}}",
    en: "invalid parameters: {{problems}}",
  },
  "engine.no_connection": {
    "pt-BR": "o passo não tem conexão; escolha uma em Propriedades",
    en: "the step has no connection; choose one in Properties",
  },
  "engine.connection_gone": {
    "pt-BR": "a conexão do passo não existe mais; escolha outra em Propriedades",
    en: "the step's connection no longer exists; choose another in Properties",
  },
  "engine.server_stopped": {
    "pt-BR": "o servidor parou durante o passo; execute o fluxo de novo",
    en: "the server stopped during the step; run the flow again",
  },
  "engine.connector_crashed": {
    "pt-BR": "erro interno no conector {{connector}}: {{error}}",
    en: "internal error in the {{connector}} connector: {{error}}",
  },
  "engine.server_stopped_at_step": {
    "pt-BR": 'o servidor parou durante o passo "{{step}}"; execute o fluxo de novo',
    en: 'the server stopped during the step "{{step}}"; run the flow again',
  },
  "engine.server_stopped_run": {
    "pt-BR": "o servidor parou durante a execução; execute o fluxo de novo",
    en: "the server stopped during the execution; run the flow again",
  },
  "engine.not_recorded": {
    "pt-BR": "a execução não pôde ser registrada por um erro interno; tente de novo",
    en: "the execution couldn't be recorded because of an internal error; try again",
  },
  "engine.crashed_twice": {
    "pt-BR": "a execução parou duas vezes porque o processo que a rodava caiu; execute o fluxo de novo",
    en: "the execution stopped twice because the process running it went down; run the flow again",
  },
  "engine.unknown_error": { "pt-BR": "erro desconhecido", en: "unknown error" },
  "engine.no_connection_needed": {
    "pt-BR": "este passo não usa conexão",
    en: "this step uses no connection",
  },
} as const satisfies StepMessageTexts;
