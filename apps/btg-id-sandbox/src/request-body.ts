import express from "express";
import type { Request, RequestHandler, Response } from "express";
import { OAuthError, invalidRequest } from "./oauth-error.js";

/** Request bodies above this many bytes are refused with 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;

const readText = express.text({ type: () => true, limit: BODY_LIMIT_BYTES, defaultCharset: "utf-8" });

/** JSON bodies for the control API, same limit. */
export const jsonBody: RequestHandler = express.json({ limit: BODY_LIMIT_BYTES });

/** Reads the whole body as text (empty when there is none); rejects with body-parser's errors. */
export function readBodyText(req: Request, res: Response): Promise<string> {
  return new Promise((resolve, reject) => {
    readText(req, res, (err?: unknown) => {
      if (err) reject(err);
      else resolve(typeof req.body === "string" ? req.body : "");
    });
  });
}

/** body-parser errors carry an HTTP status and a type (http-errors). */
function isBodyParserError(err: unknown): err is { status: number; type?: string } {
  return typeof err === "object" && err !== null && typeof (err as { status?: unknown }).status === "number";
}

/**
 * Maps a body-reading failure to an OAuth-style error: 413 for a body over the limit, 400
 * invalid_request for the rest (bad charset or encoding, malformed JSON, aborted upload).
 * Returns undefined for errors that are not about the body.
 */
export function bodyError(err: unknown): OAuthError | undefined {
  if (!isBodyParserError(err)) return undefined;
  if (err.type === "entity.too.large" || err.status === 413) {
    return new OAuthError(413, "invalid_request", `the request body is larger than ${BODY_LIMIT_BYTES / 1024} KB`);
  }
  if (err.type === "entity.parse.failed") return invalidRequest("the request body is not valid JSON");
  if (err.status >= 400 && err.status < 500) return invalidRequest(`the request body could not be read (${err.type ?? err.status})`);
  return undefined;
}
