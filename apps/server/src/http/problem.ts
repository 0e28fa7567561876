import type { ErrorRequestHandler, RequestHandler, Response } from "express";
import { fieldTextIn, renderStepMessage, type FieldProblem, type Problem, type StepMessageParam } from "@fluxo/contracts";
import type { z } from "zod";
import type { CatalogLanguage } from "@fluxo/connectors";
import type { Logger } from "../logger.js";
import { PROBLEM_MESSAGES, zodErrorMap, type RequestPart } from "./problem-messages.js";
import { problem, renderProblem, type ProblemText, type RouteProblemCode } from "./route-problems.js";
import { requestLanguage } from "./request-language.js";
import { fieldProblemsIn, type HeldFieldProblem } from "./field-problems.js";

/**
 * An error the API answers as application/problem+json. A detail given as a ProblemText (a code of
 * route-problems.ts and its params) is told in the request's language; `message` is its pt-BR text.
 */
export class ProblemError extends Error {
  readonly text: ProblemText | undefined;

  constructor(
    readonly status: number,
    readonly title: string,
    detail: string | ProblemText,
    readonly errors?: FieldProblem[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(typeof detail === "string" ? detail : renderProblem(detail, "pt-BR"));
    this.name = "ProblemError";
    this.text = typeof detail === "string" ? undefined : detail;
  }

  /** The field problems in `language`: each one with a text (fieldProblem) or a code (the engine's checks) told in it, the others as written. */
  errorsIn(language: CatalogLanguage): FieldProblem[] | undefined {
    return this.errors && fieldProblemsIn(this.errors, language);
  }

  /** The detail in `language`: its text's when it has one, else as it was written. */
  detailIn(language: CatalogLanguage): string {
    return this.text ? renderProblem(this.text, language) : this.message;
  }
}

/** A field problem a route words itself: its pt-BR message, and its text to tell it in the request's language. */
export function fieldProblem(path: string, text: ProblemText): FieldProblem {
  const field: HeldFieldProblem = { path, message: renderProblem(text, "pt-BR"), text };
  return field;
}

/** A dependency (the queue's Redis, the database) is away: try again in `retryAfter` seconds (also sent as Retry-After). */
export const serviceUnavailable = (detail: string | ProblemText, retryAfter: number, extensions: Record<string, unknown> = {}) =>
  new ProblemError(503, "Service Unavailable", detail, undefined, { ...extensions, retryAfter });

/** "o fluxo X não existe": `thing` is a `thing.*` text (with its params, if it has some). */
export const notFound = (thing: RouteProblemCode, id: string, params?: Record<string, string | number>) =>
  new ProblemError(404, "Not Found", problem("not_found", { thing: problem(thing, params), id }));

/** A 422 lists this many problems at most: a body with 100 000 bad entries must not get a 16 MB answer. */
export const MAX_LISTED_PROBLEMS = 20;

export function validationProblem(detail: string | ProblemText, errors: FieldProblem[]): ProblemError {
  const text = typeof detail === "string" ? problem("as_is", { text: detail }) : detail;
  if (errors.length <= MAX_LISTED_PROBLEMS) return new ProblemError(422, "Unprocessable Content", text, errors);
  const more = errors.length - MAX_LISTED_PROBLEMS;
  const listed = problem("validation.first_problems", { detail: text, shown: MAX_LISTED_PROBLEMS, total: errors.length, more });
  return new ProblemError(422, "Unprocessable Content", listed, errors.slice(0, MAX_LISTED_PROBLEMS), { errorCount: errors.length });
}

export function zodProblems(error: z.ZodError, prefix: (string | number)[] = [], language: CatalogLanguage = "pt-BR"): FieldProblem[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path].map(String).join(".") || "(body)", message: codedIssueMessage(issue, language) ?? fieldTextIn(issue.message, language) }));
}

/** A contract's own issue that carries its message's code (a schedule's cron or zone), told in `language`. */
function codedIssueMessage(issue: z.core.$ZodIssue, language: CatalogLanguage): string | undefined {
  if (issue.code !== "custom" || typeof issue.params?.messageCode !== "string") return undefined;
  return renderStepMessage(issue.params.messageCode, issue.params.messageParams as Record<string, StepMessageParam> | undefined, language);
}

/** Parses a request part with a zod schema, answering 422 with one entry per field, in the request's language, when it doesn't fit. */
export function parseOr422<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart = "body", language: CatalogLanguage = "pt-BR"): z.infer<S> {
  // pt-BR is zod's configured language (zod-locale.ts); another one is asked for this parse only.
  const result = language === "pt-BR" ? schema.safeParse(value) : schema.safeParse(value, { error: zodErrorMap(language) });
  if (!result.success) throw validationProblem(PROBLEM_MESSAGES[language].invalidFields(part), zodProblems(result.error, [], language));
  return result.data;
}

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type("application/problem+json").json({ ...problem, detail: asSentence(problem.detail) });
}

/**
 * A detail reaches a person as a sentence: "o corpo…" answers "O corpo…". A detail opening with a
 * name from code (`client_id`, `x-idempotency-key`, `.input`) keeps it as written.
 */
export function asSentence(detail: string): string {
  if (!/^\p{Ll}\p{L}*(?=[\s,;:]|$)/u.test(detail)) return detail;
  return detail.charAt(0).toUpperCase() + detail.slice(1);
}

export const unknownRoute: RequestHandler = (req, res) => {
  sendProblem(res, { type: "about:blank", title: "Not Found", status: 404, detail: PROBLEM_MESSAGES[requestLanguage(req)].unknownRoute(req.method, req.path) });
};

/** The last middleware: every error becomes problem+json; unexpected ones are logged, never echoed. */
export function problemHandler(logger: Logger, options: { bodyLimit: number }): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error instanceof ProblemError) {
      if (typeof error.extensions.retryAfter === "number") res.set("Retry-After", String(error.extensions.retryAfter));
      sendProblem(res, { type: "about:blank", title: error.title, status: error.status, detail: error.detailIn(requestLanguage(req)), ...(error.errors ? { errors: error.errorsIn(requestLanguage(req)) } : {}), ...error.extensions });
      return;
    }
    const status = httpStatusOf(error);
    const words = PROBLEM_MESSAGES[requestLanguage(req)];
    if (status === 400) {
      sendProblem(res, { type: "about:blank", title: "Bad Request", status, detail: words.bodyNotJson });
      return;
    }
    if (status === 413) {
      sendProblem(res, { type: "about:blank", title: "Content Too Large", status, detail: words.bodyTooLarge(formatBytes(options.bodyLimit)) });
      return;
    }
    if (status === 415) {
      sendProblem(res, { type: "about:blank", title: "Unsupported Media Type", status, detail: words.unsupportedMediaType });
      return;
    }
    // Logged (stack included) for whoever runs the server; the answer never carries it.
    logger.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    sendProblem(res, { type: "about:blank", title: "Internal Server Error", status: 500, detail: words.internalError });
  };
}

function formatBytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${+(bytes / 1_048_576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error && typeof error.status === "number") return error.status;
  return undefined;
}
