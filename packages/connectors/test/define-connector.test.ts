import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineConnector, type ConnectorDefinition, type FieldDefinition } from "../src/index.js";

const text = (key: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: key,
  type: "text",
  required: false,
  schema: z.string().optional(),
  ...extra,
});

function connector(overrides: Partial<ConnectorDefinition> = {}): ConnectorDefinition {
  return {
    key: "demo",
    name: "Demo",
    description: "",
    icon: "<svg/>",
    connectionFields: [text("host")],
    connection: z.object({}),
    operations: [
      {
        key: "op",
        name: "Op",
        description: "",
        fields: [text("mode", { type: "select", options: [{ value: "a", label: "A" }] }), text("detail", { visibleWhen: { field: "mode", equals: ["a"] } })],
        parameters: z.object({}),
        run: async () => ({ code: 200, headers: {}, body: null }),
      },
    ],
    testConnection: async () => ({ message: "ok" }),
    ...overrides,
  };
}

describe("defineConnector", () => {
  it("returns a sound definition unchanged", () => {
    const definition = connector();
    expect(defineConnector(definition)).toBe(definition);
  });

  it("rejects duplicate operation keys", () => {
    const op = connector().operations[0]!;
    expect(() => defineConnector(connector({ operations: [op, { ...op }] }))).toThrow('operation key "op" is used more than once');
  });

  it("rejects duplicate field keys, in a form and inside an object-list", () => {
    expect(() => defineConnector(connector({ connectionFields: [text("host"), text("host")] }))).toThrow(
      'connectionFields: field key "host" is used more than once',
    );
    const list = text("items", { type: "object-list", itemFields: [text("a"), text("a")] });
    expect(() => defineConnector(connector({ connectionFields: [list] }))).toThrow('field "items": field key "a" is used more than once');
  });

  it("rejects a required field without a schema", () => {
    // Simulates a definition written without the type checker's help.
    const bare = { key: "token", label: "Token", type: "text", required: true } as unknown as FieldDefinition;
    expect(() => defineConnector(connector({ connectionFields: [bare] }))).toThrow('field "token": has no validation schema (it is required)');
  });

  it("rejects visibleWhen pointing at a field that does not exist (or at itself)", () => {
    const op = connector().operations[0]!;
    const orphan = { ...op, fields: [text("detail", { visibleWhen: { field: "mood", equals: ["a"] } })] };
    expect(() => defineConnector(connector({ operations: [orphan] }))).toThrow('visibleWhen points at "mood", which is not a field of the same form');
    const selfish = { ...op, fields: [text("detail", { visibleWhen: { field: "detail", equals: ["a"] } })] };
    expect(() => defineConnector(connector({ operations: [selfish] }))).toThrow("visibleWhen points at the field itself");
  });

  it("lists every problem at once", () => {
    const error = (() => {
      try {
        defineConnector(connector({ connectionFields: [text("a"), text("a"), text("b", { type: "select" })] }));
      } catch (caught) {
        return caught as Error;
      }
      throw new Error("expected defineConnector to throw");
    })();
    expect(error.message.split("\n- ")).toHaveLength(3);
  });
});
