/**
 * Every text an expression error is told with, by stable code, in each language the app speaks.
 * An ExpressionError keeps its pt-BR `message`, and the code and params that tell it in English too;
 * contracts adds these texts to the step-message catalog, so a step error that quotes an expression
 * failure (and the editor's preview) render it in the language chosen.
 */

/** A value shown as is, or another message rendered in the same language. */
export type MessageParam = string | number | MessageRef;
export interface MessageRef {
  code: string;
  params?: Record<string, MessageParam>;
}
/** One text per language; `{{name}}` is replaced by the param of that name. */
export type MessageTexts = Record<string, { "pt-BR": string; en: string }>;
export type MessageLanguage = "pt-BR" | "en";

const LIMIT_ADVICE_PT = "; use só a parte dos dados de que precisa (um caminho mais específico, index) em vez do valor inteiro";
const LIMIT_ADVICE_EN = "; use only the part of the data you need (a more specific path, index) instead of the whole value";

export const EXPRESSION_MESSAGES = {
  // Where: the position prefix of every positioned error.
  "expression.positioned": { "pt-BR": "{{position}}: {{reason}}", en: "{{position}}: {{reason}}" },
  "expression.column": { "pt-BR": "coluna {{column}}", en: "column {{column}}" },
  "expression.line_column": { "pt-BR": "linha {{line}}, coluna {{column}}", en: "line {{line}}, column {{column}}" },
  /** A count written with each language's digit grouping (10.000 / 10,000). */
  "expression.integer": { "pt-BR": "{{grouped_pt}}", en: "{{grouped_en}}" },

  // Words other messages are made of.
  "expression.kind.null": { "pt-BR": "nulo", en: "null" },
  "expression.kind.text": { "pt-BR": "texto", en: "text" },
  "expression.kind.number": { "pt-BR": "número", en: "number" },
  "expression.kind.boolean": { "pt-BR": "booleano", en: "boolean" },
  "expression.kind.list": { "pt-BR": "lista", en: "list" },
  "expression.kind.object": { "pt-BR": "objeto", en: "object" },
  "expression.token.end": { "pt-BR": "o fim do texto", en: "the end of the text" },
  "expression.token.string": { "pt-BR": "um texto", en: "a text" },
  "expression.token.number": { "pt-BR": "o número {{number}}", en: "the number {{number}}" },
  "expression.either": { "pt-BR": "{{first}} ou {{last}}", en: "{{first}} or {{last}}" },

  // Lexer.
  "expression.comment_unclosed": { "pt-BR": "comentário sem '*/' de fechamento", en: "comment without a closing '*/'" },
  "expression.close_after_comment": { "pt-BR": "esperava '}}' logo depois do comentário", en: "expected '}}' right after the comment" },
  "expression.trim_needs_space": {
    "pt-BR": "para remover os espaços depois da ação use ' -}}', com um espaço antes do '-'",
    en: "to remove the spaces after the action use ' -}}', with a space before the '-'",
  },
  "expression.expected_close": { "pt-BR": "esperava '}}'", en: "expected '}}'" },
  "expression.single_quotes": {
    "pt-BR": "textos usam aspas duplas (\"…\") ou crases (`…`), não aspas simples",
    en: "texts use double quotes (\"…\") or backquotes (`…`), not single quotes",
  },
  "expression.dot_digit": {
    "pt-BR": "depois de '.' esperava um nome de campo; para posições de lista ou chaves que começam com número use index, por exemplo: index .input.body.lista 0",
    en: "after '.' expected a field name; for list positions or keys that start with a digit use index, for example: index .input.body.list 0",
  },
  "expression.forbidden_name": { "pt-BR": 'o nome "{{name}}" não é permitido em expressões', en: 'the name "{{name}}" is not allowed in expressions' },
  "expression.field_after_dot": { "pt-BR": "esperava um nome de campo depois de '.'", en: "expected a field name after '.'" },
  "expression.variables": {
    "pt-BR": "variáveis ({{variable}}) não são suportadas; use '.' ou '$' para os dados",
    en: "variables ({{variable}}) are not supported; use '.' or '$' for the data",
  },
  "expression.number_after_sign": { "pt-BR": "esperava um número depois de '{{sign}}'", en: "expected a number after '{{sign}}'" },
  "expression.assignment": { "pt-BR": "atribuições (:= ou =) não são suportadas", en: "assignments (:= or =) are not supported" },
  "expression.stray_brace": {
    "pt-BR": "'{' inesperado; as ações começam com '{{' e terminam com '}}'",
    en: "unexpected '{'; actions start with '{{' and end with '}}'",
  },
  "expression.unexpected_char": { "pt-BR": "caractere inesperado {{char}}", en: "unexpected character {{char}}" },
  "expression.invalid_number": { "pt-BR": "número inválido: {{raw}}", en: "invalid number: {{raw}}" },
  "expression.number_out_of_range": { "pt-BR": "número fora do intervalo suportado: {{raw}}", en: "number outside the supported range: {{raw}}" },
  "expression.unterminated_string": { "pt-BR": 'texto sem aspas de fechamento (")', en: 'text without a closing quote (")' },
  "expression.escape_hex": {
    "pt-BR": "escape inválido: \\x precisa de 2 dígitos hexadecimais",
    en: "invalid escape: \\x needs 2 hexadecimal digits",
  },
  "expression.escape_octal": {
    "pt-BR": "escape inválido: octal precisa de 3 dígitos (\\000 a \\377)",
    en: "invalid escape: octal needs 3 digits (\\000 to \\377)",
  },
  "expression.escape_unicode_digits": {
    "pt-BR": "escape inválido: \\{{escape}} precisa de {{size}} dígitos hexadecimais",
    en: "invalid escape: \\{{escape}} needs {{size}} hexadecimal digits",
  },
  "expression.escape_unicode_invalid": {
    "pt-BR": "escape inválido: \\{{escape}}{{hex}} não é um caractere Unicode válido",
    en: "invalid escape: \\{{escape}}{{hex}} is not a valid Unicode character",
  },
  "expression.escape_unknown": { "pt-BR": "escape inválido '\\{{escape}}'", en: "invalid escape '\\{{escape}}'" },
  "expression.unterminated_raw": { "pt-BR": "texto sem crase (`) de fechamento", en: "text without a closing backquote (`)" },

  // Parser.
  "expression.too_long": {
    "pt-BR": "a expressão tem {{length}} caracteres; o máximo é {{max}}",
    en: "the expression has {{length}} characters; the maximum is {{max}}",
  },
  "expression.empty_action": {
    "pt-BR": "ação vazia: esperava uma expressão entre '{{' e '}}'",
    en: "empty action: expected an expression between '{{' and '}}'",
  },
  "expression.unmatched_rparen": { "pt-BR": "')' sem '(' correspondente", en: "')' without a matching '('" },
  "expression.expected_close_found": { "pt-BR": "esperava '}}', encontrou {{found}}", en: "expected '}}', found {{found}}" },
  "expression.function_after_pipe": {
    "pt-BR": "esperava o nome de uma função depois de '|', encontrou {{found}}",
    en: "expected a function name after '|', found {{found}}",
  },
  "expression.only_functions_after_pipe": {
    "pt-BR": "depois de '|' esperava o nome de uma função, encontrou {{found}}",
    en: "after '|' expected a function name, found {{found}}",
  },
  "expression.expected_expression": { "pt-BR": "esperava uma expressão, encontrou {{found}}", en: "expected an expression, found {{found}}" },
  "expression.not_a_function": {
    "pt-BR": "{{operand}} não é uma função e não recebe argumentos; esperava '|' ou '}}'",
    en: "{{operand}} is not a function and takes no arguments; expected '|' or '}}'",
  },
  "expression.control_structure": {
    "pt-BR": '"{{name}}" não é suportado: as expressões não têm estruturas de controle (if, range, with…); use funções como default, eq, and, or e not',
    en: '"{{name}}" is not supported: expressions have no control structures (if, range, with…); use functions such as default, eq, and, or and not',
  },
  "expression.nesting_too_deep": {
    "pt-BR": "parênteses aninhados demais: o máximo é {{max}} níveis",
    en: "parentheses nested too deeply: the maximum is {{max}} levels",
  },
  "expression.expected_rparen": { "pt-BR": "esperava ')' para fechar o '(' aberto na {{where}}", en: "expected ')' to close the '(' opened at {{where}}" },
  "expression.fields_of_literal": {
    "pt-BR": "não é possível ler campos de {{operand}}; use parênteses: ({{operand}})",
    en: "fields can't be read from {{operand}}; use parentheses: ({{operand}})",
  },
  "expression.unknown_function": {
    "pt-BR": 'função "{{name}}" não existe; as funções disponíveis são: {{available}}',
    en: 'function "{{name}}" doesn\'t exist; the functions available are: {{available}}',
  },
  "expression.unknown_function_suggest": {
    "pt-BR": 'função "{{name}}" não existe; você quis dizer {{suggestions}}?',
    en: 'function "{{name}}" doesn\'t exist; did you mean {{suggestions}}?',
  },
  "expression.arity": { "pt-BR": "{{name}} espera {{expected}}, recebeu {{got}}", en: "{{name}} takes {{expected}}, got {{got}}" },
  "expression.arity_piped": {
    "pt-BR": "{{name}} espera {{expected}}, recebeu {{got}} (contando o valor recebido pelo '|')",
    en: "{{name}} takes {{expected}}, got {{got}} (counting the value received through '|')",
  },
  "expression.arity_as_argument": {
    "pt-BR": "{{arity}}; para usar uma função como argumento, coloque-a entre parênteses: ({{name}} …)",
    en: "{{arity}}; to use a function as an argument, put it in parentheses: ({{name}} …)",
  },
  "expression.args.none": { "pt-BR": "nenhum argumento", en: "no arguments" },
  "expression.args.one": { "pt-BR": "1 argumento", en: "1 argument" },
  "expression.args.exactly": { "pt-BR": "{{count}} argumentos", en: "{{count}} arguments" },
  "expression.args.at_least_one": { "pt-BR": "pelo menos 1 argumento", en: "at least 1 argument" },
  "expression.args.at_least": { "pt-BR": "pelo menos {{count}} argumentos", en: "at least {{count}} arguments" },
  "expression.args.between": { "pt-BR": "de {{min}} a {{max}} argumentos", en: "{{min}} to {{max}} arguments" },

  // Autocomplete: what each offered path is.
  "expression.hint.input": { "pt-BR": "entrada do gatilho", en: "the trigger's input" },
  "expression.hint.input_body": { "pt-BR": "corpo da entrada", en: "the input's body" },
  "expression.hint.input_headers": { "pt-BR": "cabeçalhos da entrada", en: "the input's headers" },
  "expression.hint.input_query": { "pt-BR": "parâmetros de consulta da entrada", en: "the input's query parameters" },
  "expression.hint.steps": { "pt-BR": "resultados dos passos anteriores", en: "the results of earlier steps" },
  "expression.hint.step": { "pt-BR": "resultado do passo {{step}}", en: "the result of step {{step}}" },
  "expression.hint.status": { "pt-BR": "código de status HTTP (número)", en: "HTTP status code (number)" },
  "expression.hint.response_headers": { "pt-BR": "cabeçalhos da resposta", en: "the response's headers" },
  "expression.hint.response_body": { "pt-BR": "corpo da resposta", en: "the response's body" },
  "expression.hint.response": { "pt-BR": "a resposta em leitura", en: "the response being read" },

  // Evaluation.
  "expression.missing": { "pt-BR": "{{label}} não existe", en: "{{label}} doesn't exist" },
  "expression.missing_under": { "pt-BR": "{{label}} não existe ({{where}} não existe)", en: "{{label}} doesn't exist ({{where}} doesn't exist)" },
  "expression.missing_because": { "pt-BR": "{{label}} não existe ({{where}} {{because}})", en: "{{label}} doesn't exist ({{where}} {{because}})" },
  "expression.is_null": { "pt-BR": "é nulo", en: "is null" },
  "expression.is_text": { "pt-BR": "é um texto, não um objeto", en: "is a text, not an object" },
  "expression.is_number": { "pt-BR": "é um número, não um objeto", en: "is a number, not an object" },
  "expression.is_boolean": { "pt-BR": "é um booleano, não um objeto", en: "is a boolean, not an object" },
  "expression.is_list": {
    "pt-BR": "é uma lista; para posições use index, por exemplo: index LISTA 0",
    en: "is a list; for positions use index, for example: index LIST 0",
  },
  "expression.is_other": { "pt-BR": "é {{kind}}, não um objeto", en: "is {{kind}}, not an object" },
  "expression.has_one_item": { "pt-BR": "tem 1 item", en: "has 1 item" },
  "expression.has_items": { "pt-BR": "tem {{count}} itens", en: "has {{count}} items" },
  "expression.step_limit": {
    "pt-BR": "a avaliação passou do limite de {{max}} passos",
    en: "the evaluation went over the limit of {{max}} steps",
  },
  "expression.output_limit": {
    "pt-BR": `o resultado passou do limite de {{max}} bytes${LIMIT_ADVICE_PT}`,
    en: `the result went over the limit of {{max}} bytes${LIMIT_ADVICE_EN}`,
  },
  "expression.built_limit": {
    "pt-BR": `as expressões deste valor construíram mais de {{max}} bytes no total${LIMIT_ADVICE_PT}`,
    en: `the expressions of this value built more than {{max}} bytes in all${LIMIT_ADVICE_EN}`,
  },
  "expression.not_renderable": { "pt-BR": "o valor não pode ser mostrado como texto", en: "the value can't be shown as text" },
  "expression.expected_any_expression": { "pt-BR": "esperava uma expressão", en: "expected an expression" },
  "expression.only_functions_after_pipe_here": {
    "pt-BR": "depois de '|' esperava o nome de uma função",
    en: "after '|' expected a function name",
  },
  "expression.call_too_deep": { "pt-BR": "{{name}}: valor aninhado demais", en: "{{name}}: value nested too deeply" },
  "expression.call_failed": { "pt-BR": "{{name}}: não foi possível processar o valor", en: "{{name}}: the value couldn't be processed" },
  "expression.value_too_deep": {
    "pt-BR": "valor aninhado demais: o máximo é {{max}} níveis",
    en: "value nested too deeply: the maximum is {{max}} levels",
  },

  // Functions.
  "expression.expected_text": { "pt-BR": "{{name}}: esperava texto, recebeu {{got}}", en: "{{name}}: expected text, got {{got}}" },
  "expression.cannot_compare": {
    "pt-BR": "{{name}}: não é possível comparar {{a}} com {{b}}",
    en: "{{name}}: {{a}} can't be compared with {{b}}",
  },
  "expression.index_key_kind": {
    "pt-BR": "index: a chave deve ser texto ou número, recebeu {{got}}",
    en: "index: the key must be text or a number, got {{got}}",
  },
  "expression.index_object_key": {
    "pt-BR": 'index: a chave de um objeto deve ser texto; use "{{key}}"',
    en: 'index: an object\'s key must be text; use "{{key}}"',
  },
  "expression.index_list_position": {
    "pt-BR": "index: a posição de uma lista deve ser um número inteiro, recebeu {{key}}",
    en: "index: a list position must be a whole number, got {{key}}",
  },
  "expression.to_json_failed": {
    "pt-BR": "toJson: não foi possível converter o valor em JSON",
    en: "toJson: the value couldn't be converted to JSON",
  },
  "expression.url_path_expected": { "pt-BR": "urlPath: esperava texto ou número, recebeu {{got}}", en: "urlPath: expected text or a number, got {{got}}" },
  "expression.url_path_dots": {
    "pt-BR": 'urlPath: o caminho tem a parte "{{segment}}", que muda de nível; tire as partes "." e ".."',
    en: 'urlPath: the path has the part "{{segment}}", which changes level; take out the "." and ".." parts',
  },
  "expression.url_dot_segment": {
    "pt-BR": 'com este valor o caminho da URL teria a parte "{{segment}}", que muda de nível; um valor no caminho não pode formar "." nem ".."',
    en: 'with this value the URL\'s path would have the part "{{segment}}", which changes level; a value in the path can\'t make "." or ".."',
  },
  "expression.from_json_invalid": { "pt-BR": "fromJson: o texto não é um JSON válido", en: "fromJson: the text is not valid JSON" },
  "expression.b64_invalid": { "pt-BR": "b64dec: o texto não é base64 válido", en: "b64dec: the text is not valid base64" },
  "expression.b64_not_utf8": {
    "pt-BR": "b64dec: o conteúdo decodificado não é texto UTF-8",
    en: "b64dec: the decoded content is not UTF-8 text",
  },
  "expression.join_expected_list": { "pt-BR": "join: esperava uma lista, recebeu {{got}}", en: "join: expected a list, got {{got}}" },
  "expression.len_expected": {
    "pt-BR": "len: esperava texto, lista ou objeto, recebeu {{got}}",
    en: "len: expected text, a list or an object, got {{got}}",
  },
  "expression.now_invalid": { "pt-BR": "now: o relógio devolveu uma data inválida", en: "now: the clock returned an invalid date" },
} as const satisfies MessageTexts;

