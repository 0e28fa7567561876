import type { CatalogLanguage } from "@fluxo/connectors";
import { fillTemplate, renderStepMessage, type StepMessageParam } from "@fluxo/contracts";

/**
 * The details of the problems a route answers for its own reasons (a flow not published, an
 * invitation for someone else…), by stable code, in each language the API answers in; the shared
 * ones (a body that doesn't fit, an unknown route) are in problem-messages.ts. `{{name}}` takes the
 * param of that name; a param `{ code }` is another text of this catalog (`thing.*`: what wasn't found).
 */
export const ROUTE_PROBLEMS = {
  "as_is": { "pt-BR": "{{text}}", en: "{{text}}" },
  "validation.first_problems": {
    "pt-BR": "{{detail}} (os primeiros {{shown}} problemas de {{total}}; corrija-os e envie de novo para ver os outros {{more}})",
    en: "{{detail}} (the first {{shown}} problems of {{total}}; fix them and send again to see the other {{more}})",
  },
  "not_found": { "pt-BR": "{{thing}} {{id}} não existe", en: "{{thing}} {{id}} doesn't exist" },
  "thing.workspace": { "pt-BR": "o workspace", en: "the workspace" },
  "thing.invite": { "pt-BR": "o convite", en: "the invitation" },
  "thing.api_key": { "pt-BR": "a chave de API", en: "the API key" },
  "thing.member": { "pt-BR": "o membro", en: "the member" },
  "thing.flow": { "pt-BR": "o fluxo", en: "the flow" },
  "thing.flow_version": { "pt-BR": "a versão {{number}} do fluxo", en: "version {{number}} of the flow" },
  "thing.draft_step": { "pt-BR": 'o passo "{{step}}" no rascunho do fluxo', en: 'the step "{{step}}" in the draft of the flow' },
  "thing.execution": { "pt-BR": "a execução", en: "the execution" },
  "thing.step_token": { "pt-BR": 'o token do passo "{{step}}" na execução', en: 'the token of the step "{{step}}" in the execution' },
  "thing.connection": { "pt-BR": "a conexão", en: "the connection" },

  "auth.sign_in": { "pt-BR": "entre com seu e-mail e senha (ou envie Authorization: Bearer <chave de API>)", en: "sign in with your e-mail and password (or send Authorization: Bearer <API key>)" },
  "auth.wrong_password": { "pt-BR": "e-mail ou senha incorretos", en: "wrong e-mail or password" },
  "auth.login_limit_unavailable": {
    "pt-BR": "o limite de tentativas de login não pode ser verificado agora (Redis indisponível); tente novamente em 5 s",
    en: "the login attempt limit can't be checked now (Redis unavailable); try again in 5 s",
  },
  "auth.too_many_logins": { "pt-BR": "muitas tentativas de login; tente novamente em {{wait}} s", en: "too many login attempts; try again in {{wait}} s" },
  "auth.owner_exists": {
    "pt-BR": "a instalação já tem um proprietário; entre com sua conta (POST /api/auth/login)",
    en: "this installation already has an owner; sign in with your account (POST /api/auth/login)",
  },
  "auth.key_one_workspace": { "pt-BR": "uma chave de API pertence a um só workspace", en: "an API key belongs to one workspace only" },
  "auth.already_member": { "pt-BR": "{{email}} já é membro deste workspace", en: "{{email}} is already a member of this workspace" },
  "auth.sign_in_to_accept": { "pt-BR": "entre com a sua conta para aceitar o convite", en: "sign in with your account to accept the invitation" },
  "auth.invite_for_other": {
    "pt-BR": "este convite é para {{email}}; saia e entre com essa conta para aceitá-lo",
    en: "this invitation is for {{email}}; sign out and sign in with that account to accept it",
  },
  "auth.account_exists": {
    "pt-BR": "já existe uma conta para {{email}}; entre com ela para aceitar o convite (POST /api/auth/invite/join)",
    en: "there already is an account for {{email}}; sign in with it to accept the invitation (POST /api/auth/invite/join)",
  },
  "auth.owner_role_by_owner": { "pt-BR": "só um proprietário pode dar ou tirar o papel de proprietário", en: "only an owner can give or take the owner role" },
  "auth.last_owner": {
    "pt-BR": "o workspace precisa de ao menos um proprietário; promova outro membro antes",
    en: "the workspace needs at least one owner; promote another member first",
  },
  "auth.invite_gone": {
    "pt-BR": "este convite não vale mais (já foi usado, expirou ou foi cancelado); peça um novo a quem convidou",
    en: "this invitation is no longer valid (used, expired or cancelled); ask whoever invited you for a new one",
  },
  "auth.key_invalid": {
    "pt-BR": "a chave de API não vale (revogada ou desconhecida); crie outra em Configurações → Chaves de API",
    en: "the API key isn't valid (revoked or unknown); create another in Settings → API keys",
  },
  "auth.key_cannot_schedule": {
    "pt-BR": "uma chave de API não agenda fluxos (um agendamento roda sem ninguém por trás); entre com uma conta de papel membro ou acima",
    en: "an API key doesn't schedule flows (a schedule runs with no one behind it); sign in with an account of role member or above",
  },
  "auth.key_only_runs": {
    "pt-BR": "uma chave de API só dispara fluxos e lê execuções; para o resto, entre com uma conta",
    en: "an API key only triggers flows and reads executions; for the rest, sign in with an account",
  },
  "auth.role_cannot": { "pt-BR": "seu papel ({{role}}) não permite {{needs}}; peça a um administrador", en: "your role ({{role}}) doesn't allow {{needs}}; ask an administrator" },
  "role.owner": { "pt-BR": "proprietário", en: "owner" },
  "role.admin": { "pt-BR": "administrador", en: "administrator" },
  "role.member": { "pt-BR": "membro", en: "member" },
  "role.viewer": { "pt-BR": "leitor", en: "viewer" },
  "permission.read": { "pt-BR": "ler", en: "reading" },
  "permission.read-executions": { "pt-BR": "ver execuções", en: "seeing executions" },
  "permission.edit-flows": { "pt-BR": "editar fluxos (papel membro ou acima)", en: "editing flows (role member or above)" },
  "permission.run-flows": { "pt-BR": "executar fluxos (papel membro ou acima)", en: "running flows (role member or above)" },
  "permission.schedule-flows": { "pt-BR": "agendar fluxos (papel membro ou acima)", en: "scheduling flows (role member or above)" },
  "permission.reveal-tokens": { "pt-BR": "ver tokens de acesso (papel membro ou acima)", en: "seeing access tokens (role member or above)" },
  "permission.manage-connections": { "pt-BR": "gerenciar conexões (papel administrador ou proprietário)", en: "managing connections (role administrator or owner)" },
  "permission.manage-workspace": { "pt-BR": "gerenciar membros e chaves (papel administrador ou proprietário)", en: "managing members and keys (role administrator or owner)" },
  "permission.account": { "pt-BR": "mudar de workspace", en: "switching workspaces" },
  "auth.cross_origin": {
    "pt-BR": "requisição de outra origem recusada (proteção CSRF); use o Fluxo pela própria página dele",
    en: "request from another origin refused (CSRF protection); use Fluxo from its own page",
  },

  "flow.saved_elsewhere": {
    "pt-BR": "o fluxo foi salvo em outro lugar{{by}} depois que você o abriu; recarregue para ver o rascunho atual",
    en: "the flow was saved elsewhere{{by}} after you opened it; reload to see the current draft",
  },
  "flow.saved_by": { "pt-BR": " por {{name}}", en: " by {{name}}" },
  "flow.nothing_saved": { "pt-BR": "Nada foi salvo: {{problems}}.", en: "Nothing was saved: {{problems}}." },
  "flow.not_runnable": {
    "pt-BR": "Não é possível {{doing}}: o rascunho tem {{count}} — {{problems}}. Corrija no editor (o rascunho é salvo mesmo incompleto) e tente de novo.",
    en: "Can't {{doing}}: the draft has {{count}} — {{problems}}. Fix it in the editor (the draft saves even unfinished) and try again.",
  },
  "flow.one_problem": { "pt-BR": "1 problema", en: "1 problem" },
  "flow.problems": { "pt-BR": "{{count}} problemas", en: "{{count}} problems" },
  "doing.run": { "pt-BR": "executar", en: "run" },
  "doing.publish": { "pt-BR": "publicar", en: "publish" },
  "doing.test_step": { "pt-BR": 'testar o passo "{{step}}"', en: 'test the step "{{step}}"' },
  "flow.slug_taken": {
    "pt-BR": 'o endereço "{{slug}}" já é usado pelo fluxo "{{flow}}" deste workspace; escolha outro',
    en: 'the address "{{slug}}" is already used by the flow "{{flow}}" of this workspace; choose another',
  },
  "flow.slug_taken_other": {
    "pt-BR": 'o endereço "{{slug}}" já é usado por outro fluxo deste workspace; escolha outro',
    en: 'the address "{{slug}}" is already used by another flow of this workspace; choose another',
  },
  "flow.published_meanwhile": {
    "pt-BR": "outra pessoa publicou a versão {{number}} deste fluxo agora mesmo; recarregue e confira antes de publicar",
    en: "someone else published version {{number}} of this flow just now; reload and check before publishing",
  },
  "flow.import_missing_connections": {
    "pt-BR": "o arquivo referencia {{count}} conexão(ões) que não há neste workspace; nada foi importado",
    en: "the file refers to {{count}} connection(s) this workspace doesn't have; nothing was imported",
  },
  "flow.changed_while_triggered": { "pt-BR": "o fluxo foi alterado enquanto era disparado; dispare de novo", en: "the flow changed while it was being triggered; trigger it again" },
  "flow.no_such_slug": {
    "pt-BR": 'nenhum fluxo deste workspace tem o endereço "{{slug}}"; confira o slug na página do fluxo',
    en: 'no flow of this workspace has the address "{{slug}}"; check the slug on the flow\'s page',
  },
  "flow.not_published": {
    "pt-BR": 'o fluxo "{{name}}" ainda não foi publicado; abra-o no editor e clique em Publicar',
    en: 'the flow "{{name}}" hasn\'t been published yet; open it in the editor and click Publish',
  },

  "schedule.not_published": {
    "pt-BR": 'o fluxo "{{name}}" ainda não foi publicado: o Agendador roda a versão publicada; publique-o e agende de novo',
    en: 'the flow "{{name}}" hasn\'t been published yet: the Scheduler runs the published version; publish it and schedule again',
  },
  "schedule.none": {
    "pt-BR": "o fluxo não tem agendamento; crie um com PUT /api/flows/{id}/schedule",
    en: "the flow has no schedule; create one with PUT /api/flows/{id}/schedule",
  },

  "execution.no_failed_step": {
    "pt-BR": 'a execução {{id}} não tem passo com falha (terminou como {{status}}); não há de onde continuar: use "from": "start" para executá-la de novo do início',
    en: 'the execution {{id}} has no failed step (it ended {{status}}); there is nowhere to continue from: use "from": "start" to run it again from the start',
  },
  "status.succeeded": { "pt-BR": "sucesso", en: "successfully" },
  "status.diverged": { "pt-BR": "divergência", en: "diverged" },
  "status.interrupted": { "pt-BR": "interrompida", en: "interrupted" },
  "status.failed": { "pt-BR": "falha", en: "failed" },
  "execution.flow_changed": { "pt-BR": "o fluxo foi alterado enquanto a execução era refeita; tente de novo", en: "the flow changed while the execution was being redone; try again" },
  "execution.still_running": {
    "pt-BR": "a execução {{id}} ainda está em andamento; espere ela terminar para executá-la de novo",
    en: "the execution {{id}} is still running; wait for it to end before running it again",
  },
  "execution.sync_timeout": {
    "pt-BR": "a execução {{id}} não terminou em {{limit}} ms; ela continua e pode ser consultada em GET /api/executions/{{id}}",
    en: "the execution {{id}} didn't end within {{limit}} ms; it goes on and can be read at GET /api/executions/{{id}}",
  },
  "idempotency.bad_key": {
    "pt-BR": "o cabeçalho {{header}} deve ter de 1 a 255 caracteres ASCII visíveis (sem espaços); use, por exemplo, um UUID por requisição lógica",
    en: "the {{header}} header must have 1 to 255 visible ASCII characters (no spaces); use, for example, one UUID per logical request",
  },
  "idempotency.just_deleted": {
    "pt-BR": 'a execução da {{header}} "{{key}}" acabou de ser apagada; envie de novo',
    en: 'the execution of the {{header}} "{{key}}" was just deleted; send again',
  },
  "idempotency.reused": {
    "pt-BR": 'a {{header}} "{{key}}" já foi usada nas últimas {{hours}} h com outra requisição (outro fluxo ou outro corpo); use uma chave nova para uma requisição nova',
    en: 'the {{header}} "{{key}}" was already used in the last {{hours}} h with another request (another flow or body); use a new key for a new request',
  },
  "idempotency.starting": {
    "pt-BR": 'uma requisição com a {{header}} "{{key}}" ainda está começando sua execução; tente de novo em alguns segundos',
    en: 'a request with the {{header}} "{{key}}" is still starting its execution; try again in a few seconds',
  },

  "connection.in_use": {
    "pt-BR": "a conexão é usada pelos fluxos {{names}}; confirme para excluir mesmo assim (?force=true)",
    en: "the connection is used by the flows {{names}}; confirm to delete it anyway (?force=true)",
  },
  "connection.address_refused": { "pt-BR": "o Fluxo não pode chamar o endereço informado: {{problems}}", en: "Fluxo can't call the address given: {{problems}}" },
  "connection.unknown_connector": { "pt-BR": "conector desconhecido", en: "unknown connector" },
  "connection.invalid_fields": { "pt-BR": "a conexão tem campos inválidos; corrija-os e salve de novo", en: "the connection has invalid fields; fix them and save again" },
  "oauth.person_only": {
    "pt-BR": "só uma pessoa conectada pode conectar uma conta do BTG (o consentimento é dela)",
    en: "only a signed-in person can connect a BTG account (the consent is theirs)",
  },
  "oauth.not_authorization_code": { "pt-BR": "a conexão não usa Authorization Code", en: "the connection doesn't use Authorization Code" },
  "oauth.incomplete": { "pt-BR": "a conexão está incompleta; corrija-a e salve antes de conectar", en: "the connection is incomplete; fix it and save before connecting" },

  "body.not_utf8": { "pt-BR": "o corpo não é UTF-8 válido; envie o JSON codificado em UTF-8", en: "the body isn't valid UTF-8; send the JSON encoded in UTF-8" },
  "body.prototype_key": {
    "pt-BR": "o corpo usa uma chave proibida (__proto__, constructor ou prototype); remova-a",
    en: "the body uses a forbidden key (__proto__, constructor or prototype); remove it",
  },
  "body.too_deep": { "pt-BR": "o corpo aninha objetos e listas em mais de {{max}} níveis; simplifique-o", en: "the body nests objects and lists more than {{max}} levels deep; simplify it" },

  "body.unstorable_at": { "pt-BR": "{{path}}: {{reason}}", en: "{{path}}: {{reason}}" },
  "body.unstorable": {
    "pt-BR": "o texto tem {{what}} na posição {{position}}, que não pode ser guardado; remova-o ou envie o texto em UTF-8 válido",
    en: "the text has {{what}} at position {{position}}, which can't be stored; remove it or send the text in valid UTF-8",
  },
  "body.nul": { "pt-BR": "o caractere NUL (\\u0000)", en: "the NUL character (\\u0000)" },
  "body.half_character": { "pt-BR": "metade de um caractere (\\u{{code}} sem o seu par)", en: "half a character (\\u{{code}} without its pair)" },

  "gateway.bad_return_step": { "pt-BR": "return_step não é um id de passo válido (ex.: credentials)", en: "return_step isn't a valid step id (e.g. credentials)" },
  "gateway.no_such_step": {
    "pt-BR": 'a versão publicada não tem o passo "{{step}}"; use um destes em return_step: {{steps}}',
    en: 'the published version has no step "{{step}}"; use one of these in return_step: {{steps}}',
  },
  "gateway.methods": { "pt-BR": "o gateway aceita {{methods}}", en: "the gateway accepts {{methods}}" },
  "gateway.send_key": { "pt-BR": "envie uma chave de API: Authorization: Bearer <chave> (ou ?key=<chave>)", en: "send an API key: Authorization: Bearer <key> (or ?key=<key>)" },
  "gateway.rate_limited": {
    "pt-BR": "esta chave passou do limite de chamadas por minuto ao gateway (FLUXO_GATEWAY_RATE_LIMIT); tente de novo em {{wait}} s",
    en: "this key went over the gateway's calls-per-minute limit (FLUXO_GATEWAY_RATE_LIMIT); try again in {{wait}} s",
  },
  "gateway.body_too_large": {
    "pt-BR": "o corpo passa do limite do gateway de {{limit}} bytes (FLUXO_GATEWAY_BODY_LIMIT); envie menos dados",
    en: "the body is over the gateway's {{limit}} bytes limit (FLUXO_GATEWAY_BODY_LIMIT); send less data",
  },
  "gateway.bad_json": {
    "pt-BR": "o corpo diz ser JSON mas não é JSON válido; confira aspas, vírgulas e chaves",
    en: "the body says it is JSON but isn't valid JSON; check quotes, commas and braces",
  },
  "gateway.media_type": {
    "pt-BR": "o gateway aceita JSON, formulário (application/x-www-form-urlencoded) ou texto UTF-8; este corpo não é nenhum deles",
    en: "the gateway accepts JSON, a form (application/x-www-form-urlencoded) or UTF-8 text; this body is none of them",
  },
  "redis.unavailable": { "pt-BR": "{{what}}: tente de novo em {{wait}} s", en: "{{what}}: try again in {{wait}} s" },
  "redis.scheduler_saved": {
    "pt-BR": "o Agendador (Redis) não respondeu; o agendamento foi salvo mas pode não valer até que ele volte",
    en: "the Scheduler (Redis) didn't answer; the schedule was saved but may not hold until it is back",
  },
  "redis.scheduler_unchanged": { "pt-BR": "o Agendador (Redis) não responde; o agendamento não foi alterado", en: "the Scheduler (Redis) isn't answering; the schedule wasn't changed" },
  "redis.queue": { "pt-BR": "a fila de execuções (Redis) não responde; nada foi executado", en: "the execution queue (Redis) isn't answering; nothing was run" },
  "health.down_one": {
    "pt-BR": "{{dependency}} não responde; as execuções voltam a ser aceitas quando ele voltar",
    en: "{{dependency}} isn't answering; executions are accepted again when it is back",
  },
  "health.down_both": {
    "pt-BR": "{{first}} e {{second}} não responde; as execuções voltam a ser aceitas quando eles voltarem",
    en: "{{first}} and {{second}} aren't answering; executions are accepted again when they are back",
  },
  "dependency.database": { "pt-BR": "o PostgreSQL", en: "PostgreSQL" },
  "dependency.redis": { "pt-BR": "o Redis (REDIS_URL)", en: "Redis (REDIS_URL)" },
  "field.slug_taken": { "pt-BR": "Já é usado por outro fluxo deste workspace; escolha outro.", en: "Already used by another flow of this workspace; choose another." },
  "field.no_such_step": { "pt-BR": "A versão publicada não tem esse passo.", en: "The published version has no such step." },
  "field.unknown_connector": { "pt-BR": 'o conector "{{connector}}" não existe; use um de GET /api/connectors', en: 'the connector "{{connector}}" doesn\'t exist; use one of GET /api/connectors' },
  "field.unknown_connection_field": { "pt-BR": 'o conector {{connector}} não tem o campo "{{field}}"', en: 'the {{connector}} connector has no field "{{field}}"' },
  "field.choose_authorization_code": {
    "pt-BR": 'Escolha a Autenticação "Authorization Code (conta do cliente)" e salve a conexão antes de conectar.',
    en: 'Choose the Authentication "Authorization Code (the customer\'s account)" and save the connection before connecting.',
  },
  "field.idempotency_key": { "pt-BR": "De 1 a 255 caracteres ASCII visíveis.", en: "1 to 255 visible ASCII characters." },
  "query.invalid_fields": { "pt-BR": "a consulta tem campos inválidos; corrija-os e envie de novo", en: "the query has invalid fields; fix them and send it again" },
} as const satisfies Record<string, Record<CatalogLanguage, string>>;

