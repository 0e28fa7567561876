import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockApi, OWNER_SESSION, renderWithProviders } from "../ui/testing.js";
import ConnectionsPage from "./ConnectionsPage.js";
import { btgIdConnector, makeConnection } from "./fixtures.js";

const renderPage = () => renderWithProviders(<ConnectionsPage />, { path: "/conexoes" });

describe("ConnectionsPage", () => {
  it("shows a member the connections without the actions only admins and owners may take", async () => {
    mockApi({
      "GET /api/auth/session": { body: { ...OWNER_SESSION, role: "member" } },
      "GET /api/connectors": { body: [btgIdConnector] },
      "GET /api/connections": { body: [makeConnection()] },
    });
    renderPage();
    expect(await screen.findByText("BTG sandbox")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "BTG sandbox" })).toBeNull();
    expect(screen.queryByRole("button", { name: /nova conexão/i })).toBeNull();
    expect(screen.queryByRole("button", { name: /excluir/i })).toBeNull();
    expect(screen.getByText(/Somente administradores e proprietários/)).toBeTruthy();
  });

  it("lists connections with their connector and last test", async () => {
    mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "GET /api/connections": {
        body: [
          makeConnection({
            lastTest: {
              ok: false,
              testedAt: new Date().toISOString(),
              durationMs: 200,
              message: "Recusado",
              error: { kind: "http_error", message: "x", code: "invalid_client", description: "Client authentication failed" },
            },
          }),
          makeConnection({ id: "c2", name: "BTG produção", description: "" }),
        ],
      },
    });
    renderPage();
    const row = (await screen.findByRole("button", { name: "BTG sandbox" })).closest("tr")!;
    expect(within(row).getByText("BTG-ID")).toBeTruthy();
    expect(within(row).getByText("Falhou")).toBeTruthy();
    expect(within(row).getByText("invalid_client — Client authentication failed")).toBeTruthy();
    const second = screen.getByRole("button", { name: "BTG produção" }).closest("tr")!;
    expect(within(second).getByText("Nunca testada")).toBeTruthy();
  });

  it("shows the empty state", async () => {
    mockApi({ "GET /api/connectors": { body: [btgIdConnector] }, "GET /api/connections": { body: [] } });
    renderPage();
    expect(await screen.findByText("Nenhuma conexão ainda")).toBeTruthy();
  });

  it("warns, naming the flows, before deleting a connection in use, then forces the delete", async () => {
    const { requests } = mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "GET /api/connections": { body: [makeConnection({ usedBy: [{ id: "f1", name: "Obter token BTG" }] })] },
      "DELETE /api/connections/c1?force=true": { status: 204 },
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Excluir conexão BTG sandbox" }));
    const dialog = screen.getByRole("alertdialog", { name: "Excluir conexão" });
    expect(within(dialog).getByText("Usada por 1 fluxo:")).toBeTruthy();
    expect(within(dialog).getByRole("link", { name: "Obter token BTG" })).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Excluir mesmo assim" }));
    await waitFor(() => expect(requests.some((r) => r.method === "DELETE" && r.path === "/api/connections/c1?force=true")).toBe(true));
  });

  it("names the flows the server reports (409) when the list didn't know them", async () => {
    const { requests } = mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "GET /api/connections": { body: [makeConnection()] },
      "DELETE /api/connections/c1": {
        status: 409,
        body: { type: "about:blank", title: "In use", status: 409, detail: "in use", usedBy: [{ id: "f7", name: "Fluxo novo" }] },
      },
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Excluir conexão BTG sandbox" }));
    const dialog = screen.getByRole("alertdialog", { name: "Excluir conexão" });
    await user.click(within(dialog).getByRole("button", { name: "Excluir" }));
    expect(await within(dialog).findByRole("link", { name: "Fluxo novo" })).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Excluir mesmo assim" })).toBeTruthy();
    expect(requests.filter((r) => r.method === "DELETE")).toHaveLength(1);
  });
});