export type ExpressionMessageCode = keyof typeof EXPRESSION_MESSAGES;

/** A message of this catalog with its params (a param may be another message of it). */
export interface ExpressionMessage extends MessageRef {
  code: ExpressionMessageCode;
}

export function message(code: ExpressionMessageCode, params?: Record<string, MessageParam>): ExpressionMessage {
  return params ? { code, params } : { code };
}

/**
 * A text's `{{name}}` placeholders filled with its params: strings and numbers as they are, a nested
 * `{ code, params }` by `nested` (in the same language). The one template filler of the app: step
 * messages and server problems use it too (through contracts).
 */
export function fillTemplate(template: string, params: Record<string, MessageParam> | undefined, nested: (ref: MessageRef) => string | undefined): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) return "";
    if (typeof value === "object") return nested(value) ?? "";
    return String(value);
  });
}

function isExpressionMessageCode(code: string): code is ExpressionMessageCode {
  return Object.hasOwn(EXPRESSION_MESSAGES, code);
}

/** A param as text in `language`: a nested message rendered, anything else as it is. */
export function renderMessageParam(param: MessageParam, language: MessageLanguage): string {
  return typeof param === "object" ? renderExpressionMessage(param, language) : String(param);
}

/** The text of an expression message in `language` (nested messages of this catalog included). */
export function renderExpressionMessage(ref: MessageRef, language: MessageLanguage): string {
  if (!isExpressionMessageCode(ref.code)) return "";
  return fillTemplate(EXPRESSION_MESSAGES[ref.code][language], ref.params, (nested) => renderExpressionMessage(nested, language));
}
