import { stepMessage } from "@fluxo/contracts";
import { z } from "zod";
import { builtInResult, noConnection, shown } from "../sdk/built-in.js";
import { defineConnector, defineOperation } from "../sdk/define.js";
import { StepError } from "../sdk/errors.js";
import { loopIcon } from "./icon.js";
import { loopEn } from "./texts.en.js";

/** FLUXO_LOOP_MAX_ITEMS when the server doesn't say otherwise. */
export const DEFAULT_LOOP_MAX_ITEMS = 1000;

const ITEMS_HELP = "Uma lista (ex.: {{ .input.body.pedidos }}) ou um número n, que repete n vezes (0 a n−1).";
const itemsSchema = z.unknown().refine((value) => value !== undefined && value !== null && value !== "", "Informe os itens: uma lista ou um número.");

/** The items a Loop runs its branch for: a list as is, a number n as 0…n−1. */
export function loopItems(value: unknown, maxItems: number): unknown[] {
  const count = Array.isArray(value) ? value.length : toCount(value);
  if (count === undefined) {
    const text = stepMessage("loop.items_not_list", { value: shown(value) });
    throw new StepError({ kind: "invalid_parameters", ...text, fields: [{ path: "items", message: text.message.replace(/^items: /, "") }] });
  }
  if (count > maxItems) {
    const message = `${count} itens, mais que o limite de ${maxItems} por Loop (FLUXO_LOOP_MAX_ITEMS)`;
    throw new StepError({ kind: "invalid_parameters", ...stepMessage("loop.too_many_items", { count, max: maxItems }), fields: [{ path: "items", message }] });
  }
  return Array.isArray(value) ? value : Array.from({ length: count }, (_, index) => index);
}

function toCount(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

export const forEach = defineOperation({
  key: "for-each",
  name: "Loop",
  description: "Roda o caminho Cada item uma vez por item, em ordem; depois segue por Concluído com os resultados.",
  ports: [
    { key: "each", label: "Cada item", repeats: true },
    { key: "done", label: "Concluído" },
  ],
  fields: [
    {
      key: "items",
      label: "Itens",
      type: "text",
      required: true,
      expression: true,
      placeholder: "{{ .input.body.itens }}",
      help: `${ITEMS_HELP} No caminho Cada item, {{ .steps.<loop>.body.item }} e .index são os atuais; em Concluído, .results tem, por item, o corpo do último passo do caminho.`,
      schema: itemsSchema,
    },
  ],
  parameters: z.object({ items: itemsSchema }),
  async run(ctx) {
    const items = loopItems(ctx.parameters.items, ctx.limits?.maxLoopItems ?? DEFAULT_LOOP_MAX_ITEMS);
    return { ...builtInResult({ count: items.length }), route: { follow: ["done"], repeat: { port: "each", items } } };
  },
});

export const loop = defineConnector({
  key: "loop",
  translations: { en: loopEn },
  name: "Loop",
  description: "Repete um caminho para cada item de uma lista (ou n vezes).",
  icon: loopIcon,
  ...noConnection,
  operations: [forEach],
});
