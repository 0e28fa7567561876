import type { ConnectorTexts } from "../sdk/texts.js";

/** Loop's metadata in English (sdk/texts.ts). */
export const loopEn: ConnectorTexts = {
  Loop: "Loop",
  "Repete um caminho para cada item de uma lista (ou n vezes).": "Repeats a path for each item of a list (or n times).",
  "Roda o caminho Cada item uma vez por item, em ordem; depois segue por Concluído com os resultados.": "Runs the Each item path once per item, in order; then goes on by Done with the results.",
  Itens: "Items",
  "Uma lista (ex.: {{ .input.body.pedidos }}) ou um número n, que repete n vezes (0 a n−1). No caminho Cada item, {{ .steps.<loop>.body.item }} e .index são os atuais; em Concluído, .results tem, por item, o corpo do último passo do caminho.":
    "A list (e.g. {{ .input.body.orders }}) or a number n, which repeats n times (0 to n−1). On the Each item path, {{ .steps.<loop>.body.item }} and .index are the current ones; on Done, .results holds, per item, the body of the path's last step.",
  "{{ .input.body.itens }}": "{{ .input.body.items }}",
  "Cada item": "Each item",
  Concluído: "Done",
};
