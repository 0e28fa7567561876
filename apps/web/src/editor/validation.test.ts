import type { FlowStep } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { defaultValues } from "./parameters.js";
import { btgIdConnector, connection, httpConnector } from "./testing/fixtures.js";
import { builtInConnectors, loopFlowDefinition } from "./testing/loopFlow.js";
import { isShownWhileTyping, issuesFromProblems, validateStep, withPortLabels, type StepIssue, type ValidationContext } from "./validation.js";

const operation = btgIdConnector.operations[0]!;
/** The parser's "esperava '}}'" at `column`, as the code the editor tells in the language chosen. */
const closeExpected = (column: number) => ({ code: "expression.positioned", params: { position: { code: "expression.column", params: { column } }, reason: { code: "expression.expected_close" } } });
const context: ValidationContext = { connectors: [btgIdConnector], connections: [connection()] };

function step(overrides: Partial<FlowStep> = {}): FlowStep {
  return {
    id: "credentials",
    connector: "btg-id",
    operation: "get-credentials",
    connectionId: "conn1",
    description: "",
    parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "accounts" }] },
    position: { x: 0, y: 0 },
    ...overrides,
  };
}

describe("validateStep", () => {
  it("finds nothing wrong with a complete step", () => {
    expect(validateStep(step(), [], context)).toEqual([]);
  });

  it("asks for the required fields of a new step (the Type of its first entry)", () => {
    const fresh = step({ parameters: defaultValues(operation.fields) });
    expect(validateStep(fresh, [], context)).toEqual([{ target: "parameter", path: "authorizationDetails.0.type", code: "required" }]);
  });

  it("checks only the fields visibleWhen shows", () => {
    const details = [{ type: "accounts" }];
    const withCode = step({ parameters: { grantType: "authorization_code", authorizationDetails: details } });
    expect(validateStep(withCode, [], context)).toEqual([
      { target: "parameter", path: "code", code: "required" },
      { target: "parameter", path: "redirectUri", code: "required" },
    ]);
    const complete = { grantType: "authorization_code", code: "abc", redirectUri: "https://app/cb", authorizationDetails: details };
    expect(validateStep(step({ parameters: complete }), [], context)).toEqual([]);
    expect(validateStep(step({ parameters: { ...complete, redirectUri: "not a url" } }), [], context)).toEqual([
      { target: "parameter", path: "redirectUri", code: "invalid_url" },
    ]);
  });

  it("treats an expression as a value to be known at run time", () => {
    const parameters = {
      grantType: "client_credentials",
      authorizationDetails: [{ type: "{{ .input.body.type }}", locations: "{{ .input.body.locations }}" }],
      timeoutMs: "{{ .input.body.timeout }}",
    };
    // timeoutMs isn't expression-capable, so the expression there is not a number
    expect(validateStep(step({ parameters }), [], context)).toEqual([{ target: "parameter", path: "timeoutMs", code: "not_a_number" }]);
  });

  it("checks expressions as they are typed: syntax, and steps that don't run before", () => {
    const parameters = {
      grantType: "client_credentials",
      authorizationDetails: [
        {
          type: "{{ .input.body.type }",
          resource: "{{ .steps.later.body.token_type }}",
          locations: "{{ .steps.credentials.body.x }}",
          privileges: ["read", "{{ .steps.first.body.scope", "{{ .steps.first.body.scope }}"],
        },
      ],
      scope: "{{ .steps.first.body.scope }}",
    };
    expect(validateStep(step({ parameters }), [], context, ["first"])).toEqual([
      { target: "parameter", path: "authorizationDetails.0.type", code: "expression_syntax", detail: "coluna 21: esperava '}}'", detailMessage: closeExpected(21) },
      { target: "parameter", path: "authorizationDetails.0.resource", code: "unknown_step", stepId: "later" },
      { target: "parameter", path: "authorizationDetails.0.locations", code: "self_step", stepId: "credentials" },
      { target: "parameter", path: "authorizationDetails.0.privileges.1", code: "expression_syntax", detail: "coluna 27: esperava '}}'", detailMessage: closeExpected(27) },
    ]);
  });

  it("flags empty strings in a string list", () => {
    const parameters = { authorizationDetails: [{ type: "a", privileges: ["read", " "] }] };
    expect(validateStep(step({ parameters }), [], context)).toEqual([{ target: "parameter", path: "authorizationDetails.0.privileges.1", code: "required" }]);
  });

  it("reports the step id, a missing or foreign connection", () => {
    expect(validateStep(step({ id: "Bad Id", connectionId: null }), [], context)).toEqual([
      { target: "id", code: "pattern" },
      { target: "connection", code: "no_connection" },
    ]);
    expect(validateStep(step(), ["credentials"], context)).toEqual([{ target: "id", code: "duplicate" }]);
    expect(validateStep(step({ connectionId: "gone" }), [], context)).toEqual([{ target: "connection", code: "unknown_connection" }]);
    expect(validateStep(step({ connectionId: "gone" }), [], { ...context, connections: undefined })).toEqual([]);
  });

  it("takes no connection as a choice for a connector whose steps may run unauthenticated", () => {
    const withHttp: ValidationContext = { ...context, connectors: [btgIdConnector, httpConnector] };
    const request = step({ connector: "http", operation: "request", connectionId: null, parameters: { url: "https://api.example.com/v1" } });
    expect(validateStep(request, [], withHttp)).toEqual([]);
    // A connection that is chosen must still exist and belong to the connector.
    expect(validateStep({ ...request, connectionId: "conn1" }, [], withHttp)).toEqual([{ target: "connection", code: "unknown_connection" }]);
  });

  it("checks a group's fields inside its object, as its own visibleWhen shows them", () => {
    const withHttp: ValidationContext = { ...context, connectors: [httpConnector] };
    const request = (pagination: unknown) => step({ connector: "http", operation: "request", connectionId: null, parameters: { url: "https://api.example.com", pagination } });
    expect(validateStep(request({ mode: "none" }), [], withHttp)).toEqual([]);
    expect(validateStep(request({ mode: "page", items: "{{ .response.body.items }}" }), [], withHttp)).toEqual([{ target: "parameter", path: "pagination.parameter", code: "required" }]);
    expect(validateStep(request({ mode: "next-url", next: "{{ .response.body.next }", items: "{{ .response.body.items }}" }), [], withHttp)).toEqual([
      { target: "parameter", path: "pagination.next", code: "expression_syntax", detail: "coluna 24: esperava '}}'", detailMessage: closeExpected(24) },
    ]);
  });

  it("reports an unknown connector or operation", () => {
    expect(validateStep(step({ connector: "nope" }), [], context)).toEqual([{ target: "step", code: "unknown_connector" }]);
    expect(validateStep(step({ operation: "nope" }), [], context)).toEqual([{ target: "operation", code: "unknown_operation" }]);
  });
});

