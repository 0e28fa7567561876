import type { FlowStep } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { serverOnlyIssues, splitGraphIssues } from "./useSaveFlow.js";

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

describe("splitGraphIssues", () => {
  it("sets apart what no input shows (a link, a cycle, the flow's own) from fields the panel highlights", () => {
    const link = { target: "step" as const, code: "server" as const, detail: "fora da repetição" };
    const general = { target: "step" as const, code: "server" as const, detail: "nada pode ligar de volta ao Início" };
    const field = { target: "parameter" as const, path: "durationMs", code: "server" as const, detail: "Use de 0 a 300000 ms" };
    expect(splitGraphIssues({ caro: [link], "": [general] })).toEqual({ graph: [link, general], fields: false });
    expect(splitGraphIssues({ caro: [link], espera: [field] })).toEqual({ graph: [link], fields: true });
    expect(splitGraphIssues({ espera: [field] })).toEqual({ graph: [], fields: true });
  });
});
