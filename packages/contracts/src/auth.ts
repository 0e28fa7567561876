import { z } from "zod";
import { atLeastChars, atMostChars, REQUIRED } from "./messages.js";

// ── Accounts, workspaces, API keys ─────────────────────────────────────────

export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PASSWORD_MIN_LENGTH = 12;

const EmailSchema = z.string().trim().toLowerCase().max(254, atMostChars(254)).email("Informe um e-mail válido (nome@exemplo.com).");
const PersonNameSchema = z.string().trim().min(1, REQUIRED).max(120, atMostChars(120));
// An upper bound keeps a huge "password" from making scrypt the attacker's lever.
const PasswordSchema = z.string().min(PASSWORD_MIN_LENGTH, atLeastChars(PASSWORD_MIN_LENGTH)).max(256, atMostChars(256));

/** The first account: the owner of the default workspace. */
export const SetupSchema = z.object({ email: EmailSchema, name: PersonNameSchema, password: PasswordSchema });
export type Setup = z.input<typeof SetupSchema>;

export const LoginSchema = z.object({ email: EmailSchema, password: z.string().min(1, REQUIRED).max(256, atMostChars(256)) });
export type Login = z.input<typeof LoginSchema>;

export const InviteCreateSchema = z.object({ email: EmailSchema, role: z.enum(["admin", "member", "viewer"]) });
export type InviteCreate = z.input<typeof InviteCreateSchema>;

export const InviteTokenSchema = z.object({ token: z.string().min(1, REQUIRED).max(200) });
export const InviteAcceptSchema = InviteTokenSchema.extend({ name: PersonNameSchema, password: PasswordSchema });
export type InviteAccept = z.input<typeof InviteAcceptSchema>;

/** Joining a workspace with an account one already has, signed in as the invited e-mail. */
export const InviteJoinSchema = InviteTokenSchema;
export type InviteJoin = z.input<typeof InviteJoinSchema>;

export const WorkspaceSwitchSchema = z.object({ workspaceId: z.string().min(1, REQUIRED).max(100) });
export type WorkspaceSwitch = z.input<typeof WorkspaceSwitchSchema>;

export const WorkspaceCreateSchema = z.object({ name: z.string().trim().min(1, REQUIRED).max(120, atMostChars(120)) });
export type WorkspaceCreate = z.input<typeof WorkspaceCreateSchema>;

export const MemberUpdateSchema = z.object({ role: z.enum(ROLES) });
export type MemberUpdate = z.input<typeof MemberUpdateSchema>;

export const ApiKeyCreateSchema = z.object({ name: PersonNameSchema });
export type ApiKeyCreate = z.input<typeof ApiKeyCreateSchema>;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** A workspace the signed-in person belongs to, with their role there. */
export interface WorkspaceMembership {
  id: string;
  name: string;
  role: Role;
}

/** GET /api/auth/session: who is signed in, or whether the first owner is still to be created. */
export interface SessionInfo {
  setupRequired: boolean;
  user: SessionUser | null;
  /** The session's current workspace: every call is scoped by it. */
  workspace: { id: string; name: string } | null;
  role: Role | null;
  /** Every workspace the person belongs to (switch with POST /api/auth/workspace); empty when signed out. */
  workspaces: WorkspaceMembership[];
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface InviteInfo {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** Answered once, when the invite is made: the link carries the only copy of its token. */
export interface InviteCreated extends InviteInfo {
  token: string;
}

/** POST /api/auth/invite: what an invite link is for, before it is accepted. */
export interface InvitePreview {
  email: string;
  role: Role;
  workspace: string;
  /** The e-mail already has an account: sign in with it and join (POST /api/auth/invite/join) instead of creating one. */
  accountExists: boolean;
}

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Answered once, when the key is made: only its hash is stored. */
export interface ApiKeyCreated extends ApiKeyInfo {
  key: string;
}
