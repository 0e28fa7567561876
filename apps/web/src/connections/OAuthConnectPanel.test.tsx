import { beforeAll, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Connection, ConnectionAuthorization } from "@fluxo/contracts";
import { formatDateTime } from "../ui/format.js";
import { mockApi, renderWithProviders } from "../ui/testing.js";
import { OAuthConnectPanel, type OAuthOutcome } from "./OAuthConnectPanel.js";
import { makeConnection } from "./fixtures.js";

const REDIRECT_URI = "https://fluxo.example.com/api/oauth/callback";
const CONNECTED: ConnectionAuthorization = {
  status: "connected",
  subject: "cliente@empresa.com.br",
  scope: "empresas.btgpactual.com/accounts.readonly",
  connectedAt: "2026-12-01T10:00:00.000Z",
  refreshedAt: null,
  accessExpiresAt: "2026-12-02T10:00:00.000Z",
  refreshExpiresAt: "2026-12-11T10:00:00.000Z",
  problem: null,
  problemCode: null,
  problemParams: null,
};

function renderPanel(authorization: ConnectionAuthorization | null, outcome: OAuthOutcome | null = null, routes: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({ "GET /api/oauth/config": { body: { redirectUri: REDIRECT_URI } }, ...routes });
  const connection: Connection = makeConnection({ values: { authentication: "authorization_code", clientId: "fluxo-app", environmentUrl: "https://id.sandbox.btgpactual.com" }, authorization });
  const saveFirst = vi.fn(async () => connection);
  renderWithProviders(<OAuthConnectPanel connection={connection} saveFirst={saveFirst} outcome={outcome} />);
  return { ...api, saveFirst, panel: screen.getByTestId("oauth-panel") };
}

describe("OAuthConnectPanel", () => {
  beforeAll(() => {
    // jsdom lays nothing out; the panel scrolls itself into view when the person comes back from BTG.
    Element.prototype.scrollIntoView = vi.fn();
  });

  it("not connected: the redirect URI to register, Não conectado and Conectar com o BTG, nothing to disconnect", async () => {
    const { panel } = renderPanel({ ...CONNECTED, status: "not_connected", subject: null, scope: "", connectedAt: null, accessExpiresAt: null, refreshExpiresAt: null });
    expect(await within(panel).findByText(REDIRECT_URI)).toBeTruthy();
    expect(within(panel).getByRole("button", { name: "Copiar a Redirect URI" })).toBeTruthy();
    expect(within(panel).getByTestId("consent-badge").textContent).toBe("Não conectado");
    expect(within(panel).getByRole("button", { name: "Conectar com o BTG" })).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Desconectar" })).toBeNull();
    expect(within(panel).queryByText("Consentido por")).toBeNull();
  });

  it("a connection never saved reads as not connected too", async () => {
    mockApi({ "GET /api/oauth/config": { body: { redirectUri: REDIRECT_URI } } });
    renderWithProviders(<OAuthConnectPanel connection={undefined} saveFirst={async () => null} outcome={null} />);
    expect(within(screen.getByTestId("oauth-panel")).getByTestId("consent-badge").textContent).toBe("Não conectado");
  });

  it("connected: who consented, the scopes granted and when the refresh token lapses; Reconectar and Desconectar", async () => {
    const { panel } = renderPanel(CONNECTED);
    expect(within(panel).getByTestId("consent-badge").textContent).toBe("Conectado");
    expect(within(panel).getByTestId("oauth-subject").textContent).toBe("cliente@empresa.com.br");
    expect(within(panel).getByText("empresas.btgpactual.com/accounts.readonly")).toBeTruthy();
    expect(within(panel).getByText("Refresh token expira em")).toBeTruthy();
    expect(within(panel).getByText(formatDateTime(CONNECTED.refreshExpiresAt, "pt-BR"))).toBeTruthy();
    expect(within(panel).getByRole("button", { name: "Reconectar com o BTG" })).toBeTruthy();
    expect(within(panel).getByRole("button", { name: "Desconectar" })).toBeTruthy();
  });

  it("reconnect required: the badge, why (the server's problem) and Reconectar; no Desconectar, no stale scopes", async () => {
    const problem = 'O BTG recusou a renovação do token (invalid_grant): conecte de novo com "Conectar com o BTG".';
    const { panel } = renderPanel({ ...CONNECTED, status: "reconnect_required", problem });
    expect(within(panel).getByTestId("consent-badge").textContent).toBe("Reconexão necessária");
    const why = within(panel).getByText(/O BTG não aceita mais o acesso desta conexão/);
    expect(why.textContent).toContain('clique em "Reconectar com o BTG"');
    expect(why.textContent).toContain(problem);
    expect(within(panel).getByRole("button", { name: "Reconectar com o BTG" })).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Desconectar" })).toBeNull();
    expect(within(panel).queryByText("Escopos concedidos")).toBeNull();
  });

  it.each([
    [{ result: "access_denied", reason: "access_denied" }, 'O titular da conta negou o acesso no BTG. Nada foi salvo; clique em "Conectar com o BTG" para tentar de novo.'],
    [{ result: "exchange_failed", reason: "invalid_grant" }, "O BTG recusou a troca do código pelos tokens. Nada foi salvo; confira o ID do Cliente, a Chave Secreta e a Redirect URI, e conecte de novo. (BTG: invalid_grant)"],
    [{ result: "server_error", reason: null }, 'Algo falhou no Fluxo ao concluir a conexão com o BTG. Nada foi salvo; clique em "Conectar com o BTG" de novo e, se persistir, avise quem administra o Fluxo.'],
    [{ result: "something_new", reason: null }, "A conexão com o BTG não foi concluída. Nada foi salvo; tente de novo."],
  ])("back from BTG with %j: says what happened and what to do", (outcome, message) => {
    const { panel } = renderPanel({ ...CONNECTED, status: "not_connected", subject: null, scope: "", refreshExpiresAt: null }, outcome);
    expect(within(panel).getByRole("alert").textContent).toBe(message);
  });

  it("back from BTG connected: a success message", () => {
    const { panel } = renderPanel(CONNECTED, { result: "conectado", reason: null });
    expect(within(panel).getByRole("status").textContent).toBe("Conectado ao BTG: a conta do cliente autorizou o acesso.");
  });

  it("Conectar com o BTG saves first, then shows the server's refusal where the button is", async () => {
    const detail = 'a conexão não usa Authorization Code: escolha a Autenticação "Authorization Code (conta do cliente)" e salve a conexão antes de conectar';
    const { panel, saveFirst, requests } = renderPanel(null, null, {
      "POST /api/connections/c1/oauth/authorize": { status: 422, body: { type: "about:blank", title: "Unprocessable Content", status: 422, detail } },
    });
    await userEvent.setup().click(within(panel).getByRole("button", { name: "Conectar com o BTG" }));
    expect(saveFirst).toHaveBeenCalledOnce();
    await waitFor(() => expect(within(panel).getByRole("alert").textContent).toContain("salve a conexão antes de conectar"));
    expect(requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/api/connections/c1/oauth/authorize"]);
  });
});
