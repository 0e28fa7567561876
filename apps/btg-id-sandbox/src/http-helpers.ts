import type { RequestHandler } from "express";
import { sendJson } from "./oauth-error.js";

/** 405 with an Allow header, for the known paths' other methods. */
export function methodNotAllowed(allow: string): RequestHandler {
  return (req, res) => {
    sendJson(
      res,
      405,
      { error: "method_not_allowed", error_description: `${req.method} is not allowed here; use ${allow}` },
      { Allow: allow, "Cache-Control": "no-store" },
    );
  };
}

export const notFound: RequestHandler = (req, res) => {
  sendJson(res, 404, { error: "not_found", error_description: `no such endpoint: ${req.method} ${req.path}` });
};
