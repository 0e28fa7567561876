import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { canConnect, selectIsDirty, useEditorStore } from "./store.js";
import { btgIdConnector, connection, flow, httpConnector } from "./testing/fixtures.js";

const state = () => useEditorStore.getState();
const history = () => useEditorStore.temporal.getState();

beforeEach(() => {
  state().load(flow());
});

afterEach(() => {
  vi.useRealTimers();
});

describe("adding steps", () => {
  it("adds a step with the operation's defaults, connected from the trigger, and selects it", () => {
    const id = state().addStep(btgIdConnector, { connections: [connection()] });
    expect(id).toBe("credentials");
    const step = state().definition.steps[0]!;
    expect(step).toMatchObject({
      id: "credentials",
      connector: "btg-id",
      operation: "get-credentials",
      connectionId: "conn1",
      parameters: { grantType: "client_credentials", timeoutMs: 30000, authorizationDetails: [{ type: "", resource: "", locations: [], privileges: [] }] },
      position: { x: 280, y: 120 },
    });
    expect(state().definition.edges).toEqual([{ source: "trigger", target: "credentials" }]);
    expect(state().selectedStepIds).toEqual(["credentials"]);
  });

  it("chains the next step from the last one, with a numbered id and the drop position", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, { position: { x: 700, y: 40 } });
    expect(state().definition.steps.map((s) => s.id)).toEqual(["credentials", "credentials_2"]);
    expect(state().definition.steps[1]!.position).toEqual({ x: 700, y: 40 });
    expect(state().definition.edges).toEqual([
      { source: "trigger", target: "credentials" },
      { source: "credentials", target: "credentials_2" },
    ]);
  });

  it("adds after the selected step, joined to it, below what already follows it", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, {});
    state().select(["credentials"]);
    const id = state().addStep(httpConnector, {});
    expect(id).toBe("http");
    expect(state().definition.edges).toContainEqual({ source: "credentials", target: "http" });
    // credentials_2 sits right of credentials already: the new step goes under it.
    expect(state().definition.steps.map((s) => s.position)).toEqual([
      { x: 280, y: 120 },
      { x: 560, y: 120 },
      { x: 560, y: 232 },
    ]);
  });

  it("adds after the last step when nothing is selected, and never drops a step onto another card", () => {
    state().addStep(btgIdConnector, {});
    state().select([]);
    state().addStep(btgIdConnector, { position: { x: 20, y: 150 } });
    expect(state().definition.edges).toContainEqual({ source: "credentials", target: "credentials_2" });
    // Dropped on Início: moved just below it.
    expect(state().definition.steps[1]!.position).toEqual({ x: 20, y: 240 });
  });

  it("leaves the connection empty unless exactly one compatible connection exists", () => {
    state().addStep(btgIdConnector, { connections: [connection(), connection({ id: "conn2" })] });
    state().addStep(btgIdConnector, { connections: [connection({ connector: "other" })] });
    expect(state().definition.steps.map((s) => s.connectionId)).toEqual([null, null]);
  });

  it("starts a step that may run unauthenticated without a connection, even when only one exists", () => {
    state().addStep(httpConnector, { connections: [connection({ id: "auth1", connector: "http" })] });
    expect(state().definition.steps[0]).toMatchObject({ connector: "http", operation: "request", connectionId: null });
  });
});

describe("connecting", () => {
  it("draws an edge once, never into the trigger, never a cycle", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, { position: { x: 0, y: 400 } });
    state().remove([], ["credentials->credentials_2"]);
    expect(state().connect("trigger", "credentials_2")).toBe(true);
    expect(state().connect("trigger", "credentials_2")).toBe(false);
    expect(state().connect("credentials", "trigger")).toBe(false);
    expect(state().connect("credentials", "credentials")).toBe(false);
    expect(state().connect("credentials", "credentials_2")).toBe(true);
    expect(canConnect(state().definition, "credentials_2", "credentials")).toBe(false);
  });
});

describe("removing", () => {
  it("removes steps with their edges, but never the trigger", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, {});
    state().remove(["trigger", "credentials"], []);
    expect(state().definition.steps.map((s) => s.id)).toEqual(["credentials_2"]);
    expect(state().definition.edges).toEqual([]);
    expect(state().selectedStepIds).toEqual(["credentials_2"]);
  });

  it("does nothing (and records nothing) when only the trigger is selected", () => {
    const before = history().pastStates.length;
    state().remove(["trigger"], []);
    expect(history().pastStates.length).toBe(before);
  });
});

