import type { ConnectorTexts } from "../sdk/texts.js";

/** Transformar's metadata in English (sdk/texts.ts). */
export const transformEn: ConnectorTexts = {
  Transformar: "Transform",
  "Reorganiza dados: monta um objeto com os campos que você define (De/Para).": "Reshapes data: builds an object with the fields you define (mapping).",
  "Monta um objeto novo (De/Para): cada campo com seu nome e valor; nomes com ponto criam objetos aninhados.": "Builds a new object (mapping): each field with its name and value; dotted names make nested objects.",
  Campos: "Fields",
  "Nome (cliente.nome cria { cliente: { nome } }) e valor. Um valor que é só uma expressão mantém o tipo (lista, número, objeto).":
    "Name (customer.name makes { customer: { name } }) and value. A value that is only an expression keeps its type (list, number, object).",
  Nome: "Name",
  "cliente.nome": "customer.name",
  Valor: "Value",
  "{{ .input.body.nome }}": "{{ .input.body.name }}",
};
