import type { ConnectorTexts } from "../sdk/texts.js";

/** Espera's metadata in English (sdk/texts.ts). */
export const waitEn: ConnectorTexts = {
  Espera: "Wait",
  "Pausa o fluxo por um tempo (até 5 minutos).": "Pauses the flow for a while (up to 5 minutes).",
  "Espera um tempo antes do próximo passo (até 5 minutos).": "Waits a while before the next step (up to 5 minutes).",
  "Duração (ms)": "Duration (ms)",
  "Quanto esperar, em milissegundos. Use de 0 a 300000 ms (5 minutos).": "How long to wait, in milliseconds. Use 0 to 300000 ms (5 minutes).",
};
