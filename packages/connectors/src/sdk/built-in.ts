import { ref, stepMessage, type StepMessageParam } from "@fluxo/contracts";
import { z } from "zod";
import type { StepResult } from "@fluxo/contracts";
import { StepError } from "./errors.js";
import type { ConnectorDefinition } from "./types.js";

/** What a built-in step (Condição, Loop, Transformar, Espera) has instead of a connection: none. */
export const noConnection = {
  connectionFields: [],
  connectionOptional: true,
  builtIn: true,
  connection: z.object({}),
  testConnection: () => {
    throw new StepError({ kind: "connection", ...stepMessage("engine.no_connection_needed") });
  },
} satisfies Pick<ConnectorDefinition, "connectionFields" | "connectionOptional" | "builtIn" | "connection" | "testConnection">;

/** A built-in step's result: nothing was called, so there are no headers and the code is 200. */
export function builtInResult(body: unknown): StepResult {
  return { code: 200, headers: {}, body };
}

/** A value as a person reads it in an error message: JSON, cut short ("vazio", in the reader's language, for nothing). */
export function shown(value: unknown): StepMessageParam {
  if (value === undefined) return ref("value.empty");
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
