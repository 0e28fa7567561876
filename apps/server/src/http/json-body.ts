import type { IncomingMessage } from "node:http";
import express, { type RequestHandler } from "express";
import { checkJsonText, type JsonTextCheck } from "./json-text.mjs";
import { ProblemError } from "./problem.js";

/**
 * JSON bodies up to `limit` bytes, refused (400, saying why) by the checks of json-text.mjs:
 * not valid UTF-8, prototype keys, nesting too deep. The API's bodies are small (FLUXO_BODY_LIMIT,
 * 1 MB), so they are checked in place; the gateway's may reach 10 MB (see off-thread-json.ts).
 */
export function jsonBody(limit: number): RequestHandler {
  return express.json({
    limit,
    verify: (_req: IncomingMessage, _res, buffer: Buffer) => void checkedJsonText(buffer),
  });
}

/** The body as text when it passes the checks; throws a 400 ProblemError otherwise. */
export function checkedJsonText(buffer: Buffer): string {
  return passedJsonText(checkJsonText(buffer)).text;
}

/** A check's passing result; throws its refusal as a 400 ProblemError. */
export function passedJsonText<Check extends JsonTextCheck>(check: Check): Exclude<Check, { problem: unknown }> {
  if ("problem" in check) throw new ProblemError(400, "Bad Request", check.problem);
  return check as Exclude<Check, { problem: unknown }>;
}
