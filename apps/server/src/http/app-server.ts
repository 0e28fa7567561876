import { createServer, IncomingMessage, type Server, ServerResponse } from "node:http";
import type { Express } from "express";

/**
 * The HTTP server for an Express app, whose requests and responses are born with the app's
 * prototypes. Express otherwise re-parents each one as it enters the app
 * (`Object.setPrototypeOf(req, app.request)`); V8 then no longer sees one shape for them, and
 * every property access in Node's HTTP code and in Express's own slows down: a quarter of the
 * API's CPU per execution on the bench machine (bench/README.md). Given objects that already
 * have that prototype, Express's call changes nothing.
 */
export function createAppServer(app: Express): Server {
  class AppRequest extends IncomingMessage {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  app.request = AppRequest.prototype as Express["request"];

  class AppResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {}
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.response = AppResponse.prototype as unknown as Express["response"];

  return createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
}
