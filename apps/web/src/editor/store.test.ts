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