describe("renaming", () => {
  it("renames a step and the edges that touch it", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, {});
    expect(state().renameStep("credentials", "token")).toBe(true);
    expect(state().definition.steps.map((s) => s.id)).toEqual(["token", "credentials_2"]);
    expect(state().definition.edges).toEqual([
      { source: "trigger", target: "token" },
      { source: "token", target: "credentials_2" },
    ]);
    expect(state().selectedStepIds).toEqual(["credentials_2"]);
  });

  it("refuses invalid or taken names", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, {});
    expect(state().renameStep("credentials", "credentials_2")).toBe(false);
    expect(state().renameStep("credentials", "Token")).toBe(false);
    expect(state().renameStep("credentials", "trigger")).toBe(false);
    expect(state().definition.steps[0]!.id).toBe("credentials");
  });
});

describe("names and ids", () => {
  it("gives a step a free-text name; the id nobody chose follows it, unique among the others", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, {});
    expect(state().setStepName("credentials_2", "Obter credenciais!")).toBe("obter_credenciais");
    expect(state().definition.steps[1]).toMatchObject({ id: "obter_credenciais", name: "Obter credenciais!" });
    expect(state().definition.edges).toContainEqual({ source: "credentials", target: "obter_credenciais" });
    expect(state().selectedStepIds).toEqual(["obter_credenciais"]);
    expect(state().setStepName("credentials", "Obter credenciais")).toBe("obter_credenciais_2");
    // Cleared, the name goes and the id comes back from the operation.
    expect(state().setStepName("obter_credenciais_2", "")).toBe("credentials");
    expect(state().definition.steps[0]).not.toHaveProperty("name");
  });

  it("keeps an id the person typed when the name or the operation changes", () => {
    state().addStep(btgIdConnector, {});
    state().renameStep("credentials", "token");
    expect(state().setStepName("token", "Obter credenciais")).toBe("token");
    const other = { ...btgIdConnector, operations: [...btgIdConnector.operations, { key: "call-api", name: "Chamar API", description: "", fields: [] }] };
    state().setOperation("token", other, "call-api");
    expect(state().definition.steps[0]).toMatchObject({ id: "token", operation: "call-api" });
  });

  it("derives the id of an unnamed step from its operation when the operation changes", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, {});
    const other = { ...btgIdConnector, operations: [...btgIdConnector.operations, { key: "call-api", name: "Chamar API", description: "", fields: [] }] };
    state().setOperation("credentials_2", other, "call-api");
    expect(state().definition.steps.map((s) => s.id)).toEqual(["credentials", "api"]);
    expect(state().selectedStepIds).toEqual(["api"]);
  });

  it("rewrites other steps' references to a renamed step, and undo puts them back", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(httpConnector, {});
    const expression = "Bearer {{ .steps.credentials.body.access_token }} {{ .steps.credentials_2.body }} .steps.credentials";
    state().setParameter("http", ["headers", 0, "value"], expression);
    state().renameStep("credentials", "token");
    expect(state().definition.steps[1]!.parameters.headers).toEqual([{ value: "Bearer {{ .steps.token.body.access_token }} {{ .steps.credentials_2.body }} .steps.credentials" }]);
    state().undo();
    expect(state().definition.steps.map((s) => s.id)).toEqual(["credentials", "http"]);
    expect(state().definition.steps[1]!.parameters.headers).toEqual([{ value: expression }]);
  });

  it("renames from the id before the typing began, so an id passed on the way captures no other reference", () => {
    vi.useFakeTimers();
    state().addStep(btgIdConnector, {});
    state().addStep(httpConnector, {});
    state().renameStep("credentials", "token");
    vi.advanceTimersByTime(2000);
    state().setParameter("http", ["url"], "{{ .steps.token.body }} {{ .steps.tok.body }}");
    vi.advanceTimersByTime(2000);
    const entries = history().pastStates.length;
    for (const [from, to] of [["token", "toke"], ["toke", "tok"], ["tok", "to"]] as const) {
      state().renameStep(from, to);
      vi.advanceTimersByTime(200);
    }
    expect(state().definition.steps[1]!.parameters.url).toBe("{{ .steps.to.body }} {{ .steps.tok.body }}");
    expect(history().pastStates.length).toBe(entries + 1);
  });

  it("keeps an edge's port when a step is renamed", () => {
    state().addStep(btgIdConnector, {});
    state().addStep(btgIdConnector, {});
    useEditorStore.setState((s) => ({ definition: { ...s.definition, edges: s.definition.edges.map((e) => (e.source === "credentials" ? { ...e, port: "true" } : e)) } }));
    state().renameStep("credentials", "token");
    expect(state().definition.edges).toContainEqual({ source: "token", target: "credentials_2", port: "true" });
  });
});

