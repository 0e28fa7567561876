import { requestFieldsEn } from "../http/request-fields.texts.en.js";
import type { ConnectorTexts } from "../sdk/texts.js";

/** BTG-ID's metadata in English (sdk/texts.ts): each Portuguese text and its translation. BTG's own terms stay as BTG writes them. */
export const btgIdEn: ConnectorTexts = {
  ...requestFieldsEn,
  "Obtém tokens de acesso OAuth 2.0 do BTG-ID, o serviço de identidade do BTG Pactual, com Authorization Details (RFC 9396), e chama as APIs do BTG com eles.":
    "Gets OAuth 2.0 access tokens from BTG-ID, BTG Pactual's identity service, with Authorization Details (RFC 9396), and calls BTG's APIs with them.",
  Autenticação: "Authentication",
  "Client Credentials: o Fluxo pede o token com o ID e a Chave do cliente. Authorization Code: o titular da conta entra no BTG e consente (necessário para as APIs bancárias: saldo, extrato, pagamentos).":
    "Client Credentials: Fluxo asks for the token with the client's ID and Secret. Authorization Code: the account holder signs in at BTG and consents (needed for the banking APIs: balance, statement, payments).",
  "Client Credentials": "Client Credentials",
  "Authorization Code (conta do cliente)": "Authorization Code (the customer's account)",
  Escopos: "Scopes",
  "Escopos a pedir no consentimento, separados por espaço. Escolha um da lista ou digite outro liberado pelo BTG.":
    "Scopes to ask for at consent, separated by spaces. Pick one from the list or type another BTG has granted.",
  openid: "openid",
  "Manter conectado": "Stay connected",
  "Renova a conexão sozinha antes de o refresh token expirar (10 dias), mesmo sem fluxos rodando. Cada renovação conta no limite por hora do BTG.":
    "Renews the connection by itself before the refresh token expires (10 days), even with no flows running. Each renewal counts toward BTG's hourly limit.",
  "Obtém um access token (JWT) do BTG-ID com os Authorization Details informados; com uma conexão Authorization Code, entrega o token atual da conta conectada.":
    "Gets an access token (JWT) from BTG-ID with the Authorization Details given; with an Authorization Code connection, hands over the connected account's current token.",
  "O que o token deve permitir (RFC 9396); um Scope pode bastar, e uma conexão Authorization Code não usa este campo. Campos opcionais vazios não são enviados.":
    "What the token should allow (RFC 9396); a Scope may be enough, and an Authorization Code connection doesn't use this field. Empty optional fields are not sent.",
  "ID do Cliente": "Client ID",
  "O client_id que o BTG forneceu para a sua aplicação.": "The client_id BTG issued for your application.",
  "Chave Secreta do Cliente": "Client Secret",
  "O client_secret da sua aplicação no BTG. Fica guardado com segurança e não é exibido de novo.": "Your application's client_secret at BTG. It is stored securely and never shown again.",
  "URL do ambiente": "Environment URL",
  "Endereço do BTG-ID a usar, sem caminho (o Fluxo chama <URL do ambiente>/oauth2/token): sandbox para testes, produção para valer.":
    "The BTG-ID address to use, without a path (Fluxo calls <Environment URL>/oauth2/token): sandbox for testing, production for real.",
  "A URL do ambiente é só o endereço do BTG-ID, sem caminho (ex.: https://id.sandbox.btgpactual.com): o Fluxo chama <URL do ambiente>/oauth2/token.":
    "The Environment URL is BTG-ID's address only, without a path (e.g. https://id.sandbox.btgpactual.com): Fluxo calls <Environment URL>/oauth2/token.",
  "BTG sandbox": "BTG sandbox",
  "BTG produção": "BTG production",
  "Sandbox local": "Local sandbox",
  "URL da API": "API URL",
  "Onde ficam as APIs que o passo Chamar API usa. Em branco: https://api.empresas.btgpactual.com para a produção, https://api.sandbox.empresas.btgpactual.com para a sandbox do BTG e <URL do ambiente>/api para a sandbox local.":
    "Where the APIs the Call API step uses live. Blank: https://api.empresas.btgpactual.com for production, https://api.sandbox.empresas.btgpactual.com for BTG's sandbox and <Environment URL>/api for the local sandbox.",
  "em branco: a API do mesmo ambiente": "blank: the same environment's API",
  "APIs BTG sandbox": "BTG sandbox APIs",
  "APIs BTG produção": "BTG production APIs",
  "Obter Credenciais": "Get Credentials",
  "Grant Type": "Grant Type",
  "Como obter o token. Um passo de fluxo não tem redirecionamento de navegador, então o padrão é client_credentials.":
    "How to obtain the token. A flow step has no browser redirect, so the default is client_credentials.",
  "Código de autorização": "Authorization code",
  "O code que o BTG devolveu na Redirect URI após o consentimento.": "The code BTG returned to the Redirect URI after consent.",
  "Redirect URI": "Redirect URI",
  "A mesma Redirect URI usada para pedir o código, como registrada no BTG.": "The same Redirect URI used to ask for the code, as registered at BTG.",
  "Refresh Token": "Refresh Token",
  "O refresh_token recebido junto com um token anterior. O BTG limita as renovações por hora.": "The refresh_token received with an earlier token. BTG limits refreshes per hour.",
  "Authorization Details": "Authorization Details",
  Type: "Type",
  account: "account",
  "O tipo de autorização pedido, como definido pelo BTG.": "The kind of authorization asked for, as BTG defines it.",
  Resource: "Resource",
  "O recurso a que a autorização se aplica (ex.: o número da conta).": "The resource the authorization applies to (e.g. the account number).",
  Locations: "Locations",
  "URLs das APIs onde o token será usado. Uma expressão pode produzir a lista inteira.": "URLs of the APIs where the token will be used. An expression may produce the whole list.",
  Privileges: "Privileges",
  "Ações permitidas (ex.: read, write). Uma expressão pode produzir a lista inteira.": "Actions allowed (e.g. read, write). An expression may produce the whole list.",
  Actions: "Actions",
  "Ações sobre o recurso, como a RFC 9396 as nomeia (ex.: read, write).": "Actions on the resource, as RFC 9396 names them (e.g. read, write).",
  Datatypes: "Datatypes",
  "Tipos de dado pedidos (ex.: balances, transactions).": "Data types asked for (e.g. balances, transactions).",
  Identifier: "Identifier",
  "Um recurso específico dentro do Type (ex.: o id de uma conta).": "A specific resource within the Type (e.g. an account's id).",
  "Reutilizar token válido": "Reuse a valid token",
  "Usa de novo um token ainda válido obtido com a mesma conexão, Grant Type e Authorization Details, em vez de pedir outro ao BTG (que limita as renovações por hora). O token é renovado antes de expirar.":
    "Uses a still-valid token obtained with the same connection, Grant Type and Authorization Details again instead of asking BTG for another (BTG limits refreshes per hour). The token is renewed before it expires.",
  Scope: "Scope",
  "Escopos OAuth separados por espaço. Deixe vazio para usar os do cliente.": "OAuth scopes separated by spaces. Leave empty to use the client's.",
  "Quanto esperar pela resposta do BTG-ID, entre 1000 e 120000 ms.": "How long to wait for BTG-ID's answer, between 1000 and 120000 ms.",
  "Chamar API": "Call API",
  "Chama uma API do BTG com um token do BTG-ID, obtido ou reutilizado pelo próprio passo.": "Calls a BTG API with a BTG-ID token the step obtains or reuses itself.",
  "Caminho sob a URL da API da conexão, como na documentação do BTG (a empresa primeiro). O mesmo caminho vale na sandbox local e no BTG.":
    "Path under the connection's API URL, as in BTG's documentation (the company first). The same path works on the local sandbox and at BTG.",
  "O que o token deve permitir (RFC 9396), se o BTG pedir Authorization Details para esta API; ou use o Scope.":
    "What the token should allow (RFC 9396), if BTG asks for Authorization Details for this API; or use the Scope.",
  "Escopos OAuth do BTG separados por espaço (ex.: empresas.btgpactual.com/accounts.readonly).": "BTG's OAuth scopes separated by spaces (e.g. empresas.btgpactual.com/accounts.readonly).",
};
