import { describe, expect, it } from "vitest";
import { FlowDefinitionSchema, StepIdSchema } from "../src/index.js";

describe("StepIdSchema", () => {
  it("accepts lowercase identifiers", () => {
    expect(StepIdSchema.safeParse("credentials").success).toBe(true);
    expect(StepIdSchema.safeParse("step_2").success).toBe(true);
  });
  it.each(["Credentials", "2step", "with-dash", "", "trigger"])("rejects %j", (id) => {
    expect(StepIdSchema.safeParse(id).success).toBe(false);
  });
});

describe("FlowDefinitionSchema", () => {
  it("fills defaults for an empty flow", () => {
    expect(FlowDefinitionSchema.parse({ steps: [] })).toEqual({ trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] });
  });
});
