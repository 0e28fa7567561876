import type { RequestHandler } from "express";
import { fieldProblem, validationProblem } from "./problem.js";
import { problem, type ProblemText } from "./route-problems.js";

/**
 * PostgreSQL can't keep a NUL character (U+0000) in text or jsonb, nor a lone UTF-16
 * surrogate (half of a character, e.g. "\ud800" in JSON). A body holding one is refused
 * whole with 422 naming where, instead of failing half-way with a 500 when it is stored.
 */
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface UnstorableText {
  path: string;
  /** Why, told in the request's language: which character, where. */
  text: ProblemText;
}

/** The first string (value or key) in `value` that PostgreSQL can't store, with its path. */
export function findUnstorableText(value: unknown, path: string): UnstorableText | null {
  if (typeof value === "string") return problemIn(value, path);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = problemIn(key, `${path} (key)`);
      if (keyProblem) return keyProblem;
      const found = findUnstorableText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

function problemIn(text: string, path: string): UnstorableText | null {
  const match = UNSTORABLE.exec(text);
  if (!match) return null;
  const what = match[0] === "\u0000" ? problem("body.nul") : problem("body.half_character", { code: match[0].charCodeAt(0).toString(16) });
  return { path, text: problem("body.unstorable", { what, position: match.index + 1 }) };
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
