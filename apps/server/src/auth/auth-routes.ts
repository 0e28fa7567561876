import { problem } from "../http/route-problems.js";
import { InviteAcceptSchema, InvitePreviewSchema, InviteJoinSchema, InviteTokenSchema, LoginSchema, SessionInfoSchema, SetupSchema, WorkspaceSwitchSchema } from "@fluxo/contracts";
import { ProblemError } from "../http/problem.js";
import { route, type ApiRoute } from "../routes/api-route.js";
import { clearSessionCookie, SESSION_COOKIE, sessionToken, setSessionCookie } from "./http-auth.js";

/** Routes that sign someone in answer with the session cookie. */
const SESSION_SET = { "Set-Cookie": `${SESSION_COOKIE}=<token>; HttpOnly; SameSite=Lax; Path=/` };

/** Sign-up of the first owner, sign-in and out, invites accepted or joined, the session's workspace. */
export const AUTH_ROUTES: ApiRoute[] = [
  route({
    method: "get",
    path: "/auth/session",
    access: "public",
    tag: "accounts",
    summary: "Who is signed in (or whether the first owner is still to be created)",
    reply: { status: 200, description: "The session, or a signed-out answer.", schema: SessionInfoSchema },
    handle: ({ deps, req }) => deps.auth.sessionInfo(req.principal ?? null),
  }),
  route({
    method: "post",
    path: "/auth/setup",
    access: "public",
    tag: "accounts",
    summary: "Create the first owner (once per installation)",
    body: SetupSchema,
    reply: { status: 201, description: "The owner is signed in.", schema: SessionInfoSchema, headers: SESSION_SET },
    problems: { 409: "The installation already has an owner: sign in instead." },
    handle: async ({ deps, req, res, body }) => {
      const session = await deps.auth.setup(body);
      setSessionCookie(req, res, session);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token));
    },
  }),
  route({
    method: "post",
    path: "/auth/login",
    access: "public",
    tag: "accounts",
    summary: "Sign in with e-mail and password",
    body: LoginSchema,
    reply: { status: 200, description: "Signed in.", schema: SessionInfoSchema, headers: SESSION_SET },
    problems: { 401: "Wrong e-mail or password.", 429: "Too many attempts for this e-mail or address; Retry-After says when to try again.", 503: "The attempt counter (Redis, in queue mode) is unreachable; Retry-After says when to try again." },
    handle: async ({ deps, req, res, body }) => {
      const { email, password } = body;
      const attempt = await deps.loginThrottle.take(email, req.ip ?? "?").catch(() => {
        res.set("Retry-After", "5");
        throw new ProblemError(503, "Service Unavailable", problem("auth.login_limit_unavailable"), undefined, { retryAfter: 5 });
      });
      if (!attempt.taken) {
        res.set("Retry-After", String(attempt.retryAfter));
        throw new ProblemError(429, "Too Many Requests", problem("auth.too_many_logins", { wait: attempt.retryAfter }), undefined, { retryAfter: attempt.retryAfter });
      }
      const session = await deps.auth.login(email, password);
      if (!session) throw new ProblemError(401, "Unauthorized", problem("auth.wrong_password"));
      await deps.loginThrottle.succeeded(attempt);
      setSessionCookie(req, res, session);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token));
    },
  }),
  route({
    method: "post",
    path: "/auth/logout",
    access: "public",
    tag: "accounts",
    summary: "Sign out: the session ends and its cookie is cleared",
    reply: { status: 204, description: "Signed out." },
    handle: async ({ deps, req, res }) => {
      if (req.principal?.kind === "user") await deps.auth.logout(req.principal.sessionHash);
      clearSessionCookie(req, res);
    },
  }),
  route({
    method: "post",
    path: "/auth/invite",
    access: "public",
    tag: "accounts",
    summary: "What an invite link is for, before accepting it",
    body: InviteTokenSchema,
    reply: { status: 200, description: "The invite.", schema: InvitePreviewSchema },
    problems: { 404: "The invite was used, expired or was revoked." },
    handle: ({ deps, body }) => deps.auth.previewInvite(body.token),
  }),
  route({
    method: "post",
    path: "/auth/invite/accept",
    access: "public",
    tag: "accounts",
    summary: "Accept an invite by creating an account",
    body: InviteAcceptSchema,
    reply: { status: 201, description: "The new account is signed in, in the invite's workspace.", schema: SessionInfoSchema, headers: SESSION_SET },
    problems: { 404: "The invite was used, expired or was revoked.", 409: "The e-mail already has an account: sign in and use /api/auth/invite/join." },
    handle: async ({ deps, req, res, body }) => {
      const session = await deps.auth.acceptInvite(body);
      setSessionCookie(req, res, session);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(session.token));
    },
  }),
  route({
    method: "post",
    path: "/auth/invite/join",
    access: "account",
    tag: "accounts",
    summary: "Join the invite's workspace with the account one is signed in with",
    body: InviteJoinSchema,
    reply: { status: 200, description: "The session, now in the invite's workspace with its role.", schema: SessionInfoSchema },
    problems: { 403: "Signed in as another e-mail than the invite's.", 404: "The invite was used, expired or was revoked." },
    handle: async ({ deps, req, principal, body }) => {
      await deps.auth.joinWithInvite(principal, body.token);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req)));
    },
  }),
  route({
    method: "post",
    path: "/auth/workspace",
    access: "account",
    tag: "accounts",
    summary: "Move the session to another workspace one belongs to",
    body: WorkspaceSwitchSchema,
    reply: { status: 200, description: "The session, moved.", schema: SessionInfoSchema },
    problems: { 404: "Not a member of that workspace." },
    handle: async ({ deps, req, principal, body }) => {
      await deps.auth.switchWorkspace(principal, body.workspaceId);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req)));
    },
  }),
];
