import { fieldText } from "@fluxo/contracts";
import { z } from "zod";
import { builtInResult, noConnection } from "../sdk/built-in.js";
import { defineConnector, defineOperation } from "../sdk/define.js";
import { StepSuspended } from "../sdk/errors.js";
import { waitIcon } from "./icon.js";
import { waitEn } from "./texts.en.js";

/** The longest wait a step may ask for: 5 minutes. */
export const MAX_WAIT_MS = 300_000;
const DURATION = fieldText("wait.field.duration", { max: MAX_WAIT_MS });

const durationSchema = z.coerce.number({ error: DURATION }).int(DURATION).min(0, DURATION).max(MAX_WAIT_MS, DURATION);

export const delay = defineOperation({
  key: "delay",
  name: "Espera",
  description: "Espera um tempo antes do próximo passo (até 5 minutos).",
  fields: [
    { key: "durationMs", label: "Duração (ms)", type: "number", required: true, default: 1000, expression: true, help: `Quanto esperar, em milissegundos. ${DURATION}`, schema: durationSchema },
  ],
  parameters: z.object({ durationMs: durationSchema }),
  async run(ctx) {
    const waitedMs = ctx.parameters.durationMs;
    // A step resumed after a hand-off waits only for what is left of its time.
    const startedAt = ctx.startedAt ?? new Date();
    const remainingMs = Math.max(0, startedAt.getTime() + waitedMs - Date.now());
    if (ctx.handOff && remainingMs > ctx.handOff.afterMs) throw new StepSuspended(new Date(Date.now() + remainingMs));
    await waitFor(remainingMs, ctx.signal);
    return builtInResult({ waitedMs });
  },
});

/** A timer, not a thread: a thousand waiting steps hold nothing but their timers. Rejects when `signal` aborts (the server stops). */
function waitFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

export const wait = defineConnector({
  key: "wait",
  translations: { en: waitEn },
  name: "Espera",
  description: "Pausa o fluxo por um tempo (até 5 minutos).",
  icon: waitIcon,
  ...noConnection,
  operations: [delay],
});
