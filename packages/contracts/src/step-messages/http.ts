import type { StepMessageTexts } from "./texts.js";

/**
 * HTTP requests (the HTTP connector and BTG-ID's Chamar API). `service` is a nested
 * `http.service.*`; `said` is ": <the service's own words>" or empty and `codeSuffix`
 * " (<its error code>)" or empty: what the service sent stays as sent.
 */
export const HTTP_MESSAGES = {
  "http.service.server": { "pt-BR": "O servidor", en: "The server" },
  "http.service.btg_api": { "pt-BR": "A API do BTG", en: "BTG's API" },
  "http.status": {
    "pt-BR": "{{service}} respondeu {{status}}{{codeSuffix}}{{said}}. {{advice}}",
    en: "{{service}} answered {{status}}{{codeSuffix}}{{said}}. {{advice}}",
  },
  "http.advice.unauthorized": {
    "pt-BR": "A credencial foi recusada: confira a autenticação da conexão (ou o token do passo anterior).",
    en: "The credential was refused: check the connection's authentication (or the previous step's token).",
  },
  "http.advice.insufficient_scope": {
    "pt-BR": "O token não dá acesso a este recurso: peça-o com o escopo ou os Authorization Details que cobrem este caminho.",
    en: "The token gives no access to this resource: ask for it with the scope or the Authorization Details that cover this path.",
  },
  "http.advice.forbidden": { "pt-BR": "A credencial não dá acesso a este recurso.", en: "The credential gives no access to this resource." },
  "http.advice.not_found": { "pt-BR": "Confira a URL (ou o caminho) e os identificadores nela.", en: "Check the URL (or the path) and the identifiers in it." },
  "http.advice.method": { "pt-BR": "Confira o Método.", en: "Check the Method." },
  "http.advice.conflict": {
    "pt-BR": "O pedido conflita com o estado do recurso (por exemplo, a mesma chave de idempotência com outro corpo).",
    en: "The request conflicts with the resource's state (for example, the same idempotency key with another body).",
  },
  "http.advice.too_large": { "pt-BR": "O corpo enviado é grande demais para o serviço.", en: "The body sent is too large for the service." },
  "http.advice.media_type": { "pt-BR": "Confira o Tipo do corpo.", en: "Check the Body type." },
  "http.advice.rate_limited": { "pt-BR": "O serviço limitou os pedidos: aguarde e tente de novo.", en: "The service limited the requests: wait and try again." },
  "http.advice.service_trouble": { "pt-BR": "O serviço está com problemas: tente de novo em alguns minutos.", en: "The service is having trouble: try again in a few minutes." },
  "http.advice.check_parameters": { "pt-BR": "Confira os parâmetros do passo.", en: "Check the step's parameters." },
  "http.advice.timeout": { "pt-BR": "Tente de novo ou aumente o Tempo limite (ms) em Avançado.", en: "Try again or raise the Timeout (ms) under Advanced." },
  "http.advice.outbound_refused": {
    "pt-BR": "Use um endereço público, ou peça ao administrador que o libere (FLUXO_OUTBOUND_ALLOWLIST).",
    en: "Use a public address, or ask the administrator to allow it (FLUXO_OUTBOUND_ALLOWLIST).",
  },
  "http.advice.ask_less": { "pt-BR": "Peça menos dados (filtros, paginação) ou aumente o limite.", en: "Ask for less data (filters, pagination) or raise the limit." },
  "http.advice.service_down": { "pt-BR": "Confira a URL e se o serviço está no ar; depois tente de novo.", en: "Check the URL and whether the service is up; then try again." },
  "http.timeout": {
    "pt-BR": "{{service}} ({{host}}) não respondeu em {{limit}} ms. {{advice}}",
    en: "{{service}} ({{host}}) didn't answer within {{limit}} ms. {{advice}}",
  },
  "http.refused": {
    "pt-BR": "O Fluxo não chama {{host}}: {{reason}}. {{advice}}",
    en: "Fluxo doesn't call {{host}}: {{reason}}. {{advice}}",
  },
  "http.response_too_large": {
    "pt-BR": "A resposta de {{host}} passou do limite de {{limit}} e não foi lida (FLUXO_HTTP_RESPONSE_LIMIT). {{advice}}",
    en: "The answer from {{host}} went over the {{limit}} limit and wasn't read (FLUXO_HTTP_RESPONSE_LIMIT). {{advice}}",
  },
  "http.unreadable": { "pt-BR": "A resposta de {{host}} não pôde ser lida.", en: "The answer from {{host}} couldn't be read." },
  "http.network": {
    "pt-BR": "{{reason}}{{codeSuffix}}. {{advice}}",
    en: "{{reason}}{{codeSuffix}}. {{advice}}",
  },
  "http.network.refused": { "pt-BR": "{{host}} recusou a conexão", en: "{{host}} refused the connection" },
  "http.network.reset": { "pt-BR": "A conexão com {{host}} caiu antes da resposta", en: "The connection to {{host}} dropped before the answer" },
  "http.network.unreachable": { "pt-BR": "Não foi possível falar com {{host}}", en: "Couldn't reach {{host}}" },
  "http.not_retried": {
    "pt-BR": "{{failure}} O pedido não é repetido sozinho: sem chave de idempotência, repeti-lo pode duplicar o efeito.",
    en: "{{failure}} The request isn't repeated on its own: without an idempotency key, repeating it could double its effect.",
  },
  "http.too_many_redirects": {
    "pt-BR": "{{service}} redirecionou mais de {{max}} vezes; o último destino foi {{last}}. Confira a URL.",
    en: "{{service}} redirected more than {{max}} times; the last target was {{last}}. Check the URL.",
  },
  "http.redirect_scheme": {
    "pt-BR": "{{service}} redirecionou para {{scheme}}, que o Fluxo não segue.",
    en: "{{service}} redirected to {{scheme}}, which Fluxo doesn't follow.",
  },
  "http.bad_redirect": { "pt-BR": "O redirecionamento aponta para um endereço inválido.", en: "The redirect points to an invalid address." },
  "http.body_not_allowed": {
    "pt-BR": 'Um pedido {{method}} não leva corpo: escolha "Sem corpo" em Tipo do corpo ou outro Método.',
    en: 'A {{method}} request carries no body: choose "No body" in Body type, or another Method.',
  },
  "http.body_missing": {
    "pt-BR": 'Informe o Corpo em JSON, ou escolha "Sem corpo" em Tipo do corpo.',
    en: 'Fill in the Body as JSON, or choose "No body" in Body type.',
  },
  "http.body_not_json": {
    "pt-BR":
      'O Corpo não é JSON válido (linha {{line}}, coluna {{column}}): {{reason}}. Uma expressão entre aspas ("{{ … }}") entra como texto, já escapado. Fora de aspas o valor entra como está: número, lista e objeto viram JSON, mas um texto entra sem aspas e um nulo não deixa nada; para esses, use {{ … | toJson }} sem aspas.',
    en: 'The Body isn\'t valid JSON (line {{line}}, column {{column}}): {{reason}}. An expression between quotes ("{{ … }}") goes in as text, already escaped. Outside quotes the value goes in as it is: a number, list or object becomes JSON, but a text goes in without quotes and a null leaves nothing; for those, use {{ … | toJson }} without quotes.',
  },
  "json.unexpected_value": { "pt-BR": 'valor inesperado (use true, false, null, um número, "texto", [ ] ou { })', en: 'unexpected value (use true, false, null, a number, "text", [ ] or { })' },
  "json.control_in_text": { "pt-BR": "quebra de linha ou caractere de controle dentro de um texto (use \\n)", en: "line break or control character inside a text (use \\n)" },
  "json.unicode_escape": { "pt-BR": "\\u precisa de 4 dígitos hexadecimais", en: "\\u needs 4 hexadecimal digits" },
  "json.bad_escape": { "pt-BR": "escape inválido dentro de um texto", en: "invalid escape inside a text" },
  "json.unclosed_text": { "pt-BR": "um texto não foi fechado com aspas", en: "a text wasn't closed with quotes" },
  "json.bad_number": { "pt-BR": "número inválido", en: "invalid number" },
  "json.too_deep": { "pt-BR": "aninhamento profundo demais", en: "nested too deeply" },
  "json.ends_early": { "pt-BR": "o texto acaba antes do fim do JSON", en: "the text ends before the end of the JSON" },
  "json.expected_name": { "pt-BR": 'esperava o nome de um campo entre aspas ("nome")', en: 'expected a field name between quotes ("name")' },
  "json.expected_colon": { "pt-BR": 'esperava ":" depois do nome do campo', en: 'expected ":" after the field name' },
  "json.expected_comma_brace": { "pt-BR": 'esperava "," ou "}"', en: 'expected "," or "}"' },
  "json.expected_comma_bracket": { "pt-BR": 'esperava "," ou "]"', en: 'expected "," or "]"' },
  "json.unexpected_char": { "pt-BR": '"{{char}}" inesperado', en: 'unexpected "{{char}}"' },
  "json.text_after_end": { "pt-BR": "há texto depois do fim do JSON", en: "there is text after the end of the JSON" },
  "http.pagination.too_many_pages": {
    "pt-BR": "A paginação passou de {{max}} páginas (Máximo de páginas) e ainda havia mais. Aumente o Máximo de páginas ou peça menos dados (filtros, tamanho da página).",
    en: "Pagination went past {{max}} pages (Maximum pages) and there were more. Raise the Maximum pages or ask for less data (filters, page size).",
  },
  "http.pagination.repeated_page": {
    "pt-BR": "A Próxima URL da página {{page}} repete uma página já lida ({{path}}); a paginação pararia nunca. Confira a expressão de Próxima URL.",
    en: "The Next URL of page {{page}} repeats a page already read ({{path}}); pagination would never stop. Check the Next URL expression.",
  },
  "http.pagination.items_not_list": {
    "pt-BR": "Itens da página deve dar uma lista, mas na página {{page}} deu {{value}}. Aponte para a lista da resposta, como {{example}}.",
    en: "Page items must give a list, but on page {{page}} it gave {{value}}. Point at the answer's list, like {{example}}.",
  },
  "http.pagination.next_not_text": {
    "pt-BR": "Próxima URL deve dar um texto, mas deu {{value}}.",
    en: "Next URL must give a text, but it gave {{value}}.",
  },
  "http.pagination.next_not_url": {
    "pt-BR": 'Próxima URL deu "{{value}}", que não é um endereço.',
    en: 'Next URL gave "{{value}}", which isn\'t an address.',
  },
  "http.pagination.next_scheme": {
    "pt-BR": "Próxima URL deu um endereço {{scheme}}, que o Fluxo não chama.",
    en: "Next URL gave a {{scheme}} address, which Fluxo doesn't call.",
  },
  "http.test_ok": {
    "pt-BR": "Conexão funcionando: GET {{address}} respondeu {{status}} em {{duration}} ms.",
    en: "Connection working: GET {{address}} answered {{status}} in {{duration}} ms.",
  },
  "http.test_not_2xx": {
    "pt-BR": "GET {{host}} respondeu {{status}}, não um 2xx. Confira a URL de teste.",
    en: "GET {{host}} answered {{status}}, not a 2xx. Check the test URL.",
  },
  "http.test_url_missing": {
    "pt-BR": "Informe uma URL de teste para verificar a conexão: um endereço que responda 2xx com esta autenticação.",
    en: "Give a test URL to check the connection: an address that answers 2xx with this authentication.",
  },
  "http.test_url_field": { "pt-BR": "Informe uma URL de teste.", en: "Give a test URL." },
  "http.connection_incomplete": {
    "pt-BR": 'A conexão "{{name}}" está incompleta: {{problems}} Edite a conexão e tente de novo.',
    en: 'The connection "{{name}}" is incomplete: {{problems}} Edit the connection and try again.',
  },
  "http.field.url": {
    "pt-BR": "Informe a URL completa, começando com https:// (ex.: https://api.exemplo.com/clientes).",
    en: "Give the whole URL, starting with https:// (e.g. https://api.example.com/customers).",
  },
  "http.field.not_a_url": {
    "pt-BR": '"{{value}}" não é uma URL. Informe a URL completa, começando com https:// (ex.: https://api.exemplo.com/clientes).',
    en: '"{{value}}" isn\'t a URL. Give the whole URL, starting with https:// (e.g. https://api.example.com/customers).',
  },
  "http.field.url_protocol": { "pt-BR": "A URL deve usar http:// ou https://, não {{protocol}}", en: "The URL must use http:// or https://, not {{protocol}}" },
  "http.field.url_credentials": {
    "pt-BR": "Tire o usuário e a senha da URL: use uma conexão HTTP com autenticação Basic.",
    en: "Take the user and password out of the URL: use an HTTP connection with Basic authentication.",
  },
  "http.field.header_name_missing": { "pt-BR": "Informe o nome do cabeçalho.", en: "Give the header's name." },
  "http.field.parameter_name_missing": { "pt-BR": "Informe o nome do parâmetro.", en: "Give the parameter's name." },
  "http.field.header_name": {
    "pt-BR": "Nome de cabeçalho inválido: use letras, números e - (ex.: x-tenant-id), sem espaços nem dois-pontos.",
    en: "Invalid header name: use letters, digits and - (e.g. x-tenant-id), with no spaces or colons.",
  },
  "http.field.header_value": {
    "pt-BR": "O valor do cabeçalho não pode ter quebras de linha nem o caractere NUL.",
    en: "The header's value can't have line breaks or the NUL character.",
  },
  "http.field.pairs": { "pt-BR": "Use uma lista de pares nome e valor.", en: "Use a list of name and value pairs." },
  "http.field.fail_on_error": { "pt-BR": "Falhar com status de erro deve ser verdadeiro ou falso.", en: "Fail on error status must be true or false." },
  "http.field.follow_redirects": { "pt-BR": "Seguir redirecionamentos deve ser verdadeiro ou falso.", en: "Follow redirects must be true or false." },
  "http.field.retry_non_idempotent": {
    "pt-BR": "Repetir POST e PATCH sem chave de idempotência deve ser verdadeiro ou falso.",
    en: "Repeat POST and PATCH without an idempotency key must be true or false.",
  },
  "http.field.timeout": {
    "pt-BR": "Informe o Tempo limite (ms) como um número inteiro entre {{min}} e {{max}}.",
    en: "Give the Timeout (ms) as a whole number between {{min}} and {{max}}.",
  },
  "http.field.max_pages": { "pt-BR": "Informe o Máximo de páginas como um número inteiro entre 1 e {{max}}.", en: "Give the Maximum pages as a whole number between 1 and {{max}}." },
  "http.field.method": { "pt-BR": "Escolha o Método: {{methods}}.", en: "Choose the Method: {{methods}}." },
  "http.field.body_type": { "pt-BR": "Escolha o Tipo do corpo: nenhum, JSON, formulário ou texto.", en: "Choose the Body type: none, JSON, form or text." },
  "http.field.pagination_mode": {
    "pt-BR": "Escolha o Modo de paginação: nenhuma, por número de página ou pela URL da próxima página.",
    en: "Choose the Pagination mode: none, by page number or by the next page's URL.",
  },
  "http.field.first_page": { "pt-BR": "A Primeira página deve ser um número inteiro.", en: "The First page must be a whole number." },
  "http.field.page_items": { "pt-BR": "Informe os Itens da página, uma expressão como {{example}}.", en: "Give the Page items, an expression like {{example}}." },
  "http.field.page_parameter": {
    "pt-BR": "Informe o Parâmetro da página, o nome do parâmetro de consulta que leva o número da página (ex.: pageNumber).",
    en: "Give the Page parameter, the name of the query parameter that carries the page number (e.g. pageNumber).",
  },
  "http.field.more_pages": { "pt-BR": "Mais de {{max}} páginas.", en: "More than {{max}} pages." },
  "http.field.expects_list": { "pt-BR": "A expressão deve dar uma lista.", en: "The expression must give a list." },
  "http.field.expects_text": { "pt-BR": "A expressão deve dar um texto.", en: "The expression must give a text." },
  "http.field.not_an_address": { "pt-BR": "Não é um endereço.", en: "Not an address." },
  "http.field.next_url": { "pt-BR": "Informe a Próxima URL, uma expressão como {{example}}.", en: "Give the Next URL, an expression like {{example}}." },
  "wait.field.duration": { "pt-BR": "Use de 0 a {{max}} ms (5 minutos).", en: "Use 0 to {{max}} ms (5 minutes)." },
  "transform.field.name_missing": { "pt-BR": "Informe o nome do campo.", en: "Give the field's name." },
  "transform.field.at_least_one": { "pt-BR": "Adicione ao menos um campo.", en: "Add at least one field." },
  "transform.field.too_many": { "pt-BR": "No máximo {{max}} campos.", en: "{{max}} fields at most." },
  "http.field.token_missing": { "pt-BR": "Informe o Token.", en: "Give the Token." },
  "http.field.password_missing": { "pt-BR": "Informe a Senha.", en: "Give the Password." },
  "http.field.header_value_missing": { "pt-BR": "Informe o Valor do cabeçalho.", en: "Give the Header value." },
  "http.field.query_value_missing": { "pt-BR": "Informe o Valor do parâmetro.", en: "Give the Parameter value." },
  "http.field.no_line_breaks": { "pt-BR": "Não use quebras de linha nem o caractere NUL.", en: "Don't use line breaks or the NUL character." },
  "http.field.authentication": { "pt-BR": "Escolha a Autenticação.", en: "Choose the Authentication." },
  "http.field.username_missing": { "pt-BR": "Informe o Usuário.", en: "Give the User." },
  "http.field.username_colon": { "pt-BR": "O Usuário do Basic não pode ter dois-pontos (:).", en: "The Basic User can't have a colon (:)." },
  "http.field.connection_header_name_missing": { "pt-BR": "Informe o Nome do cabeçalho.", en: "Give the Header name." },
  "http.field.connection_header_name": {
    "pt-BR": "Nome de cabeçalho inválido: use letras, números e - (ex.: x-api-key).",
    en: "Invalid header name: use letters, digits and - (e.g. x-api-key).",
  },
  "http.field.connection_parameter_name_missing": { "pt-BR": "Informe o Nome do parâmetro.", en: "Give the Parameter name." },
  "http.field.auth_value_rejected": {
    "pt-BR": "Este valor não foi aceito para a Autenticação escolhida: digite-o de novo (sem quebras de linha, até 8192 caracteres) ou escolha outra Autenticação.",
    en: "This value wasn't accepted for the chosen Authentication: type it again (no line breaks, at most 8192 characters) or choose another Authentication.",
  },
  "http.field.test_url": { "pt-BR": "Informe a URL de teste completa, começando com https://.", en: "Give the whole test URL, starting with https://." },
} as const satisfies StepMessageTexts;
