import { problem } from "../http/route-problems.js";
import type { ApiKeyCreated, ApiKeyInfo, InviteCreated, InviteInfo, InvitePreview, Member, Role, SessionInfo, WorkspaceMembership } from "@fluxo/contracts";
import type pg from "pg";
import type { PrismaClient } from "../db/database.js";
import { utcParam } from "../db/sql.js";
import type { ApiKey, Invite } from "../generated/prisma/client.js";
import { notFound, ProblemError } from "../http/problem.js";
import { isUuid } from "../connections/connection-service.js";
import { DUMMY_HASH, hashPassword, verifyPassword } from "./password.js";
import type { Principal } from "./permissions.js";
import { RecentPrincipals } from "./recent-principals.js";
import type { Revocation } from "./revocation.js";
import { API_KEY_PREFIX, newToken, tokenHash } from "./tokens.js";

export const SESSION_TTL_MS = 7 * 24 * 3600_000;
const INVITE_TTL_MS = 7 * 24 * 3600_000;

/** The workspace the migration made for an installation's first owner and its older rows. */
export const DEFAULT_WORKSPACE_ID = "00000000-0000-4000-8000-000000000001";

export interface NewSession {
  token: string;
  expiresAt: Date;
}

const unauthorized = () => new ProblemError(401, "Unauthorized", problem("auth.sign_in"));

