import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection, FlowListItem, InvitePreview, Problem, SessionInfo } from "@fluxo/contracts";
import { sessionCookieOf, startTestApp, type TestApp } from "./harness.js";

/** A person in several workspaces: joining with an existing account, switching, creating one. */
describe("workspaces of one person", () => {
  let app: TestApp;
  const ana = { email: "ana@fluxo.test", name: "Ana", password: "a long password 123" };
  let anaCookie: Record<string, string>;
  let secondOwner: Record<string, string>;
  let firstWorkspaceId: string;
  let secondWorkspaceId: string;

  beforeAll(async () => {
    app = await startTestApp("postgres");
    // Ana is a member of the owner's workspace…
    const invite = await app.api<{ token: string }>("POST", "/api/invites", { email: ana.email, role: "member" });
    const accepted = await fetch(`${app.url}/api/auth/invite/accept`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ token: invite.body.token, ...ana }) });
    anaCookie = { cookie: sessionCookieOf(accepted) };
    firstWorkspaceId = ((await accepted.json()) as SessionInfo).workspace!.id;
    // …and another team has its own workspace.
    const other = await app.server.auth.createWorkspaceWithOwner({ workspace: "Equipe B", email: "bia@fluxo.test", name: "Bia", password: "a long password 123" });
    secondOwner = { cookie: `fluxo_session=${other.session.token}` };
    secondWorkspaceId = other.workspaceId;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const session = async (headers: Record<string, string>) => (await app.api<SessionInfo>("GET", "/api/auth/session", undefined, headers)).body;

  it("lets an existing account join a second workspace with the invite's role", async () => {
    const invite = await app.api<{ token: string }>("POST", "/api/invites", { email: ana.email, role: "viewer" }, secondOwner);
    expect(invite.status).toBe(201);
    const preview = await app.api<InvitePreview>("POST", "/api/auth/invite", { token: invite.body.token });
    expect(preview.body).toMatchObject({ email: ana.email, workspace: "Equipe B", accountExists: true });
    // A new account for a taken e-mail is refused, pointing at signing in.
    const again = await app.api<Problem>("POST", "/api/auth/invite/accept", { token: invite.body.token, ...ana });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/entre com ela/);
    // Someone else signed in can't use Ana's invite.
    const stranger = await app.api<Problem>("POST", "/api/auth/invite/join", { token: invite.body.token }, secondOwner);
    expect(stranger.status).toBe(403);

    const joined = await app.api<SessionInfo>("POST", "/api/auth/invite/join", { token: invite.body.token }, anaCookie);
    expect(joined.status).toBe(200);
    expect(joined.body.workspace?.id).toBe(secondWorkspaceId);
    expect(joined.body.role).toBe("viewer");
    expect(joined.body.workspaces.map((w) => [w.name, w.role])).toEqual([
      ["Workspace", "member"],
      ["Equipe B", "viewer"],
    ]);
    // One use only.
    expect((await app.api("POST", "/api/auth/invite/join", { token: invite.body.token }, anaCookie)).status).toBe(404);
  });

  it("switches only to workspaces the person belongs to, and every call follows the switch", async () => {
    const ownersFlow = await app.createFlow((await app.createConnection({ name: "Conexão A" })).id);
    await app.api("POST", "/api/flows", { name: "Fluxo da equipe B" }, secondOwner);

    const toFirst = await app.api<SessionInfo>("POST", "/api/auth/workspace", { workspaceId: firstWorkspaceId }, anaCookie);
    expect(toFirst.status).toBe(200);
    expect(toFirst.body).toMatchObject({ workspace: { id: firstWorkspaceId }, role: "member" });
    const flowsA = (await app.api<FlowListItem[]>("GET", "/api/flows", undefined, anaCookie)).body.map((f) => f.name);
    expect(flowsA).toContain(ownersFlow.name);
    expect(flowsA).not.toContain("Fluxo da equipe B");
    expect((await app.api<Connection[]>("GET", "/api/connections", undefined, anaCookie)).body.map((c) => c.name)).toContain("Conexão A");

    const toSecond = await app.api<SessionInfo>("POST", "/api/auth/workspace", { workspaceId: secondWorkspaceId }, anaCookie);
    expect(toSecond.body).toMatchObject({ workspace: { id: secondWorkspaceId }, role: "viewer" });
    expect((await app.api<FlowListItem[]>("GET", "/api/flows", undefined, anaCookie)).body.map((f) => f.name)).toEqual(["Fluxo da equipe B"]);
    expect((await app.api<Connection[]>("GET", "/api/connections", undefined, anaCookie)).body).toEqual([]);
    // The role follows the workspace: a viewer there can't write, and A's ids are gone.
    expect((await app.api("POST", "/api/flows", { name: "x" }, anaCookie)).status).toBe(403);
    expect((await app.api("GET", `/api/flows/${ownersFlow.id}`, undefined, anaCookie)).status).toBe(404);

    // A workspace Ana isn't in (or doesn't exist) is a 404, and the session stays where it was.
    const { workspaceId: thirdId } = await app.server.auth.createWorkspaceWithOwner({ workspace: "Equipe C", email: "caio@fluxo.test", name: "Caio", password: "a long password 123" });
    for (const workspaceId of [thirdId, "00000000-0000-4000-8000-00000000dead", "nope"]) {
      expect((await app.api("POST", "/api/auth/workspace", { workspaceId }, anaCookie)).status).toBe(404);
    }
    expect((await session(anaCookie)).workspace?.id).toBe(secondWorkspaceId);
  });

  it("creates a workspace owned by its creator and moves the session there", async () => {
    const created = await app.api<SessionInfo>("POST", "/api/workspaces", { name: "Projeto da Ana" }, anaCookie);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ workspace: { name: "Projeto da Ana" }, role: "owner" });
    expect(created.body.workspaces).toHaveLength(3);
    expect((await app.api<FlowListItem[]>("GET", "/api/flows", undefined, anaCookie)).body).toEqual([]);
    expect((await app.api("POST", "/api/flows", { name: "Meu fluxo" }, anaCookie)).status).toBe(201);
    // Nothing of it shows in the other workspaces.
    expect((await app.api<FlowListItem[]>("GET", "/api/flows", undefined, secondOwner)).body.map((f) => f.name)).toEqual(["Fluxo da equipe B"]);
    expect((await app.api<FlowListItem[]>("GET", "/api/flows")).body.map((f) => f.name)).not.toContain("Meu fluxo");
    // An API key belongs to one workspace and can do none of this.
    const key = await app.api<{ key: string }>("POST", "/api/api-keys", { name: "m" });
    expect((await app.api("POST", "/api/workspaces", { name: "x" }, { authorization: `Bearer ${key.body.key}` })).status).toBe(403);
  });

  it("a new login lands in the first workspace; the list is every membership", async () => {
    const login = await app.api<SessionInfo>("POST", "/api/auth/login", { email: ana.email, password: ana.password });
    expect(login.body.workspace?.id).toBe(firstWorkspaceId);
    expect(login.body.workspaces.map((w) => w.name)).toEqual(["Workspace", "Equipe B", "Projeto da Ana"]);
  });
});
