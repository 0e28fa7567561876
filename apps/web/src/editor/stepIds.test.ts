import { describe, expect, it } from "vitest";
import { stepIdProblem, suggestStepId } from "./stepIds.js";

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
