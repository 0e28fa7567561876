import type { RequestHandler } from "express";
import type { Logger } from "../logger.js";

/**
 * One log line per request once it is answered (or abandoned): method, path, status and
 * milliseconds — never the query string or headers, so cookies and keys stay out of logs. 5xx at
 * error, 4xx at warn, the rest at debug, and nothing is built when that level is off. (pino-http
 * did this by making a serialized, redacted child logger for every request, logged or not:
 * about a tenth of the API's allocations under load, bench/README.md.)
 */
export function requestLog(logger: Logger, ignore: (url: string) => boolean): RequestHandler {
  return (req, res, next) => {
    if (ignore(req.url)) return next();
    const started = performance.now();
    res.once("close", () => {
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "debug";
      if (!logger.isLevelEnabled(level)) return;
      const line = { req: { method: req.method, url: req.originalUrl.split("?")[0] }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - started) };
      logger[level](line, res.writableFinished ? "request completed" : "request aborted");
    });
    next();
  };
}