describe("issuesFromProblems", () => {
  it("maps a 422's errors to steps and fields", () => {
    const steps = [step(), step({ id: "other" })];
    const issues = issuesFromProblems(
      [
        { path: "definition.steps.0.parameters.authorizationDetails.0.type", message: "Preencha este campo.", stepId: "credentials", field: "authorizationDetails.0.type" },
        { path: "definition.steps.1.connectionId", message: "connection not found" },
        { path: "definition.steps.1.parameters.scope", message: "too long" },
        { path: "definition.edges.0", message: "unknown node" },
      ],
      steps,
    );
    expect(issues).toEqual({
      credentials: [{ target: "parameter", path: "authorizationDetails.0.type", code: "server", detail: "Preencha este campo." }],
      other: [
        { target: "connection", code: "server", detail: "connection not found" },
        { target: "parameter", path: "scope", code: "server", detail: "too long" },
      ],
      "": [{ target: "step", code: "server", detail: "unknown node" }],
    });
  });
});

describe("a number field, by the operation's own rule", () => {
  const wait = (durationMs: unknown): FlowStep => ({ id: "espera", connector: "wait", operation: "delay", connectionId: null, description: "", parameters: { durationMs }, position: { x: 0, y: 0 } });
  const builtIns: ValidationContext = { connectors: builtInConnectors, connections: [] };
  // The server's words for Espera's duration (packages/connectors' wait), as a code told in the language chosen.
  const duration = { target: "parameter", path: "durationMs", code: "invalid_value", detail: "Use de 0 a 300000 ms (5 minutos).", detailMessage: { code: "wait.field.duration", params: { max: "300000" } } };

  it("refuses what the server would, as it is typed: Espera's duration past 300000 ms, below 0, or not whole", () => {
    for (const value of ["400000", 400000, "-5", "1.5"]) expect(validateStep(wait(value), [], builtIns)).toEqual([duration]);
    for (const value of ["0", 1000, "300000"]) expect(validateStep(wait(value), [], builtIns)).toEqual([]);
    expect(validateStep(wait("abc"), [], builtIns)).toEqual([{ target: "parameter", path: "durationMs", code: "not_a_number" }]);
    // An expression's value is only known when it runs.
    expect(validateStep(wait("{{ .input.body.ms }}"), [], builtIns)).toEqual([]);
    expect(isShownWhileTyping(duration as StepIssue)).toBe(true);
    expect(isShownWhileTyping({ target: "parameter", path: "durationMs", code: "not_a_number" })).toBe(true);
    expect(isShownWhileTyping({ target: "parameter", path: "durationMs", code: "required" })).toBe(false);
  });

  it("applies the rule of the operation's field at its own path (BTG-ID's timeout)", () => {
    expect(validateStep(step({ parameters: { grantType: "client_credentials", authorizationDetails: [{ type: "accounts" }], timeoutMs: 5 } }), [], context)).toEqual([
      expect.objectContaining({ target: "parameter", path: "timeoutMs", code: "invalid_value" }),
    ]);
  });
});

describe("withPortLabels", () => {
  it("names a step's exit by its label where the server named it by key", () => {
    const outside: StepIssue = {
      target: "step",
      code: "server",
      detail: '"caro" roda uma vez por item do passo "pedidos" (saída "each")…',
      detailMessage: { code: "definition.outside_repeat", params: { target: "caro", step: "pedidos", port: "each", source: "resumo" } },
    };
    const missing: StepIssue = { target: "step", code: "server", detailMessage: { code: "definition.port_missing", params: { source: "pedidos", target: "x", ports: '"each" | "done"' } } };
    const [labelled, listed] = withPortLabels([outside, missing], loopFlowDefinition(), builtInConnectors);
    expect(labelled!.detailMessage!.params).toEqual({ target: "caro", step: "pedidos", port: "Cada item", source: "resumo" });
    expect(listed!.detailMessage!.params!["ports"]).toBe('"Cada item" | "Concluído"');
    // Without a catalog entry for the step, the key stays.
    expect(withPortLabels([outside], loopFlowDefinition(), [])[0]).toBe(outside);
  });
});
