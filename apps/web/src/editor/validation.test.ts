import type { FlowStep } from "@fluxo/contracts";
import { describe, expect, it } from "vitest";
import { defaultValues } from "./parameters.js";
import { btgIdConnector, connection, httpConnector } from "./testing/fixtures.js";
import { issuesFromProblems, validateStep, type ValidationContext } from "./validation.js";

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
