import { describe, expect, it } from "vitest";
import { derivedStepId, followsDerivedId, stepIdProblem, suggestStepId } from "./stepIds.js";

describe("suggestStepId", () => {
  it("names a step after what its operation yields, numbering repeats", () => {
    expect(suggestStepId("btg-id", "get-credentials", [])).toBe("credentials");
    expect(suggestStepId("btg-id", "get-credentials", ["credentials"])).toBe("credentials_2");
    expect(suggestStepId("btg-id", "get-credentials", ["credentials", "credentials_2"])).toBe("credentials_3");
  });

  it("falls back to the connector when there is no operation, and never suggests the trigger's id", () => {
    expect(suggestStepId("btg-id", undefined, [])).toBe("btg_id");
    expect(suggestStepId("trigger", undefined, [])).toBe("trigger_2");
    expect(suggestStepId("9-9", undefined, [])).toBe("step");
  });
});

describe("stepIdProblem", () => {
  it("accepts lowercase identifiers not taken", () => {
    expect(stepIdProblem("credentials_2", ["other"])).toBeNull();
  });

  it.each([
    ["", "required"],
    ["Credentials", "pattern"],
    ["2fa", "pattern"],
    ["with-dash", "pattern"],
    ["a".repeat(65), "too_long"],
    ["trigger", "reserved"],
    ["taken", "duplicate"],
  ])("%s → %s", (id, problem) => {
    expect(stepIdProblem(id, ["taken"])).toBe(problem);
  });
});

describe("suggestStepId for operations named by a verb", () => {
  it("names HTTP's request after the connector and Chamar API after what it calls", () => {
    expect(suggestStepId("http", "request", [])).toBe("http");
    expect(suggestStepId("http", "request", ["http"])).toBe("http_2");
    expect(suggestStepId("btg-id", "call-api", [])).toBe("api");
  });
});

describe("the flow-control steps' ids", () => {
  it("are Portuguese, as the palette names them, not the operations' code words (if, for_each, map, delay)", () => {
    expect(suggestStepId("condition", "if", [])).toBe("condicao");
    expect(suggestStepId("loop", "for-each", [])).toBe("loop");
    expect(suggestStepId("transform", "map", [])).toBe("transformar");
    expect(suggestStepId("wait", "delay", ["espera"])).toBe("espera_2");
    expect(derivedStepId({ connector: "condition", operation: "if" }, [])).toBe("condicao");
  });

  it("keep following their name when saved with the old ids, and a new name still gives the id", () => {
    for (const id of ["if", "if_2", "condicao", "condicao_3"]) expect(followsDerivedId({ id, connector: "condition", operation: "if" })).toBe(true);
    expect(followsDerivedId({ id: "for_each", connector: "loop", operation: "for-each" })).toBe(true);
    expect(followsDerivedId({ id: "maior", connector: "condition", operation: "if" })).toBe(false);
    expect(followsDerivedId({ id: "maior", name: "Maior", connector: "condition", operation: "if" })).toBe(true);
    expect(followsDerivedId({ id: "if", name: "Maior", connector: "condition", operation: "if" })).toBe(false);
  });
});
