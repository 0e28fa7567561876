import type { RequestHandler } from "express";

/**
 * CORS only for the origins FLUXO_CORS_ORIGINS names, and without credentials: a page on
 * another origin may call the API with an API key, never with a person's session cookie.
 * With no origins configured this adds nothing, so browsers keep the same-origin rule.
 */
export function cors(origins: string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get("origin");
    if (allowed.size === 0 || !origin || !allowed.has(origin)) return next();
    res.vary("Origin");
    res.set("Access-Control-Allow-Origin", origin);
    if (req.method === "OPTIONS") {
      res.set("Access-Control-Allow-Methods", "GET, POST");
      res.set("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID");
      res.set("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
    next();
  };
}
