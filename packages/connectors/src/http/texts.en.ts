import type { ConnectorTexts } from "../sdk/texts.js";
import { requestFieldsEn } from "./request-fields.texts.en.js";

/** HTTP's metadata in English (sdk/texts.ts): each Portuguese text and its translation. */
export const httpEn: ConnectorTexts = {
  ...requestFieldsEn,
  "Chama qualquer API HTTP, com ou sem autenticação (Bearer, Basic, cabeçalho ou parâmetro).": "Calls any HTTP API, with or without authentication (Bearer, Basic, header or parameter).",
  Autenticação: "Authentication",
  "Como os passos que usam esta conexão se identificam no serviço.": "How the steps using this connection identify themselves to the service.",
  "Sem autenticação": "No authentication",
  "Bearer token": "Bearer token",
  "Basic (usuário e senha)": "Basic (user and password)",
  "Cabeçalho (ex.: x-api-key)": "Header (e.g. x-api-key)",
  "Parâmetro de consulta (ex.: ?api_key=)": "Query parameter (e.g. ?api_key=)",
  Token: "Token",
  "Enviado como Authorization: Bearer <token>.": "Sent as Authorization: Bearer <token>.",
  Usuário: "User",
  Senha: "Password",
  "Nome do cabeçalho": "Header name",
  "Valor do cabeçalho": "Header value",
  "Nome do parâmetro": "Parameter name",
  "Valor do parâmetro": "Parameter value",
  "URL de teste": "Test URL",
  'Opcional: um endereço que responde 2xx com esta autenticação. "Testar" faz um GET nele.': 'Optional: an address that answers 2xx with this authentication. "Test" sends it a GET.',
  "Requisição HTTP": "HTTP request",
  "Chama qualquer API HTTP: método, URL, parâmetros, cabeçalhos e corpo, com a autenticação da conexão (opcional).":
    "Calls any HTTP API: method, URL, parameters, headers and body, with the connection's authentication (optional).",
  "Endereço completo, com http:// ou https://. Aceita expressões: no caminho e na consulta, o valor de cada uma vai codificado (/, ?, # e espaços viram %2F, %3F, %23, %20); para inserir um caminho com barras, termine a expressão com | urlPath.":
    "Full address, with http:// or https://. Takes expressions: in the path and the query each one's value goes in encoded (/, ?, # and spaces become %2F, %3F, %23, %20); to insert a path with slashes, end the expression with | urlPath.",
  "https://api.exemplo.com/clientes/{{ .input.body.id }}": "https://api.example.com/customers/{{ .input.body.id }}",
};
