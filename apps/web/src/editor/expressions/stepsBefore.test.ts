import { describe, expect, it } from "vitest";
import { findExpressionProblem } from "./expressionProblem.js";
import { stepsBeforeEach } from "./stepsBefore.js";

const ids = (...list: string[]) => list.map((id) => ({ id }));

describe("stepsBeforeEach", () => {
  it("lists the ancestors along edges, in the definition's order, never the step itself or later ones", () => {
    // trigger → a → b → d, trigger → c → d, and e after d.
    const graph = {
      steps: ids("a", "b", "c", "d", "e"),
      edges: [
        { source: "trigger", target: "a" },
        { source: "a", target: "b" },
        { source: "trigger", target: "c" },
        { source: "b", target: "d" },
        { source: "c", target: "d" },
        { source: "d", target: "e" },
      ],
    };
    const before = stepsBeforeEach(graph);
    expect(before.get("a")).toEqual([]);
    expect(before.get("b")).toEqual(["a"]);
    expect(before.get("c")).toEqual([]);
    expect(before.get("d")).toEqual(["a", "b", "c"]);
    expect(before.get("e")).toEqual(["a", "b", "c", "d"]);
  });

  it("gives nothing to a step no edge leads to, and survives a cycle", () => {
    const before = stepsBeforeEach({ steps: ids("a", "b", "lonely"), edges: [{ source: "a", target: "b" }, { source: "b", target: "a" }] });
    expect(before.get("lonely")).toEqual([]);
    expect(before.get("a")).toEqual(["b"]);
    expect(before.get("b")).toEqual(["a"]);
  });
});

describe("findExpressionProblem", () => {
  it("ignores text without {{", () => {
    expect(findExpressionProblem("conta-123 }}", [], "me")).toBeNull();
  });

  it("reports a syntax error with its position", () => {
    const problem = findExpressionProblem("{{ .input.body", [], "me");
    expect(problem?.code).toBe("expression_syntax");
    expect(problem?.code === "expression_syntax" && problem.error.message).toBe("coluna 15: esperava '}}'");
  });

  it("accepts steps that run before, and names one that doesn't, or the step itself", () => {
    expect(findExpressionProblem("{{ .steps.credentials.body.token_type }}", ["credentials"], "me")).toBeNull();
    expect(findExpressionProblem('{{ index .steps "later" }}', ["credentials"], "me")).toEqual({ code: "unknown_step", stepId: "later" });
    expect(findExpressionProblem("{{ .steps.me.code }}", ["credentials"], "me")).toEqual({ code: "self_step", stepId: "me" });
  });
});
