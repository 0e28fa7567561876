import type { Execution, StepRun } from "@fluxo/contracts";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "../ui/testing.js";
import { StepDetailsPanel } from "./StepDetailsPanel.js";

function b64url(value: unknown): string {
  return btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const claims = {
  iss: "http://127.0.0.1:3100",
  sub: "demo-client",
  client_id: "demo-client",
  scope: "apps",
  iat: Math.floor(Date.now() / 1000),
  exp: Math.floor(Date.now() / 1000) + 86_400,
  authorization_details: [{ type: "accounts", resource: "conta-123", locations: ["https://api.btg/accounts"], privileges: ["read"] }],
};
const token = `${b64url({ alg: "RS256", typ: "at+jwt", kid: "k1" })}.${b64url(claims)}.c2ln`;

function stepRun(overrides: Partial<StepRun>): StepRun {
  return {
    stepId: "credentials",
    connector: "btg-id",
    operation: "get-credentials",
    status: "succeeded",
    attempt: 1,
    startedAt: "2026-01-01T10:00:00.000Z",
    finishedAt: "2026-01-01T10:00:00.120Z",
    durationMs: 120,
    input: { grantType: "client_credentials" },
    output: null,
    error: null,
    http: { method: "POST", url: "http://127.0.0.1:3100/oauth2/token", requestHeaders: { authorization: "[redacted]" }, status: 200, responseHeaders: {}, durationMs: 100 },
    ...overrides,
  };
}

function execution(step: StepRun): Execution {
  return {
    id: "ex1",
    flowId: "flow1",
    flowVersion: 2,
    draft: true,
    triggerSource: "editor",
    definition: { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] },
    status: step.status === "failed" ? "failed" : "succeeded",
    startedAt: step.startedAt,
    finishedAt: step.finishedAt,
    durationMs: 130,
    createdAt: "2026-01-01T10:00:00.000Z",
    input: { body: null, headers: {}, query_params: {} },
    error: null,
    steps: [step],
  };
}

function renderPanel(run: StepRun) {
  renderWithProviders(<StepDetailsPanel stepId="credentials" live={undefined} execution={execution(run)} loadError={null} onRetry={vi.fn()} onClose={vi.fn()} />);
}

describe("StepDetailsPanel", () => {
  const session = (role: string) => ({ setupRequired: false, user: { id: "u1", email: "a@b.c", name: "Ana" }, workspace: { id: "w1", name: "W" }, role });
  // The API sends the token without its signature; the whole one comes from the reveal endpoint.
  const unsigned = token.slice(0, token.lastIndexOf(".") + 1);

  it("decodes the token's claims, masks it, and reveals it on request", async () => {
    const { requests } = mockApi({ "GET /api/auth/session": { body: session("member") }, "GET /api/executions/ex1/steps/credentials/token": { body: { access_token: token } } });
    renderPanel(stepRun({ output: { code: 200, headers: {}, body: { access_token: unsigned, token_type: "Bearer", expires_in: 86400, scope: "apps" } } }));
    const claimsView = screen.getByTestId("jwt-claims");
    expect(within(claimsView).getAllByText("demo-client")).toHaveLength(2);
    expect(within(claimsView).getByText(/expira em/)).toBeTruthy();
    expect(within(claimsView).getByRole("group", { name: "authorization_details" }).textContent).toContain("conta-123");

    const value = screen.getByLabelText("access_token (mascarado)");
    expect(value.textContent).not.toBe(token);
    expect(document.body.textContent).not.toContain(token);
    expect(requests.some((r) => r.path.endsWith("/token"))).toBe(false);
    await userEvent.setup().click(await screen.findByRole("button", { name: "Mostrar token" }));
    await waitFor(() => expect(value.textContent).toBe(token));
  });

  it("offers a viewer no way to reveal or copy the token", async () => {
    mockApi({ "GET /api/auth/session": { body: session("viewer") } });
    renderPanel(stepRun({ output: { code: 200, headers: {}, body: { access_token: unsigned, token_type: "Bearer" } } }));
    expect(await screen.findByTestId("jwt-claims")).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole("button", { name: "Mostrar token" })).toBeNull());
    expect(screen.queryByRole("button", { name: "Copiar token" })).toBeNull();
  });

  it("says an encrypted token can't be read and shows only its header", () => {
    const jwe = `${b64url({ alg: "RSA-OAEP-256", enc: "A256GCM" })}.a.b.c.d`;
    renderPanel(stepRun({ output: { code: 200, headers: {}, body: { access_token: jwe } } }));
    expect(screen.getByText("Token criptografado (JWE)")).toBeTruthy();
    expect(screen.queryByTestId("jwt-claims")).toBeNull();
  });

  it("puts BTG's error code and description first for a failed step", () => {
    renderPanel(
      stepRun({
        status: "failed",
        output: null,
        error: { kind: "http_error", message: "BTG-ID answered 401", status: 401, code: "invalid_client", description: "Client authentication failed" },
      }),
    );
    const error = screen.getByTestId("step-error");
    expect(within(error).getByText("invalid_client")).toBeTruthy();
    expect(within(error).getByText("Client authentication failed")).toBeTruthy();
    expect(within(error).getByText("HTTP 401")).toBeTruthy();
    expect(within(error).getByText(/ID do Cliente ou Chave Secreta/)).toBeTruthy();
  });

  const one = { path: "authorizationDetails.0.resource", message: "coluna 4: .input.body.conta não existe" };
  it("doesn't list a field's problem the message already tells", () => {
    renderPanel(stepRun({ status: "failed", output: null, error: { kind: "expression", message: `expressão inválida em ${one.path}: ${one.message}`, fields: [one] } }));
    expect(within(screen.getByTestId("step-error")).getAllByText(/\.input\.body\.conta não existe/)).toHaveLength(1);
  });

  it("lists each field when several fail", () => {
    const two = [one, { path: "authorizationDetails.0.type", message: "Preencha este campo." }];
    renderPanel(stepRun({ status: "failed", output: null, error: { kind: "invalid_parameters", message: "parâmetros inválidos: …", fields: two } }));
    expect(within(screen.getByTestId("step-error")).getAllByRole("listitem").map((li) => li.textContent)).toEqual(two.map((f) => `${f.path}: ${f.message}`));
  });
});
