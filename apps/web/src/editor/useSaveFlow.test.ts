import type { FlowStep } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { serverOnlyIssues } from "./useSaveFlow.js";

const step: FlowStep = { id: "credentials", connector: "btg-id", operation: "get-credentials", connectionId: null, description: "", parameters: {}, position: { x: 0, y: 0 } };

describe("serverOnlyIssues", () => {
  it("keeps only what the editor doesn't already mark, so a node counts each problem once", () => {
    const problems = [
      { path: "definition.steps.0.connectionId", message: "escolha uma conexão", stepId: "credentials", field: "connectionId" },
      { path: "definition.steps.0.parameters.authorizationDetails.0.type", message: "Type é obrigatório", stepId: "credentials", field: "authorizationDetails.0.type" },
      { path: "definition.steps.0.parameters.timeoutMs", message: "entre 1000 e 120000", stepId: "credentials", field: "timeoutMs" },
    ];
    const client = { credentials: [{ target: "connection" as const, code: "no_connection" as const }, { target: "parameter" as const, path: "authorizationDetails.0.type", code: "required" as const }] };
    expect(serverOnlyIssues(problems, [step], client)).toEqual({ credentials: [{ target: "parameter", path: "timeoutMs", code: "server", detail: "entre 1000 e 120000" }] });
    expect(serverOnlyIssues(problems.slice(0, 2), [step], client)).toEqual({});
  });
});