export type RouteProblemCode = keyof typeof ROUTE_PROBLEMS;

/** A route problem's detail: which text, with which params. */
export interface ProblemText {
  code: RouteProblemCode;
  params?: Record<string, StepMessageParam>;
}

/** `problem("flow.not_published", { name })`: the detail a route's ProblemError is told with. */
export function problem(code: RouteProblemCode, params?: Record<string, StepMessageParam>): ProblemText {
  return params ? { code, params } : { code };
}

/** A problem's text in `language`; a code of the step-message catalog (a flow's problems, told by the engine) is told by it. */
export function renderProblem(text: { code: string; params?: Record<string, StepMessageParam> }, language: CatalogLanguage): string {
  if (!Object.hasOwn(ROUTE_PROBLEMS, text.code)) return renderStepMessage(text.code, text.params, language) ?? "";
  return endSentencesOnce(ROUTE_PROBLEMS[text.code as RouteProblemCode][language], (template) => fillTemplate(template, text.params, (nested) => renderProblem(nested, language)));
}

/** How a sentence a param brings may end: the template's own period after it would be a second one. */
const SENTENCE_END = /[.!?…]$/;

/**
 * Fills `template` with `fill`, dropping the period the template puts after a param whose text
 * already ends its sentence: "{{problems}}. Corrija…" with a field's "Use de 0 a 300000 ms (5
 * minutos)." reads "…(5 minutos). Corrija…", not "…(5 minutos).. Corrija…". Only the template's
 * own punctuation goes: a param's words stay as they are.
 */
function endSentencesOnce(template: string, fill: (template: string) => string): string {
  return template
    .split(/(\{\{\w+\}\}\.)/)
    .map((part) => {
      if (!/^\{\{\w+\}\}\.$/.test(part)) return fill(part);
      const value = fill(part.slice(0, -1));
      return SENTENCE_END.test(value.trimEnd()) ? value.trimEnd() : `${value}.`;
    })
    .join("");
}
