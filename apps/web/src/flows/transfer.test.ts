import { describe, expect, it, vi } from "vitest";
import type { FlowExport } from "@fluxo/contracts";
import { setLanguage } from "../i18n/index.js";
import { parseFlowFile, placeProblems, suggestMapping } from "./transfer.js";

const file: FlowExport = {
  format: "fluxo.flow/v1",
  name: "Obter credenciais",
  description: "",
  slug: "obter-credenciais",
  definition: {
    trigger: { position: { x: 0, y: 120 } },
    steps: [
      { id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: "connection-1", description: "", parameters: {}, position: { x: 300, y: 120 } },
      { id: "again", connector: "btg-id", operation: "get-credentials", connectionId: "connection-2", description: "", parameters: {}, position: { x: 600, y: 120 } },
    ],
    edges: [{ source: "trigger", target: "credentials" }],
  },
  connections: [
    { ref: "connection-1", name: "BTG produção", connector: "btg-id" },
    { ref: "connection-2", name: "BTG sandbox", connector: "btg-id" },
  ],
};

describe("parseFlowFile", () => {
  it("reads an export", () => {
    const parsed = parseFlowFile(JSON.stringify(file));
    expect(parsed.ok && parsed.file.definition.steps.map((s) => s.id)).toEqual(["credentials", "again"]);
  });

  it("tells an empty file, text that isn't JSON, JSON that isn't an export and another format version apart", () => {
    expect(parseFlowFile("  \n")).toEqual({ ok: false, error: { kind: "empty" } });
    const notJson = parseFlowFile("{ name: oops");
    expect(notJson.ok === false && notJson.error.kind).toBe("not-json");
    expect(parseFlowFile("[1, 2]")).toEqual({ ok: false, error: { kind: "not-export" } });
    expect(parseFlowFile(JSON.stringify({ name: "fluxo", version: "1.0.0" }))).toEqual({ ok: false, error: { kind: "not-export" } });
    expect(parseFlowFile(JSON.stringify({ ...file, format: "fluxo.flow/v2" }))).toEqual({ ok: false, error: { kind: "other-format", format: "fluxo.flow/v2" } });
  });

  it("lists what is wrong in a broken export, by path", () => {
    const parsed = parseFlowFile(JSON.stringify({ ...file, name: "", definition: { steps: [{ id: "Bad Id" }] } }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok || parsed.error.kind !== "invalid") throw new Error("expected an invalid file");
    expect(parsed.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["name", "definition.steps.0.id", "definition.steps.0.connector"]));
  });

  it("says it in the app's language, zod's own messages included", async () => {
    const broken = JSON.stringify({ ...file, name: "", definition: { steps: [{ id: "credentials", connector: 7 }] } });
    const messages = () => {
      const parsed = parseFlowFile(broken);
      if (parsed.ok || parsed.error.kind !== "invalid") throw new Error("expected an invalid file");
      return Object.fromEntries(parsed.error.issues.map((i) => [i.path, i.message]));
    };
    try {
      // Zod's words for a language load with it.
      setLanguage("pt-BR");
      await vi.waitFor(() => expect(messages()).toMatchObject({ name: "Preencha este campo.", "definition.steps.0.connector": "Entrada inválida: esperava um texto, recebeu um número" }));
      setLanguage("en");
      await vi.waitFor(() => expect(messages()).toMatchObject({ "definition.steps.0.connector": "Invalid input: expected string, received number" }));
    } finally {
      setLanguage("pt-BR");
    }
  });
});

describe("suggestMapping", () => {
  it("preselects a connection of the same connector and name only", () => {
    const connections = [
      { id: "c1", name: "BTG produção", connector: "btg-id" },
      { id: "c2", name: "BTG sandbox", connector: "other" },
      { id: "c3", name: "Outra", connector: "btg-id" },
    ];
    expect(suggestMapping(file, connections)).toEqual({ "connection-1": "c1" });
  });
});

describe("placeProblems", () => {
  it("puts each server problem next to the name, the step or the connection it is about", () => {
    const placed = placeProblems(
      [
        { path: "file.name", message: "Preencha este campo." },
        { path: "connections.connection-1", message: "no btg-id connection c9" },
        { path: "file.connections.1", message: 'no btg-id connection named "BTG sandbox"' },
        { path: "definition.steps.1.parameters.grantType", message: "invalid option", stepId: "again", field: "grantType" },
        { path: "file.definition.steps.0.connectionId", message: "not in the file's connections", stepId: "credentials" },
        { path: "file.definition.edges.3", message: "unknown step" },
      ],
      file,
    );
    expect(placed).toEqual({
      name: "Preencha este campo.",
      connections: { "connection-1": "no btg-id connection c9", "connection-2": 'no btg-id connection named "BTG sandbox"' },
      steps: { 0: ["connectionId: not in the file's connections"], 1: ["grantType: invalid option"] },
      other: ["file.definition.edges.3: unknown step"],
    });
  });
});
