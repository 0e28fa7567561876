import type { RequestHandler } from "express";
import { fieldProblem, validationProblem } from "./problem.js";
import { problem, type ProblemText } from "./route-problems.js";
import { firstUnstorable, type UnstorableAt } from "./unstorable-text.mjs";

/**
 * PostgreSQL can't keep a NUL character (U+0000) in text or jsonb, nor a lone UTF-16
 * surrogate (half of a character, e.g. "\ud800" in JSON). A body holding one is refused
 * whole with 422 naming where, instead of failing half-way with a 500 when it is stored.
 */
export interface UnstorableText {
  path: string;
  /** Why, told in the request's language: which character, where. */
  text: ProblemText;
}

/** The first string (value or key) in `value` that PostgreSQL can't store, with its path. */
export function findUnstorableText(value: unknown, path: string): UnstorableText | null {
  const found = firstUnstorable(value, path);
  return found && unstorableText(found);
}

/** Where (unstorable-text.mjs found it, here or in the JSON check's worker thread) told in words. */
export function unstorableText({ path, codeUnit, position }: UnstorableAt): UnstorableText {
  const what = codeUnit === 0 ? problem("body.nul") : problem("body.half_character", { code: codeUnit.toString(16) });
  return { path, text: problem("body.unstorable", { what, position }) };
}

/** Refuses, before any route runs, a JSON body that holds such a text. */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  const found = req.body === undefined ? null : findUnstorableText(req.body, "body");
  if (!found) return next();
  next(unstorableProblem(found));
};

export function unstorableProblem(found: UnstorableText) {
  return validationProblem(problem("body.unstorable_at", { path: found.path, reason: found.text }), [fieldProblem(found.path.replace(/^body\.?/, "") || "(body)", found.text)]);
}
