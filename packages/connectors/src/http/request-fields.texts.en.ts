import type { ConnectorTexts } from "../sdk/texts.js";

/** English for the request fields (requestFields), shared by HTTP's Requisição and BTG-ID's Chamar API. */
export const requestFieldsEn: ConnectorTexts = {
  Método: "Method",
  Caminho: "Path",
  Nome: "Name",
  Valor: "Value",
  pageSize: "pageSize",
  pageNumber: "pageNumber",
  Cabeçalhos: "Headers",
  Texto: "Text",
  Corpo: "Body",
  Paginação: "Pagination",
  '{ "valor": {{ .input.body.valor }} }': '{ "value": {{ .input.body.value }} }',
  "{{ .response.body.next }}": "{{ .response.body.next }}",
  "{{ .response.body.items }}": "{{ .response.body.items }}",
  "Parâmetros de consulta": "Query parameters",
  "Vão na URL depois do ?, codificados. Os valores aceitam expressões.": "Added to the URL after the ?, encoded. Values take expressions.",
  "Cabeçalhos HTTP do pedido. Um Authorization aparece mascarado nos detalhes da execução.": "The request's HTTP headers. An Authorization header is masked in the execution details.",
  "Tipo do corpo": "Body type",
  "Sem corpo": "No body",
  "Formulário (x-www-form-urlencoded)": "Form (x-www-form-urlencoded)",
  'Para JSON, o texto deve resultar em JSON válido. Uma expressão entre aspas ("{{ .input.body.nome }}") entra como texto, já escapado; fora de aspas entra como está (número, lista e objeto como JSON, um texto sem aspas): para um texto ou um valor que pode ser nulo, use {{ … | toJson }} sem aspas. Uma expressão sozinha ({{ .input.body }}) é enviada como o JSON do valor.':
    'For JSON, the text must come out as valid JSON. An expression between quotes ("{{ .input.body.name }}") goes in as text, already escaped; outside quotes it goes in as it is (a number, list or object as JSON, a text without quotes): for a text or a value that may be null, use {{ … | toJson }} without quotes. An expression on its own ({{ .input.body }}) is sent as the value\'s JSON.',
  "Campos do formulário": "Form fields",
  "Falhar com status de erro": "Fail on an error status",
  "Uma resposta 400 ou maior faz o passo falhar, com o status e o corpo da resposta no erro. Desmarcado, o passo termina bem e o status fica em code.":
    "A response of 400 or more fails the step, with the response's status and body in the error. Unchecked, the step succeeds and the status is in code.",
  "Seguir redirecionamentos": "Follow redirects",
  "Segue até 5 redirecionamentos, cada um verificado de novo; a autenticação não vai para outro endereço.":
    "Follows up to 5 redirects, each checked again; authentication is never sent to another address.",
  "Repetir POST e PATCH sem chave de idempotência": "Retry POST and PATCH without an idempotency key",
  "Sem uma chave de idempotência (Idempotency-Key ou x-idempotency-key), um POST ou PATCH que falhou com erro de rede ou 5xx não é repetido, para não duplicar o efeito. Marque se repetir for seguro.":
    "Without an idempotency key (Idempotency-Key or x-idempotency-key), a POST or PATCH that failed with a network error or a 5xx is not retried, so its effect isn't doubled. Check this if retrying is safe.",
  "Tempo limite (ms)": "Timeout (ms)",
  "Quanto esperar por cada resposta, entre 100 e 300000 ms.": "How long to wait for each response, between 100 and 300000 ms.",
  "Busca todas as páginas e junta os itens numa lista, que vira o corpo do passo.": "Fetches every page and gathers the items in one list, which becomes the step's body.",
  "Modo de paginação": "Pagination mode",
  "Sem paginação": "No pagination",
  "Número da página no parâmetro de consulta": "Page number in a query parameter",
  "URL da próxima página na resposta": "Next page's URL in the response",
  "Parâmetro da página": "Page parameter",
  "Primeira página": "First page",
  "Próxima URL": "Next URL",
  "Expressão avaliada em cada resposta (.response); vazia, a paginação termina.": "Expression evaluated on each response (.response); when empty, pagination ends.",
  "Itens da página": "Page items",
  "Expressão avaliada em cada resposta (.response) que dá a lista de itens da página; uma página vazia termina a paginação.":
    "Expression evaluated on each response (.response) giving the page's list of items; an empty page ends pagination.",
  "Máximo de páginas": "Maximum pages",
  "Passando deste número de páginas, o passo falha em vez de buscar para sempre.": "Past this many pages the step fails instead of fetching forever.",
};
