import type { StepMessageTexts } from "./texts.js";

/**
 * BTG-ID's token request and its connection. `said` is ": <BTG's error_description>" or empty,
 * `type` " (<content type>)" or empty, `codeSuffix` " (<system error code>)" or empty: the
 * service's own words stay as sent, inside a translated frame.
 */
export const BTG_ID_MESSAGES = {
  "btg_id.token_refused": {
    "pt-BR": "O BTG-ID recusou o pedido de token ({{status}} {{code}}){{said}}. {{advice}}",
    en: "BTG-ID refused the token request ({{status}} {{code}}){{said}}. {{advice}}",
  },
  "btg_id.token_unavailable": {
    "pt-BR": "O BTG-ID não conseguiu atender o pedido de token ({{status}} {{code}}){{said}}. {{advice}}",
    en: "BTG-ID couldn't serve the token request ({{status}} {{code}}){{said}}. {{advice}}",
  },
  "btg_id.advice.check_credentials": {
    "pt-BR": "Confira o ID do Cliente e a Chave Secreta do Cliente na conexão.",
    en: "Check the Client ID and the Client Secret in the connection.",
  },
  "btg_id.advice.check_url": {
    "pt-BR": "Confira a URL do ambiente na conexão.",
    en: "Check the Environment URL in the connection.",
  },
  "btg_id.advice.unauthorized_client": {
    "pt-BR": "Este cliente não pode usar o Grant Type escolhido: escolha outro ou peça a liberação ao BTG.",
    en: "This client may not use the chosen Grant Type: choose another or ask BTG to allow it.",
  },
  "btg_id.advice.unsupported_grant_type": {
    "pt-BR": "O servidor não aceita este Grant Type: escolha client_credentials ou outro que o BTG tenha liberado para o cliente.",
    en: "The server doesn't accept this Grant Type: choose client_credentials or another that BTG has allowed for the client.",
  },
  "btg_id.advice.invalid_grant": {
    "pt-BR": "O Código de autorização ou o Refresh Token é inválido, expirou ou já foi usado: obtenha um novo.",
    en: "The Authorization code or the Refresh Token is invalid, expired or already used: get a new one.",
  },
  "btg_id.advice.invalid_authorization_details": {
    "pt-BR": "Confira Type, Resource, Locations e Privileges de cada item de Authorization Details.",
    en: "Check Type, Resource, Locations and Privileges of each Authorization Details item.",
  },
  "btg_id.advice.invalid_scope": {
    "pt-BR": "Confira o Scope em Avançado, ou deixe-o vazio.",
    en: "Check the Scope under Advanced, or leave it empty.",
  },
  "btg_id.advice.invalid_request": {
    "pt-BR": "Confira os parâmetros do passo.",
    en: "Check the step's parameters.",
  },
  "btg_id.advice.service_trouble": {
    "pt-BR": "O serviço está com problemas: tente de novo em alguns minutos.",
    en: "The service is having trouble: try again in a few minutes.",
  },
  "btg_id.advice.rate_limited": {
    "pt-BR": "O BTG limita os pedidos de token por hora: aguarde e tente de novo, reaproveitando o token enquanto ele for válido.",
    en: "BTG limits token requests per hour: wait and try again, reusing the token while it is valid.",
  },
  "btg_id.advice.timeout": {
    "pt-BR": "Tente de novo; se continuar, confira a URL do ambiente ou aumente o Tempo limite (ms) do passo.",
    en: "Try again; if it goes on, check the Environment URL or raise the step's Timeout (ms).",
  },
  "btg_id.advice.service_down": {
    "pt-BR": "Confira a URL do ambiente na conexão e se o serviço está no ar; depois tente de novo.",
    en: "Check the Environment URL in the connection and whether the service is up; then try again.",
  },
  "btg_id.advice.check_connection": {
    "pt-BR": "Confira a conexão e os parâmetros do passo.",
    en: "Check the connection and the step's parameters.",
  },
  "btg_id.redirect": {
    "pt-BR": "O BTG-ID respondeu com um redirecionamento ({{status}}){{target}}, que não é seguido para não enviar as credenciais a outro endereço. Confira a URL do ambiente na conexão.",
    en: "BTG-ID answered with a redirect ({{status}}){{target}}, which isn't followed so the credentials aren't sent elsewhere. Check the Environment URL in the connection.",
  },
  "btg_id.redirect_target": {
    "pt-BR": " para {{location}}",
    en: " to {{location}}",
  },
  "btg_id.status": {
    "pt-BR": "O BTG-ID respondeu {{status}}. {{advice}}",
    en: "BTG-ID answered {{status}}. {{advice}}",
  },
  "btg_id.not_json": {
    "pt-BR": "O BTG-ID respondeu {{status}} com um conteúdo que não é JSON{{type}}. Confira a URL do ambiente na conexão. Se ela estiver certa, o serviço pode estar fora do ar: tente de novo em alguns minutos.",
    en: "BTG-ID answered {{status}} with content that isn't JSON{{type}}. Check the Environment URL in the connection. If it is right, the service may be down: try again in a few minutes.",
  },
  "btg_id.no_access_token": {
    "pt-BR": "O BTG-ID respondeu {{status}} sem um access_token. Confira a URL do ambiente na conexão.",
    en: "BTG-ID answered {{status}} without an access_token. Check the Environment URL in the connection.",
  },
  "btg_id.timeout": {
    "pt-BR": "O BTG-ID ({{host}}) não respondeu em {{limit}} ms. {{advice}}",
    en: "BTG-ID ({{host}}) didn't answer within {{limit}} ms. {{advice}}",
  },
  "btg_id.refused": {
    "pt-BR": "O Fluxo não chama a URL do ambiente {{host}}: {{reason}}. {{advice}}",
    en: "Fluxo doesn't call the Environment URL {{host}}: {{reason}}. {{advice}}",
  },
  "btg_id.response_too_large": {
    "pt-BR": "A resposta do BTG-ID ({{host}}) é grande demais para ser um token. {{advice}}",
    en: "BTG-ID's answer ({{host}}) is too large to be a token. {{advice}}",
  },
  "btg_id.network": {
    "pt-BR": "{{reason}}{{codeSuffix}}. {{advice}}",
    en: "{{reason}}{{codeSuffix}}. {{advice}}",
  },
  "btg_id.network.refused": {
    "pt-BR": "O BTG-ID em {{host}} recusou a conexão",
    en: "BTG-ID at {{host}} refused the connection",
  },
  "btg_id.network.reset": {
    "pt-BR": "A conexão com o BTG-ID em {{host}} caiu antes da resposta",
    en: "The connection to BTG-ID at {{host}} dropped before the answer",
  },
  "btg_id.network.unreachable": {
    "pt-BR": "Não foi possível falar com o BTG-ID em {{host}}",
    en: "Couldn't reach BTG-ID at {{host}}",
  },
  "btg_id.no_connection": {
    "pt-BR": "O passo não tem conexão BTG-ID: escolha uma em Propriedades.",
    en: "The step has no BTG-ID connection: choose one in Properties.",
  },
  "btg_id.connection_invalid": {
    "pt-BR": 'A conexão "{{name}}" está incompleta ou inválida: {{problems}} Edite a conexão e tente de novo.',
    en: 'The connection "{{name}}" is incomplete or invalid: {{problems}} Edit the connection and try again.',
  },
  "btg_id.consent_tokens_on_server": {
    "pt-BR": "Esta conexão usa Authorization Code, cujos tokens só o servidor do Fluxo guarda: execute o fluxo pelo Fluxo.",
    en: "This connection uses Authorization Code, whose tokens only Fluxo's server keeps: run the flow through Fluxo.",
  },
  "btg_id.grant_value_missing": {
    "pt-BR": "Informe {{label}} para o Grant Type escolhido.",
    en: "Fill in {{label}} for the chosen Grant Type.",
  },
  "btg_id.label.authorization_code": { "pt-BR": "o Código de autorização", en: "the Authorization code" },
  "btg_id.label.redirect_uri": { "pt-BR": "a Redirect URI", en: "the Redirect URI" },
  "btg_id.label.refresh_token": { "pt-BR": "o Refresh Token", en: "the Refresh Token" },
  "btg_id.not_connected": {
    "pt-BR": 'A conexão "{{name}}" ainda não foi conectada à conta do cliente: abra Conexões, edite-a e clique em "Conectar com o BTG".',
    en: 'The connection "{{name}}" hasn\'t been connected to the client\'s account yet: open Connections, edit it and click "Connect with BTG".',
  },
  "btg_id.test_ok": {
    "pt-BR": "Conexão funcionando: o BTG-ID emitiu um token válido por {{lifetime}} (expira em {{expiresAt}} UTC).",
    en: "Connection working: BTG-ID issued a token valid for {{lifetime}} (it expires at {{expiresAt}} UTC).",
  },
  "btg_id.test_ok_no_expiry": {
    "pt-BR": "Conexão funcionando: o BTG-ID emitiu um token, sem informar a validade.",
    en: "Connection working: BTG-ID issued a token, without saying how long it lasts.",
  },
  "btg_id.test_consent_ok": {
    "pt-BR": "Conexão funcionando: conectada à conta do cliente; o token de acesso vale por {{lifetime}} (expira em {{expiresAt}} UTC).{{scopes}}",
    en: "Connection working: connected to the client's account; the access token is valid for {{lifetime}} (it expires at {{expiresAt}} UTC).{{scopes}}",
  },
  "btg_id.test_consent_ok_no_expiry": {
    "pt-BR": "Conexão funcionando: conectada à conta do cliente; o BTG-ID não informou a validade do token.{{scopes}}",
    en: "Connection working: connected to the client's account; BTG-ID didn't say how long the token lasts.{{scopes}}",
  },
  "btg_id.granted_scopes": { "pt-BR": " Escopos concedidos: {{scopes}}.", en: " Scopes granted: {{scopes}}." },
  "btg_id.consent_not_saved": {
    "pt-BR": 'Esta conexão ainda não foi conectada à conta do cliente: salve-a e clique em "Conectar com o BTG".',
    en: 'This connection hasn\'t been connected to the client\'s account yet: save it and click "Connect with BTG".',
  },
  "btg_id.reconnect_required": {
    "pt-BR": 'Reconexão necessária: a conexão "{{name}}" perdeu o acesso à conta do cliente. {{problem}}',
    en: 'Reconnection needed: the connection "{{name}}" lost access to the client\'s account. {{problem}}',
  },
  // Said while the connection needs reconnecting, when its button reads "Reconectar com o BTG"
  // ("Conectar com o BTG" is only the label before any consent, or after Desconectar).
  "btg_id.refresh_refused": {
    "pt-BR": 'O BTG recusou a renovação do token ({{code}}): clique em "Reconectar com o BTG" na conexão.',
    en: 'BTG refused to renew the token ({{code}}): click "Reconnect with BTG" on the connection.',
  },
  "btg_id.reconnect_again": { "pt-BR": 'Clique em "Reconectar com o BTG" na conexão.', en: 'Click "Reconnect with BTG" on the connection.' },
  "btg_id.refresh_budget": {
    "pt-BR": 'A conexão "{{name}}" já renovou o token {{used}} vezes na última hora, o limite (FLUXO_BTG_REFRESH_PER_HOUR={{limit}}) que o BTG permite; a próxima renovação é permitida às {{next}} UTC.',
    en: 'The connection "{{name}}" already refreshed its token {{used}} times in the last hour, the limit (FLUXO_BTG_REFRESH_PER_HOUR={{limit}}) BTG allows; the next refresh is allowed at {{next}} UTC.',
  },
  "btg_id.refresh_failed": {
    "pt-BR": 'A renovação do token da conexão "{{name}}" falhou: {{failure}}',
    en: 'Refreshing the token of the connection "{{name}}" failed: {{failure}}',
  },
  "btg_id.fresh_token_refused": {
    "pt-BR": 'A API do BTG recusou o token que a conexão "{{name}}" acabou de renovar; outra renovação não ajudaria (e gastaria o limite por hora). Confira se os escopos concedidos cobrem esta API e se o titular ainda tem acesso a ela.',
    en: 'BTG\'s API refused the token the connection "{{name}}" has just refreshed; another refresh wouldn\'t help (and would spend the hourly limit). Check that the granted scopes cover this API and that the holder still has access to it.',
  },
  "btg_id.no_refresh_token": {
    "pt-BR": "O BTG-ID não enviou um refresh token: sem ele a conexão não se renova. Confira se o cliente pode usar refresh_token.",
    en: "BTG-ID sent no refresh token: without it the connection can't renew. Check that the client may use refresh_token.",
  },
  "network.not_found": {
    "pt-BR": "O endereço {{host}} não foi encontrado",
    en: "The address {{host}} was not found",
  },
  // A field's value that doesn't fit (zod messages of the connection's and the steps' parameters).
  "btg_id.field.client_id_missing": { "pt-BR": "Informe o ID do Cliente fornecido pelo BTG.", en: "Give the Client ID BTG issued." },
  "btg_id.field.client_id_too_long": { "pt-BR": "O ID do Cliente tem no máximo 256 caracteres; confira o valor copiado.", en: "The Client ID has at most 256 characters; check the value copied." },
  "btg_id.field.secret_missing": { "pt-BR": "Informe a Chave Secreta do Cliente fornecida pelo BTG.", en: "Give the Client Secret BTG issued." },
  "btg_id.field.secret_too_long": { "pt-BR": "A Chave Secreta do Cliente tem no máximo 1024 caracteres; confira o valor copiado.", en: "The Client Secret has at most 1024 characters; check the value copied." },
  "btg_id.field.secret_spaces": { "pt-BR": "Tire os espaços do início ou do fim da Chave Secreta do Cliente.", en: "Take the spaces off the start or the end of the Client Secret." },
  "btg_id.field.environment_url": {
    "pt-BR": "Informe a URL do ambiente completa, começando com https:// (ex.: https://id.sandbox.btgpactual.com).",
    en: "Give the whole Environment URL, starting with https:// (e.g. https://id.sandbox.btgpactual.com).",
  },
  "btg_id.field.environment_path": {
    "pt-BR": 'A URL do ambiente é só o endereço do BTG-ID, sem caminho (ex.: https://id.sandbox.btgpactual.com): o Fluxo chama <URL do ambiente>/oauth2/token. Tire "{{path}}" do fim.',
    en: 'The Environment URL is only BTG-ID\'s address, with no path (e.g. https://id.sandbox.btgpactual.com): Fluxo calls <Environment URL>/oauth2/token. Take "{{path}}" off the end.',
  },
  "btg_id.field.environment_credentials": {
    "pt-BR": "Tire o usuário e a senha da URL do ambiente: as credenciais vão em ID do Cliente e Chave Secreta do Cliente.",
    en: "Take the user and password out of the Environment URL: the credentials go in Client ID and Client Secret.",
  },
  "btg_id.field.environment_query": {
    "pt-BR": 'Tire da URL do ambiente o que vem depois de "?" ou "#": informe só o endereço (ex.: https://id.sandbox.btgpactual.com).',
    en: 'Take what comes after "?" or "#" out of the Environment URL: give only the address (e.g. https://id.sandbox.btgpactual.com).',
  },
  "btg_id.field.api_url": {
    "pt-BR": "Informe a URL da API completa, começando com https:// (ex.: https://api.sandbox.empresas.btgpactual.com), ou deixe em branco.",
    en: "Give the whole API URL, starting with https:// (e.g. https://api.sandbox.empresas.btgpactual.com), or leave it blank.",
  },
  "btg_id.field.api_credentials": {
    "pt-BR": "Tire o usuário e a senha da URL da API: as credenciais vão em ID do Cliente e Chave Secreta do Cliente.",
    en: "Take the user and password out of the API URL: the credentials go in Client ID and Client Secret.",
  },
  "btg_id.field.api_query": {
    "pt-BR": 'Tire da URL da API o que vem depois de "?" ou "#": informe só o endereço (ex.: https://id.sandbox.btgpactual.com).',
    en: 'Take what comes after "?" or "#" out of the API URL: give only the address (e.g. https://id.sandbox.btgpactual.com).',
  },
  "btg_id.field.authentication": {
    "pt-BR": "Escolha a Autenticação: Client Credentials ou Authorization Code (conta do cliente).",
    en: "Choose the Authentication: Client Credentials or Authorization Code (the customer's account).",
  },
  "btg_id.field.scopes": {
    "pt-BR": "Informe os escopos a pedir ao BTG, separados por espaço (ex.: empresas.btgpactual.com/accounts.readonly).",
    en: "Give the scopes to ask BTG for, separated by spaces (e.g. empresas.btgpactual.com/accounts.readonly).",
  },
  "btg_id.field.scopes_too_long": { "pt-BR": "Use no máximo 2000 caracteres nos escopos.", en: "Use at most 2000 characters in the scopes." },
  "btg_id.field.keep_connected": { "pt-BR": "Manter conectado deve ser verdadeiro ou falso.", en: "Stay connected must be true or false." },
  "btg_id.field.not_text": { "pt-BR": "{{label}} deve ser um texto; confira o valor ou a expressão.", en: "{{label}} must be a text; check the value or the expression." },
  "btg_id.field.code_not_text": { "pt-BR": "Código de autorização deve ser um texto; confira o valor ou a expressão.", en: "Authorization code must be a text; check the value or the expression." },
  "btg_id.field.item_not_text": {
    "pt-BR": "Cada item de {{label}} deve ser um texto não vazio; confira o valor ou a expressão.",
    en: "Each item of {{label}} must be a text that isn't empty; check the value or the expression.",
  },
  "btg_id.field.not_a_list": {
    "pt-BR": "{{label}} deve ser uma lista de textos; se usar uma expressão, ela deve produzir uma lista.",
    en: "{{label}} must be a list of texts; an expression used here must give a list.",
  },
  "btg_id.field.type_missing": { "pt-BR": 'Informe o Type deste item de Authorization Details (ex.: "account").', en: 'Give the Type of this Authorization Details item (e.g. "account").' },
  "btg_id.field.detail_needs_type": { "pt-BR": "Cada item de Authorization Details deve ter ao menos o Type preenchido.", en: "Each Authorization Details item must have at least its Type filled in." },
  "btg_id.field.details_not_list": { "pt-BR": "Authorization Details deve ser uma lista de itens com Type.", en: "Authorization Details must be a list of items with a Type." },
  "btg_id.field.too_many_details": {
    "pt-BR": "Use no máximo {{max}} itens em Authorization Details; junte ou remova itens.",
    en: "Use at most {{max}} items in Authorization Details; merge or remove items.",
  },
  "btg_id.field.grant_type": {
    "pt-BR": "Escolha o Grant Type: client_credentials, authorization_code ou refresh_token.",
    en: "Choose the Grant Type: client_credentials, authorization_code or refresh_token.",
  },
  "btg_id.field.redirect_uri": {
    "pt-BR": "Informe a Redirect URI completa, com https:// (ex.: https://app.exemplo.com/callback), igual à registrada no BTG.",
    en: "Give the whole Redirect URI, with https:// (e.g. https://app.example.com/callback), the same as registered at BTG.",
  },
  "btg_id.field.timeout": {
    "pt-BR": "Informe o Tempo limite (ms) como um número inteiro de milissegundos entre {{min}} e {{max}}.",
    en: "Give the Timeout (ms) as a whole number of milliseconds between {{min}} and {{max}}.",
  },
  "btg_id.field.reuse_token": { "pt-BR": "Reutilizar token válido deve ser verdadeiro ou falso.", en: "Reuse a valid token must be true or false." },
  "btg_id.field.code_missing": {
    "pt-BR": "Informe o Código de autorização recebido no redirecionamento (Grant Type authorization_code).",
    en: "Give the Authorization code received in the redirect (Grant Type authorization_code).",
  },
  "btg_id.field.redirect_uri_missing": {
    "pt-BR": "Informe a Redirect URI usada para obter o código (Grant Type authorization_code).",
    en: "Give the Redirect URI used to obtain the code (Grant Type authorization_code).",
  },
  "btg_id.field.refresh_token_missing": {
    "pt-BR": "Informe o Refresh Token recebido com o token anterior (Grant Type refresh_token).",
    en: "Give the Refresh Token received with the previous token (Grant Type refresh_token).",
  },
  "btg_id.field.path": {
    "pt-BR": "Informe o Caminho da API começando com / (ex.: /12345678/banking/accounts/001/balance); o endereço base vem da conexão (URL da API).",
    en: "Give the API Path starting with / (e.g. /12345678/banking/accounts/001/balance); the base address comes from the connection (API URL).",
  },
  "btg_id.field.path_with_address": {
    "pt-BR": "Informe só o caminho, sem o endereço: o token só vai para a URL da API da conexão. Informe o Caminho da API começando com / (ex.: /12345678/banking/accounts/001/balance); o endereço base vem da conexão (URL da API).",
    en: "Give only the path, without the address: the token only goes to the connection's API URL. Give the API Path starting with / (e.g. /12345678/banking/accounts/001/balance); the base address comes from the connection (API URL).",
  },
  "btg_id.field.path_dots": { "pt-BR": "O Caminho não pode ter segmentos . ou .. .", en: "The Path can't have . or .. segments." },
  "btg_id.field.path_spaces": {
    "pt-BR": "O Caminho não pode ter espaços nem #; use Parâmetros de consulta para o que vai depois do ?.",
    en: "The Path can't have spaces or #; use Query parameters for what goes after the ?.",
  },
} as const satisfies StepMessageTexts;
