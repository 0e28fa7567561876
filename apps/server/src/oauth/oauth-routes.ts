import { problem } from "../http/route-problems.js";
import type { Request } from "express";
import { OAuthAuthorizeStartSchema, OAuthConfigSchema, OAuthDisconnectedSchema } from "@fluxo/contracts";
import { z } from "zod";
import { ProblemError } from "../http/problem.js";
import type { Logger } from "../logger.js";
import type { CallbackOutcome, ConnectFlow } from "./connect-flow.js";
import { route, type ApiRoute } from "../routes/api-route.js";

export interface OAuthDeps {
  connect: ConnectFlow;
  /** FLUXO_PUBLIC_URL; null: the request's own origin. */
  publicUrl: string | null;
  logger: Logger;
}

export const CALLBACK_PATH = "/api/oauth/callback";

/** What the authorization server must send the person back to: registered at BTG as is. */
export function redirectUri(req: Request, publicUrl: string | null): string {
  return `${publicUrl ?? `${req.protocol}://${req.get("host")}`}${CALLBACK_PATH}`;
}

/** Lenient on purpose: whatever arrives, the person lands on the connection page with a message, never on a JSON error. */
const oneText = (max: number) => z.preprocess((value) => (typeof value === "string" && value.length <= max ? value : undefined), z.string().optional());
const CallbackQuerySchema = z.object({
  code: oneText(2048),
  state: oneText(512),
  iss: oneText(2048),
  error: oneText(256),
});

/** Back to the connection in the web app, saying how it went (a code the web app words; never a token). */
function backToConnection(outcome: CallbackOutcome): string {
  const query = new URLSearchParams();
  if (outcome.connectionId) query.set("conexao", outcome.connectionId);
  if ("connected" in outcome) query.set("oauth", "conectado");
  else {
    query.set("oauth", outcome.error);
    if (outcome.reason) query.set("motivo", outcome.reason);
  }
  return `/conexoes?${query.toString()}`;
}

/** "Conectar com o BTG": start, callback, disconnect, and the redirect URI to register. */
export function oauthRoutes(): ApiRoute[] {
  return [
    route({
      method: "get",
      path: "/oauth/config",
      access: "read",
      tag: "connections",
      summary: "The redirect URI to register at BTG for Authorization Code connections",
      reply: { status: 200, description: "The redirect URI.", schema: OAuthConfigSchema },
      handle: ({ deps, req }) => ({ redirectUri: redirectUri(req, deps.oauth.publicUrl) }),
    }),
    route({
      method: "post",
      path: "/connections/:id/oauth/authorize",
      access: "manage-connections",
      tag: "connections",
      summary: "Start \"Conectar com o BTG\": the authorization URL to open in the browser",
      description:
        "Only for a saved BTG-ID connection whose Autenticação is Authorization Code. The URL carries response_type=code, client_id, redirect_uri, scope, a single-use state bound to the caller's session (10 minutes), PKCE S256 and prompt=login.",
      reply: { status: 200, description: "Where to send the browser.", schema: OAuthAuthorizeStartSchema },
      problems: { 403: "Needs a signed-in person (the state is bound to the session), not an API key." },
      handle: async ({ deps, req, principal, workspaceId, param }) => {
        if (principal.kind !== "user") throw new ProblemError(403, "Forbidden", problem("oauth.person_only"));
        return { authorizationUrl: await deps.oauth.connect.start(workspaceId, param("id"), principal.sessionHash, redirectUri(req, deps.oauth.publicUrl)) };
      },
    }),
    route({
      method: "delete",
      path: "/connections/:id/oauth",
      access: "manage-connections",
      tag: "connections",
      summary: "Disconnect: revoke the tokens at BTG (RFC 7009, when offered) and forget them",
      reply: { status: 200, description: "Disconnected; whether BTG confirmed the revocation.", schema: OAuthDisconnectedSchema },
      handle: ({ deps, workspaceId, param }) => deps.oauth.connect.disconnect(workspaceId, param("id")),
    }),
    route({
      method: "get",
      path: "/oauth/callback",
      access: "public",
      tag: "connections",
      summary: "Where BTG sends the person back after consenting (the redirect URI)",
      description:
        "Checks state (known, this session's, unexpired, unused) and iss (RFC 9207) before exchanging the code with the PKCE verifier; stores the tokens sealed only when every check passes. Always answers 303 to /conexoes?conexao=<id>&oauth=conectado or oauth=<error code>[&motivo=<OAuth error>].",
      query: CallbackQuerySchema,
      reply: { status: 303, description: "To the web app's Conexões page, saying how it went; whatever happened (never a blank page or a JSON error).", redirect: true },
      handle: async ({ deps, req, res, query }) => {
        const sessionHash = req.principal?.kind === "user" ? req.principal.sessionHash : null;
        res.set("Cache-Control", "no-store");
        try {
          return backToConnection(await deps.oauth.connect.callback(query, sessionHash));
        } catch (error) {
          // Logged for whoever runs the server; the person goes back to the connection with a message, never a JSON error.
          deps.oauth.logger.error({ err: error, path: req.path }, "oauth callback failed unexpectedly");
          const connectionId = await deps.oauth.connect.connectionOfState(query.state).catch(() => null);
          return backToConnection({ connectionId, error: "server_error" });
        }
      },
    }),
  ];
}
