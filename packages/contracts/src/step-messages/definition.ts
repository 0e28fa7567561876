import type { StepMessageTexts } from "./texts.js";

/**
 * What stops a flow definition from running or being saved (packages/engine's checks), what a form's
 * field is told (form.*: contracts' REQUIRED, atMostChars…), and how a list of problems is joined:
 * `list.more` chains two texts, so a list of any length is one nested message.
 */
export const DEFINITION_MESSAGES = {
  "form.required": { "pt-BR": "Preencha este campo.", en: "Fill in this field." },
  "form.at_most_chars": { "pt-BR": "Use no máximo {{max}} caracteres.", en: "Use at most {{max}} characters." },
  "form.at_least_chars": { "pt-BR": "Use pelo menos {{min}} caracteres.", en: "Use at least {{min}} characters." },
  "form.at_most_items": { "pt-BR": "Use no máximo {{max}} itens.", en: "Use at most {{max}} items." },
  "list.more": { "pt-BR": "{{first}}; {{rest}}", en: "{{first}}; {{rest}}" },
  "list.and_more": { "pt-BR": "{{first}}; e mais {{count}}", en: "{{first}}; and {{count}} more" },
  "definition.step_problem": { "pt-BR": 'passo "{{step}}"{{field}}: {{problem}}', en: 'step "{{step}}"{{field}}: {{problem}}' },
  "definition.field_problem": { "pt-BR": "{{path}}: {{problem}}", en: "{{path}}: {{problem}}" },
  "definition.parameters": { "pt-BR": "parâmetros", en: "parameters" },
  "definition.id_taken": {
    "pt-BR": 'o nome do passo "{{step}}" já é usado pelo passo {{position}}; escolha outro',
    en: 'the step name "{{step}}" is already used by step {{position}}; choose another',
  },
  "definition.unknown_connector": { "pt-BR": 'o conector "{{connector}}" não existe', en: 'the connector "{{connector}}" doesn\'t exist' },
  "definition.unknown_operation": {
    "pt-BR": 'a operação "{{operation}}" não existe no conector {{connector}}',
    en: 'the operation "{{operation}}" doesn\'t exist in the {{connector}} connector',
  },
  "definition.choose_connection": {
    "pt-BR": "escolha uma conexão {{connector}} para o passo em Propriedades",
    en: "choose a {{connector}} connection for the step in Properties",
  },
  "definition.connection_gone": {
    "pt-BR": "a conexão escolhida não existe mais; escolha outra em Propriedades",
    en: "the chosen connection no longer exists; choose another in Properties",
  },
  "definition.connection_other_connector": {
    "pt-BR": "a conexão escolhida não é do conector {{connector}}",
    en: "the chosen connection isn't a {{connector}} connection",
  },
  "definition.required": { "pt-BR": "preencha este campo", en: "fill in this field" },
  "definition.min_items": { "pt-BR": "adicione ao menos {{min}} itens", en: "add at least {{min}} items" },
  "definition.max_items": { "pt-BR": "use no máximo {{max}} itens", en: "use {{max}} items at most" },
  "definition.invalid_value": { "pt-BR": "valor inválido", en: "invalid value" },
  "definition.reads_itself": {
    "pt-BR": "a expressão usa o resultado do próprio passo (.steps.{{step}}); use um passo anterior",
    en: "the expression uses the step's own result (.steps.{{step}}); use an earlier step",
  },
  "definition.reads_unknown_step": {
    "pt-BR": 'a expressão usa .steps.{{step}}, mas nenhum passo anterior se chama "{{step}}"',
    en: 'the expression uses .steps.{{step}}, but no earlier step is called "{{step}}"',
  },
  "definition.edge_from_missing": { "pt-BR": 'a ligação parte de "{{step}}", que não existe', en: 'the link leaves "{{step}}", which doesn\'t exist' },
  "definition.edge_to_start": { "pt-BR": "nada pode ligar de volta ao Início", en: "nothing can link back to Start" },
  "definition.edge_to_missing": { "pt-BR": 'a ligação chega em "{{step}}", que não existe', en: 'the link reaches "{{step}}", which doesn\'t exist' },
  "definition.edge_to_itself": { "pt-BR": 'o passo "{{step}}" não pode ligar a si mesmo', en: 'the step "{{step}}" can\'t link to itself' },
  "definition.cycle": {
    "pt-BR": 'o passo "{{step}}" está num ciclo de ligações; remova uma ligação para que o fluxo tenha começo e fim',
    en: 'the step "{{step}}" is in a cycle of links; remove a link so the flow has a start and an end',
  },
  "definition.unlinked": {
    "pt-BR": 'o passo "{{step}}" não está ligado ao Início; ligue-o a um passo anterior',
    en: 'the step "{{step}}" isn\'t linked to Start; link it to an earlier step',
  },
  "definition.port_not_needed": {
    "pt-BR": 'a ligação de "{{source}}" para "{{target}}" diz a saída "{{port}}", mas "{{source}}" tem uma saída só; tire a saída da ligação',
    en: 'the link from "{{source}}" to "{{target}}" names the exit "{{port}}", but "{{source}}" has only one exit; take the exit off the link',
  },
  "definition.port_missing": {
    "pt-BR": 'a ligação de "{{source}}" para "{{target}}" precisa dizer por qual saída sai: {{ports}}',
    en: 'the link from "{{source}}" to "{{target}}" must say which exit it leaves by: {{ports}}',
  },
  "definition.port_unknown": {
    "pt-BR": 'a ligação de "{{source}}" para "{{target}}" sai por "{{port}}", que "{{source}}" não tem; use {{ports}}',
    en: 'the link from "{{source}}" to "{{target}}" leaves by "{{port}}", which "{{source}}" doesn\'t have; use {{ports}}',
  },
  "definition.outside_repeat": {
    "pt-BR": '"{{target}}" roda uma vez por item do passo "{{step}}" (saída "{{port}}"), mas também é ligado a partir de "{{source}}", fora dessa repetição; ligue-o só dentro dela ou à saída de fim',
    en: '"{{target}}" runs once per item of the step "{{step}}" (exit "{{port}}"), but is also linked from "{{source}}", outside that repetition; link it only inside it or to the done exit',
  },
} as const satisfies StepMessageTexts;
