import { ExecutionRetentionSchema, InviteCreatedSchema, InviteCreateSchema, InviteInfoSchema, MemberSchema, MemberUpdateSchema, SessionInfoSchema, WorkspaceCreateSchema } from "@fluxo/contracts";
import { z } from "zod";
import { route, type ApiRoute } from "../routes/api-route.js";
import { sessionToken } from "./http-auth.js";

/** Workspaces: create one, its retention settings, its members and invites. */
export const WORKSPACE_ROUTES: ApiRoute[] = [
  route({
    method: "post",
    path: "/workspaces",
    access: "account",
    tag: "accounts",
    summary: "Create a workspace owned by the caller (the session moves there)",
    body: WorkspaceCreateSchema,
    reply: { status: 201, description: "The session, in the new workspace.", schema: SessionInfoSchema },
    handle: async ({ deps, req, principal, body }) => {
      await deps.auth.createWorkspace(principal, body.name);
      return deps.auth.sessionInfo(await deps.auth.sessionPrincipal(sessionToken(req)));
    },
  }),
  // ── workspace: members, invites, API keys ──
  route({
    method: "get",
    path: "/workspace/retention",
    access: "read",
    tag: "workspace",
    summary: "How long the workspace keeps finished executions",
    reply: { status: 200, description: "Days and count; older finished executions are pruned with their steps and events.", schema: ExecutionRetentionSchema },
    handle: ({ deps, workspaceId }) => deps.retention.get(workspaceId),
  }),
  route({
    method: "put",
    path: "/workspace/retention",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Change how long the workspace keeps finished executions",
    description: "Executions still queued or running are never pruned; the next pruning pass (FLUXO_PRUNE_INTERVAL_MS) applies the change.",
    body: ExecutionRetentionSchema,
    reply: { status: 200, description: "The settings as saved.", schema: ExecutionRetentionSchema },
    handle: ({ deps, workspaceId, body }) => deps.retention.set(workspaceId, body),
  }),
  route({
    method: "get",
    path: "/members",
    access: "read",
    tag: "workspace",
    summary: "The workspace's members",
    reply: { status: 200, description: "Every member with their role.", schema: z.array(MemberSchema) },
    handle: ({ deps, workspaceId }) => deps.auth.members(workspaceId),
  }),
  route({
    method: "put",
    path: "/members/:userId",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Change a member's role",
    body: MemberUpdateSchema,
    reply: { status: 200, description: "The member.", schema: MemberSchema },
    problems: { 403: "Only an owner gives or takes the owner role.", 409: "The workspace would be left without an owner." },
    handle: ({ deps, principal, param, body }) => deps.auth.updateMember(principal, param("userId"), body.role),
  }),
  route({
    method: "delete",
    path: "/members/:userId",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Remove a member from the workspace",
    reply: { status: 204, description: "Removed." },
    problems: { 403: "Only an owner removes an owner.", 409: "The workspace would be left without an owner." },
    handle: ({ deps, principal, param }) => deps.auth.removeMember(principal, param("userId")),
  }),
  route({
    method: "get",
    path: "/invites",
    access: "manage-workspace",
    tag: "workspace",
    summary: "The workspace's invites",
    reply: { status: 200, description: "Pending and accepted invites.", schema: z.array(InviteInfoSchema) },
    handle: ({ deps, workspaceId }) => deps.auth.invites(workspaceId),
  }),
  route({
    method: "post",
    path: "/invites",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Invite someone by e-mail",
    description: "The answer carries the invite's token, once: the link to send is /convite#<token>.",
    body: InviteCreateSchema,
    reply: { status: 201, description: "The invite, with its token.", schema: InviteCreatedSchema },
    problems: { 409: "The e-mail is already a member." },
    handle: ({ deps, principal, body }) => deps.auth.createInvite(principal, body),
  }),
  route({
    method: "delete",
    path: "/invites/:id",
    access: "manage-workspace",
    tag: "workspace",
    summary: "Revoke an invite",
    reply: { status: 204, description: "Revoked." },
    handle: ({ deps, workspaceId, param }) => deps.auth.revokeInvite(workspaceId, param("id")),
  }),
];
