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
    throw new StepError({ kind: "connection", message: "este passo não usa conexão" });
  },
} satisfies Pick<ConnectorDefinition, "connectionFields" | "connectionOptional" | "builtIn" | "connection" | "testConnection">;

/** A built-in step's result: nothing was called, so there are no headers and the code is 200. */
export function builtInResult(body: unknown): StepResult {
  return { code: 200, headers: {}, body };
}

/** A value as a person reads it in an error message: JSON, cut short. */
export function shown(value: unknown): string {
  const text = value === undefined ? "vazio" : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
