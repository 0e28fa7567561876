import { stepMessage } from "@fluxo/contracts";
import { StepError } from "../sdk/errors.js";

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/** Why a dotted name can't name a place in an object, or null. */
export function fieldNameProblem(name: string): string | null {
  const segments = name.split(".");
  if (segments.some((s) => s.trim() === "")) return `"${name}" tem um trecho vazio; use nomes como cliente.nome`;
  const forbidden = segments.find((s) => FORBIDDEN_SEGMENTS.has(s));
  return forbidden ? `"${forbidden}" não pode ser usado como nome` : null;
}

/** The object `fields` describe: each dotted name a path (`cliente.nome` → `{ cliente: { nome } }`), in order. */
export function buildObject(fields: readonly { name: string; value?: unknown }[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  fields.forEach(({ name, value }, index) => {
    const segments = name.split(".");
    let target = root;
    segments.slice(0, -1).forEach((segment, depth) => {
      const existing = target[segment];
      if (existing === undefined) target[segment] = {};
      else if (typeof existing !== "object" || existing === null || Array.isArray(existing)) {
        const path = `fields.${index}.name`;
        const text = stepMessage("transform.not_an_object", { path, parent: segments.slice(0, depth + 1).join("."), name });
        throw new StepError({ kind: "invalid_parameters", ...text, fields: [{ path, message: text.message.slice(`${path}: `.length) }] });
      }
      target = target[segment] as Record<string, unknown>;
    });
    target[segments.at(-1)!] = value ?? null;
  });
  return root;
}
