import { z } from "zod";
import { builtInResult, noConnection } from "../sdk/built-in.js";
import { defineConnector, defineOperation } from "../sdk/define.js";
import type { FieldDefinition } from "../sdk/types.js";
import { evaluateCondition, OPERATORS, OPERATORS_BY_TYPE, UNARY_OPERATORS, VALUE_TYPES, type Operator } from "./compare.js";
import { conditionIcon } from "./icon.js";
import { conditionEn } from "./texts.en.js";

const TYPE_LABELS = { string: "Texto", number: "Número", boolean: "Booleano", date: "Data (ISO 8601)" } as const;
const OPERATOR_LABELS: Record<Operator, string> = {
  equals: "é igual a",
  notEquals: "é diferente de",
  contains: "contém",
  notContains: "não contém",
  startsWith: "começa com",
  endsWith: "termina com",
  greaterThan: "é maior que",
  greaterOrEqual: "é maior ou igual a",
  lessThan: "é menor que",
  lessOrEqual: "é menor ou igual a",
  before: "é antes de",
  after: "é depois de",
  isEmpty: "está vazio",
  isNotEmpty: "não está vazio",
};

const conditionSchema = z
  .object({
    type: z.enum(VALUE_TYPES, { error: `Escolha o tipo: ${VALUE_TYPES.join(", ")}.` }),
    left: z.unknown().optional(),
    operator: z.enum(OPERATORS, { error: "Escolha um operador da lista." }),
    right: z.unknown().optional(),
  })
  .superRefine((condition, ctx) => {
    if (!OPERATORS_BY_TYPE[condition.type].includes(condition.operator)) {
      ctx.addIssue({ code: "custom", path: ["operator"], message: `"${OPERATOR_LABELS[condition.operator]}" não vale para ${TYPE_LABELS[condition.type]}; use ${OPERATORS_BY_TYPE[condition.type].map((o) => `"${OPERATOR_LABELS[o]}"`).join(", ")}` });
    }
  });

const conditionsSchema = z.array(conditionSchema).min(1, "Adicione ao menos uma condição.").max(50, "No máximo 50 condições.");
const combineSchema = z.enum(["and", "or"]).default("and");

const conditionFields: FieldDefinition[] = [
  { key: "type", label: "Tipo", type: "select", required: true, default: "string", options: VALUE_TYPES.map((value) => ({ value, label: TYPE_LABELS[value] })), schema: conditionSchema.shape.type },
  { key: "left", label: "Valor", type: "text", required: false, expression: true, placeholder: "{{ .input.body.valor }}", schema: z.unknown() },
  { key: "operator", label: "Operador", type: "select", required: true, default: "equals", options: OPERATORS.map((value) => ({ value, label: OPERATOR_LABELS[value] })), schema: conditionSchema.shape.operator },
  {
    key: "right",
    label: "Comparar com",
    type: "text",
    required: false,
    expression: true,
    visibleWhen: { field: "operator", equals: OPERATORS.filter((o) => !UNARY_OPERATORS.includes(o)) },
    schema: z.unknown(),
  },
];

export const checkCondition = defineOperation({
  key: "if",
  name: "Condição",
  description: "Segue por Verdadeiro ou por Falso conforme as condições; os passos do outro caminho terminam ignorados.",
  ports: [
    { key: "true", label: "Verdadeiro" },
    { key: "false", label: "Falso" },
  ],
  fields: [
    {
      key: "conditions",
      label: "Condições",
      type: "object-list",
      required: true,
      minItems: 1,
      maxItems: 50,
      default: [{ type: "string", left: "", operator: "equals", right: "" }],
      help: "Cada condição compara um valor com outro no tipo escolhido (datas em ISO 8601). Os valores aceitam expressões.",
      itemFields: conditionFields,
      schema: conditionsSchema,
    },
    {
      key: "combine",
      label: "Combinar",
      type: "select",
      required: true,
      default: "and",
      options: [
        { value: "and", label: "Todas (E)" },
        { value: "or", label: "Qualquer uma (OU)" },
      ],
      schema: combineSchema,
    },
  ],
  parameters: z.object({ conditions: conditionsSchema, combine: combineSchema }),
  async run(ctx) {
    const { conditions, combine } = ctx.parameters;
    // Every condition is evaluated, so a value that doesn't convert fails the step whatever comes first.
    const outcomes = conditions.map((condition, index) => evaluateCondition(condition, index));
    const result = combine === "and" ? outcomes.every(Boolean) : outcomes.some(Boolean);
    return { ...builtInResult({ result }), route: { follow: [result ? "true" : "false"] } };
  },
});

export const condition = defineConnector({
  key: "condition",
  translations: { en: conditionEn },
  name: "Condição",
  description: "Decide o caminho do fluxo: Verdadeiro ou Falso, por condições tipadas.",
  icon: conditionIcon,
  ...noConnection,
  operations: [checkCondition],
});
