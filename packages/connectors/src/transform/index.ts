import { atMostChars, fieldText } from "@fluxo/contracts";
import { z } from "zod";
import { builtInResult, noConnection } from "../sdk/built-in.js";
import { defineConnector, defineOperation } from "../sdk/define.js";
import { buildObject, fieldNameProblem } from "./build-object.js";
import { transformIcon } from "./icon.js";
import { transformEn } from "./texts.en.js";

const nameSchema = z
  .string({ error: fieldText("transform.field.name_missing") })
  .trim()
  .min(1, fieldText("transform.field.name_missing"))
  .max(200, atMostChars(200))
  .superRefine((name, ctx) => {
    const problem = fieldNameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const fieldsSchema = z.array(z.object({ name: nameSchema, value: z.unknown().optional() })).min(1, fieldText("transform.field.at_least_one")).max(200, fieldText("transform.field.too_many", { max: 200 }));

export const mapFields = defineOperation({
  key: "map",
  name: "Transformar",
  description: "Monta um objeto novo (De/Para): cada campo com seu nome e valor; nomes com ponto criam objetos aninhados.",
  fields: [
    {
      key: "fields",
      label: "Campos",
      type: "object-list",
      required: true,
      minItems: 1,
      maxItems: 200,
      default: [{ name: "", value: "" }],
      help: "Nome (cliente.nome cria { cliente: { nome } }) e valor. Um valor que é só uma expressão mantém o tipo (lista, número, objeto).",
      itemFields: [
        { key: "name", label: "Nome", type: "text", required: true, placeholder: "cliente.nome", schema: nameSchema },
        { key: "value", label: "Valor", type: "text", required: false, expression: true, placeholder: "{{ .input.body.nome }}", schema: z.unknown() },
      ],
      schema: fieldsSchema,
    },
  ],
  parameters: z.object({ fields: fieldsSchema }),
  async run(ctx) {
    return builtInResult(buildObject(ctx.parameters.fields));
  },
});

export const transform = defineConnector({
  key: "transform",
  translations: { en: transformEn },
  name: "Transformar",
  description: "Reorganiza dados: monta um objeto com os campos que você define (De/Para).",
  icon: transformIcon,
  ...noConnection,
  operations: [mapFields],
});
