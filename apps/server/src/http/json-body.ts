import type { IncomingMessage } from "node:http";
import express, { type RequestHandler } from "express";
import { ProblemError } from "./problem.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });
// A key named so in an object (not inside a string, where its quotes would be escaped).
const PROTOTYPE_KEY = /"(?:__proto__|constructor|prototype)"\s*:/;
/** Far deeper than any flow definition or sensible payload; deeper bodies only make recursion expensive. */
export const MAX_JSON_DEPTH = 64;

/**
 * JSON bodies up to `limit` bytes, refused (400, saying why) when they are not valid UTF-8
 * (instead of silently turning bytes into U+FFFD) or carry `__proto__`/`constructor`/
 * `prototype` keys, which no Fluxo body has and which are the usual prototype-pollution lever,
 * or nest deeper than MAX_JSON_DEPTH.
 */
export function jsonBody(limit: number): RequestHandler {
  return express.json({
    limit,
    verify: (_req: IncomingMessage, _res, buffer: Buffer) => void checkedJsonText(buffer),
  });
}

/** The body as text when it passes the checks above; throws a 400 ProblemError otherwise. */
export function checkedJsonText(buffer: Buffer): string {
  let text: string;
  try {
    text = utf8.decode(buffer);
  } catch {
    throw new ProblemError(400, "Bad Request", "o corpo não é UTF-8 válido; envie o JSON codificado em UTF-8");
  }
  if (PROTOTYPE_KEY.test(text)) throw new ProblemError(400, "Bad Request", "o corpo usa uma chave proibida (__proto__, constructor ou prototype); remova-a");
  if (depthOf(text) > MAX_JSON_DEPTH) throw new ProblemError(400, "Bad Request", `o corpo aninha objetos e listas em mais de ${MAX_JSON_DEPTH} níveis; simplifique-o`);
  return text;
}

/** How deeply objects and arrays nest in a JSON text (brackets inside strings don't count). */
function depthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}