describe("parameters", () => {
  it("sets nested parameters without touching other steps", () => {
    state().addStep(btgIdConnector, {});
    state().setParameter("credentials", ["authorizationDetails", 0, "type"], "accounts");
    state().setParameter("credentials", ["authorizationDetails", 0, "locations"], ["https://a"]);
    expect(state().definition.steps[0]!.parameters.authorizationDetails).toEqual([{ type: "accounts", resource: "", locations: ["https://a"], privileges: [] }]);
  });

  it("resets parameters when the operation changes", () => {
    state().addStep(btgIdConnector, {});
    state().setParameter("credentials", ["scope"], "apps");
    const other = { ...btgIdConnector, operations: [...btgIdConnector.operations, { key: "other", name: "Other", description: "", fields: [] }] };
    state().setOperation("credentials", other, "other");
    expect(state().definition.steps[0]).toMatchObject({ operation: "other", parameters: {} });
  });
});

describe("undo and redo", () => {
  it("undoes and redoes additions, renames and deletions", () => {
    state().addStep(btgIdConnector, {});
    state().renameStep("credentials", "token");
    state().remove(["token"], []);
    expect(state().definition.steps).toHaveLength(0);
    state().undo();
    expect(state().definition.steps.map((s) => s.id)).toEqual(["token"]);
    state().undo();
    expect(state().definition.steps.map((s) => s.id)).toEqual(["credentials"]);
    expect(state().definition.edges).toEqual([{ source: "trigger", target: "credentials" }]);
    state().undo();
    expect(state().definition.steps).toHaveLength(0);
    state().redo();
    state().redo();
    expect(state().definition.steps.map((s) => s.id)).toEqual(["token"]);
  });

  it("doesn't record selection or server issues; records a finished drag as one entry", () => {
    state().addStep(btgIdConnector, {});
    const entries = history().pastStates.length;
    state().select(["credentials"]);
    state().select([]);
    state().setServerIssues({ credentials: [{ target: "step", code: "server", detail: "x" }] });
    expect(history().pastStates.length).toBe(entries);
    state().moveNodes({ credentials: { x: 20, y: 30 }, trigger: { x: -10, y: 0 } });
    expect(state().definition.steps[0]!.position).toEqual({ x: 20, y: 30 });
    expect(state().definition.trigger.position).toEqual({ x: -10, y: 0 });
    expect(history().pastStates.length).toBe(entries + 1);
    state().undo();
    expect(state().definition.steps[0]!.position).toEqual({ x: 280, y: 120 });
  });

  it("merges quick successive typing in one field into one undo step", () => {
    vi.useFakeTimers();
    state().addStep(btgIdConnector, {});
    const entries = history().pastStates.length;
    for (const text of ["a", "ac", "acc"]) {
      state().setParameter("credentials", ["scope"], text, "scope");
      vi.advanceTimersByTime(200);
    }
    expect(history().pastStates.length).toBe(entries + 1);
    vi.advanceTimersByTime(2000);
    state().setParameter("credentials", ["scope"], "accounts", "scope");
    expect(history().pastStates.length).toBe(entries + 2);
    state().undo();
    expect(state().definition.steps[0]!.parameters.scope).toBe("acc");
    state().undo();
    expect(state().definition.steps[0]!.parameters.scope).toBeUndefined();
  });

  it("starts with an empty history when a flow is loaded", () => {
    state().addStep(btgIdConnector, {});
    state().load(flow());
    expect(history().pastStates).toHaveLength(0);
    expect(state().definition.steps).toHaveLength(0);
  });
});

describe("unsaved changes", () => {
  it("is dirty after an edit, clean after undoing it or saving", () => {
    expect(selectIsDirty(state())).toBe(false);
    state().addStep(btgIdConnector, {});
    expect(selectIsDirty(state())).toBe(true);
    state().undo();
    expect(selectIsDirty(state())).toBe(false);
    state().redo();
    state().markSaved(flow({ version: 2 }), state().definition);
    expect(selectIsDirty(state())).toBe(false);
    expect(state().version).toBe(2);
  });
});