/** Accounts, sessions, memberships, invites and API keys. */
export class AuthService {
  private readonly recent: RecentPrincipals;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pool: pg.Pool,
    /** How long a checked session or API key is believed without asking again (FLUXO_AUTH_CACHE_MS). */
    principalTtlMs = 0,
    /** Told once a principal stops being valid, so streams it holds open (in every API process) close. */
    private readonly revoked: (revocation: Revocation) => void = () => {},
  ) {
    this.recent = new RecentPrincipals(principalTtlMs);
  }

  async setupRequired(): Promise<boolean> {
    return (await this.prisma.membership.count({ where: { role: "owner" } })) === 0;
  }

  /** Creates the first owner in the default workspace; refused (409) once any owner exists. */
  async setup(input: { email: string; name: string; password: string }): Promise<NewSession> {
    const passwordHash = await hashPassword(input.password);
    const userId = await this.prisma.$transaction(async (tx) => {
      // One setup wins even when two arrive at once: the lock serialises them.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242)`;
      if ((await tx.membership.count({ where: { role: "owner" } })) > 0) {
        throw new ProblemError(409, "Conflict", problem("auth.owner_exists"));
      }
      const workspace = (await tx.workspace.findUnique({ where: { id: DEFAULT_WORKSPACE_ID } })) ?? (await tx.workspace.create({ data: { id: DEFAULT_WORKSPACE_ID, name: "Workspace" } }));
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "owner" } });
      return user.id;
    });
    return this.openSession(userId);
  }

  /** A new workspace owned by a new account (e.g. a second team on the same installation). */
  async createWorkspaceWithOwner(input: { workspace: string; email: string; name: string; password: string }): Promise<{ workspaceId: string; session: NewSession }> {
    const passwordHash = await hashPassword(input.password);
    const { workspaceId, userId } = await this.prisma.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { name: input.workspace } });
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: user.id, role: "owner" } });
      return { workspaceId: workspace.id, userId: user.id };
    });
    return { workspaceId, session: await this.openSession(userId) };
  }

  /** Null when the e-mail or the password is wrong (the caller can't tell which). */
  async login(email: string, password: string): Promise<NewSession | null> {
    const user = await this.prisma.user.findUnique({ where: { email } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    return user && ok ? this.openSession(user.id) : null;
  }

  async logout(sessionHash: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { tokenHash: sessionHash } });
    this.recent.forgetAll();
    this.revoked({ kind: "session", sessionHash });
  }

  /**
   * The principal behind a session cookie, or null when it is unknown, expired or its membership is gone.
   * Asked on every request a browser makes: remembered for a moment (RecentPrincipals), else one
   * plain SQL statement (Prisma costs several times more).
   */
  async sessionPrincipal(token: string): Promise<Principal | null> {
    const hash = tokenHash(token);
    return this.recent.lookup(hash, async () => {
      const { rows } = await this.pool.query<{ userId: string; workspaceId: string; role: Role; expiresAt: Date }>({
        // Named: prepared once per connection, not parsed and planned on every request.
        name: "fluxo-session-principal",
        text: `SELECT s."userId", s."workspaceId", m.role, (s."expiresAt" AT TIME ZONE 'UTC') AS "expiresAt" FROM "Session" s
         JOIN "Membership" m ON m."workspaceId" = s."workspaceId" AND m."userId" = s."userId"
         WHERE s."tokenHash" = $1 AND s."expiresAt" > ${utcParam(2)}`,
        values: [hash, new Date().toISOString()],
      });
      const row = rows[0];
      return row ? { principal: { kind: "user", userId: row.userId, workspaceId: row.workspaceId, role: row.role, sessionHash: hash, sessionExpiresAt: row.expiresAt.getTime() }, expiresAt: row.expiresAt.getTime() } : null;
    });
  }

  /**
   * The principal behind an API key, or null when it is unknown or revoked. Remembered for a
   * moment like a session, else one statement: `lastUsedAt` is only rewritten when it is a
   * minute old or more.
   */
  async apiKeyPrincipal(key: string): Promise<Principal | null> {
    const hash = tokenHash(key);
    return this.recent.lookup(hash, async () => {
      const { rows } = await this.pool.query<{ id: string; workspaceId: string }>({
        name: "fluxo-api-key-principal",
        text: `WITH k AS (SELECT id, "workspaceId", "lastUsedAt" FROM "ApiKey" WHERE "keyHash" = $1 AND "revokedAt" IS NULL),
         touched AS (UPDATE "ApiKey" a SET "lastUsedAt" = ${utcParam(2)} FROM k
                     WHERE a.id = k.id AND (k."lastUsedAt" IS NULL OR k."lastUsedAt" < ${utcParam(2)} - interval '1 minute'))
         SELECT id, "workspaceId" FROM k`,
        values: [hash, new Date().toISOString()],
      });
      const row = rows[0];
      return row ? { principal: { kind: "api-key", keyId: row.id, workspaceId: row.workspaceId } } : null;
    });
  }

  async sessionInfo(principal: Principal | null): Promise<SessionInfo> {
    if (!principal || principal.kind !== "user") return { setupRequired: await this.setupRequired(), user: null, workspace: null, role: null, workspaces: [] };
    const [user, workspaces] = await Promise.all([this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId } }), this.workspacesOf(principal.userId)]);
    const current = workspaces.find((w) => w.id === principal.workspaceId)!;
    return { setupRequired: false, user: { id: user.id, email: user.email, name: user.name }, workspace: { id: current.id, name: current.name }, role: principal.role, workspaces };
  }

  // ── Workspaces of one person ─────────────────────────────────────────────

  async workspacesOf(userId: string): Promise<WorkspaceMembership[]> {
    const rows = await this.prisma.membership.findMany({ where: { userId }, include: { workspace: true }, orderBy: { createdAt: "asc" } });
    return rows.map((m) => ({ id: m.workspaceId, name: m.workspace.name, role: m.role }));
  }

  /** Moves the session to another of the person's workspaces; one they don't belong to is as good as missing (404). */
  async switchWorkspace(actor: Principal, workspaceId: string): Promise<void> {
    if (actor.kind !== "user") throw new ProblemError(403, "Forbidden", problem("auth.key_one_workspace"));
    const membership = isUuid(workspaceId) ? await this.prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId: actor.userId } } }) : null;
    if (!membership) throw notFound("thing.workspace", workspaceId);
    await this.prisma.session.update({ where: { tokenHash: actor.sessionHash }, data: { workspaceId } });
    this.recent.forgetAll();
  }

  /** A new workspace owned by the caller; their session moves to it. */
  async createWorkspace(actor: Principal, name: string): Promise<void> {
    if (actor.kind !== "user") throw new ProblemError(403, "Forbidden", problem("auth.key_one_workspace"));
    const workspaceId = await this.prisma.$transaction(async (tx) => {
      const workspace = await tx.workspace.create({ data: { name } });
      await tx.membership.create({ data: { workspaceId: workspace.id, userId: actor.userId, role: "owner" } });
      return workspace.id;
    });
    await this.prisma.session.update({ where: { tokenHash: actor.sessionHash }, data: { workspaceId } });
    this.recent.forgetAll();
  }

  // ── Members ──────────────────────────────────────────────────────────────

  async members(workspaceId: string): Promise<Member[]> {
    const rows = await this.prisma.membership.findMany({ where: { workspaceId }, include: { user: true }, orderBy: { createdAt: "asc" } });
    return rows.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt.toISOString() }));
  }

  /** Only an owner grants or takes the owner role; the last owner stays. */
  async updateMember(actor: Principal, userId: string, role: Role): Promise<Member> {
    const membership = await this.findMembership(actor.workspaceId, userId);
    this.assertMayChange(actor, membership.role, role);
    if (membership.role === "owner" && role !== "owner") await this.assertAnotherOwner(actor.workspaceId);
    await this.prisma.membership.update({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } }, data: { role } });
    this.recent.forgetAll();
    return (await this.members(actor.workspaceId)).find((m) => m.userId === userId)!;
  }

  async removeMember(actor: Principal, userId: string): Promise<void> {
    const membership = await this.findMembership(actor.workspaceId, userId);
    this.assertMayChange(actor, membership.role, membership.role);
    if (membership.role === "owner") await this.assertAnotherOwner(actor.workspaceId);
    await this.prisma.$transaction([
      this.prisma.membership.delete({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } } }),
      this.prisma.session.deleteMany({ where: { userId, workspaceId: actor.workspaceId } }),
    ]);
    this.recent.forgetAll();
    this.revoked({ kind: "membership", workspaceId: actor.workspaceId, userId });
  }

  // ── Invites ──────────────────────────────────────────────────────────────

  async invites(workspaceId: string): Promise<InviteInfo[]> {
    const rows = await this.prisma.invite.findMany({ where: { workspaceId, acceptedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: "desc" } });
    return rows.map(toInviteInfo);
  }

  async createInvite(actor: Principal, input: { email: string; role: Role }): Promise<InviteCreated> {
    const existing = await this.prisma.membership.findFirst({ where: { workspaceId: actor.workspaceId, user: { email: input.email } } });
    if (existing) throw new ProblemError(409, "Conflict", problem("auth.already_member", { email: input.email }));
    const token = newToken();
    const row = await this.prisma.invite.create({
      data: { workspaceId: actor.workspaceId, email: input.email, role: input.role, tokenHash: tokenHash(token), createdById: actor.kind === "user" ? actor.userId : null, expiresAt: new Date(Date.now() + INVITE_TTL_MS) },
    });
    return { ...toInviteInfo(row), token };
  }

  async revokeInvite(workspaceId: string, id: string): Promise<void> {
    const { count } = isUuid(id) ? await this.prisma.invite.deleteMany({ where: { id, workspaceId, acceptedAt: null } }) : { count: 0 };
    if (count === 0) throw notFound("thing.invite", id);
  }

  async previewInvite(token: string): Promise<InvitePreview> {
    const invite = await this.findOpenInvite(token);
    const [workspace, account] = await Promise.all([this.prisma.workspace.findUniqueOrThrow({ where: { id: invite.workspaceId } }), this.prisma.user.findUnique({ where: { email: invite.email } })]);
    return { email: invite.email, role: invite.role, workspace: workspace.name, accountExists: account !== null };
  }

  /**
   * An existing account joins the invite's workspace with the invite's role, once, and its
   * session moves there. Only the account the invite names may use it: the token is a link
   * that may be forwarded, the e-mail is who the inviter meant.
   */
  async joinWithInvite(actor: Principal, token: string): Promise<void> {
    if (actor.kind !== "user") throw new ProblemError(403, "Forbidden", problem("auth.sign_in_to_accept"));
    const invite = await this.findOpenInvite(token);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
    if (user.email !== invite.email) throw new ProblemError(403, "Forbidden", problem("auth.invite_for_other", { email: invite.email }));
    await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
      if (count === 0) throw inviteGone();
      const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: invite.workspaceId, userId: user.id } } });
      if (!existing) await tx.membership.create({ data: { workspaceId: invite.workspaceId, userId: user.id, role: invite.role } });
    });
    await this.prisma.session.update({ where: { tokenHash: actor.sessionHash }, data: { workspaceId: invite.workspaceId } });
    this.recent.forgetAll();
  }

  /** Creates the invited person's account and membership, once; then they are signed in. */
  async acceptInvite(input: { token: string; name: string; password: string }): Promise<NewSession> {
    const invite = await this.findOpenInvite(input.token);
    if (await this.prisma.user.findUnique({ where: { email: invite.email } })) {
      throw new ProblemError(409, "Conflict", problem("auth.account_exists", { email: invite.email }));
    }
    const passwordHash = await hashPassword(input.password);
    const userId = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
      if (count === 0) throw inviteGone();
      const user = await tx.user.create({ data: { email: invite.email, name: input.name, passwordHash } });
      await tx.membership.create({ data: { workspaceId: invite.workspaceId, userId: user.id, role: invite.role } });
      return user.id;
    });
    return this.openSession(userId);
  }

  // ── API keys ─────────────────────────────────────────────────────────────

  async apiKeys(workspaceId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.prisma.apiKey.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" } });
    return rows.map(toApiKeyInfo);
  }

  async createApiKey(actor: Principal, name: string): Promise<ApiKeyCreated> {
    const key = newToken(API_KEY_PREFIX);
    const row = await this.prisma.apiKey.create({
      data: { workspaceId: actor.workspaceId, name, prefix: key.slice(0, API_KEY_PREFIX.length + 6), keyHash: tokenHash(key), createdById: actor.kind === "user" ? actor.userId : null },
    });
    return { ...toApiKeyInfo(row), key };
  }

  async revokeApiKey(workspaceId: string, id: string): Promise<ApiKeyInfo> {
    const row = isUuid(id) ? await this.prisma.apiKey.findFirst({ where: { id, workspaceId } }) : null;
    if (!row) throw notFound("thing.api_key", id);
    if (row.revokedAt) return toApiKeyInfo(row);
    const revoked = await this.prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    this.recent.forgetAll();
    this.revoked({ kind: "api-key", keyId: id });
    return toApiKeyInfo(revoked);
  }

  // ── internals ────────────────────────────────────────────────────────────

  private async openSession(userId: string): Promise<NewSession> {
    const membership = await this.prisma.membership.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "asc" } });
    const token = newToken();
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    await this.prisma.session.create({ data: { tokenHash: tokenHash(token), userId, workspaceId: membership.workspaceId, expiresAt } });
    await this.prisma.session.deleteMany({ where: { userId, expiresAt: { lte: new Date() } } });
    return { token, expiresAt };
  }

  private async findMembership(workspaceId: string, userId: string) {
    const membership = isUuid(userId) ? await this.prisma.membership.findUnique({ where: { workspaceId_userId: { workspaceId, userId } } }) : null;
    if (!membership) throw notFound("thing.member", userId);
    return membership;
  }

  private assertMayChange(actor: Principal, from: Role, to: Role): void {
    const actorIsOwner = actor.kind === "user" && actor.role === "owner";
    if ((from === "owner" || to === "owner") && !actorIsOwner) throw new ProblemError(403, "Forbidden", problem("auth.owner_role_by_owner"));
  }

  private async assertAnotherOwner(workspaceId: string): Promise<void> {
    if ((await this.prisma.membership.count({ where: { workspaceId, role: "owner" } })) < 2) {
      throw new ProblemError(409, "Conflict", problem("auth.last_owner"));
    }
  }

  private async findOpenInvite(token: string): Promise<Invite> {
    const invite = await this.prisma.invite.findUnique({ where: { tokenHash: tokenHash(token) } });
    if (!invite || invite.acceptedAt || invite.expiresAt.getTime() <= Date.now()) throw inviteGone();
    return invite;
  }
}

export { unauthorized };

const inviteGone = () => new ProblemError(404, "Not Found", problem("auth.invite_gone"));

function toInviteInfo(row: Invite): InviteInfo {
  return { id: row.id, email: row.email, role: row.role, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt.toISOString(), acceptedAt: row.acceptedAt?.toISOString() ?? null };
}

function toApiKeyInfo(row: ApiKey): ApiKeyInfo {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null, revokedAt: row.revokedAt?.toISOString() ?? null };
}
