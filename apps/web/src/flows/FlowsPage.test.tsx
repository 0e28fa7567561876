import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Flow, FlowListItem } from "@fluxo/contracts";
import { mockApi, OWNER_SESSION, renderWithProviders } from "../ui/testing.js";
import FlowsPage from "./FlowsPage.js";

const problem = (status: number, detail: string) => ({ type: "about:blank", title: "Error", status, detail });

function makeFlow(overrides: Partial<FlowListItem> = {}): FlowListItem {
  return {
    id: "f1",
    name: "Obter token BTG",
    description: "Pede um token com authorization_details",
    version: 3,
    slug: "obter-credenciais",
    savedAt: "2026-11-28T09:00:00.000Z",
    savedBy: null,
    publishedVersion: null,
    hasUnpublishedChanges: true,
    createdAt: "2026-11-27T10:00:00.000Z",
    updatedAt: "2026-11-28T09:00:00.000Z",
    stepCount: 1,
    schedule: null,
    lastExecution: {
      id: "e1",
      flowId: "f1",
      flowVersion: 3,
      draft: true,
      draftSavedAt: "2026-11-28T09:00:00.000Z",
      triggerSource: "editor",
      status: "failed",
      startedAt: "2026-11-28T09:30:00.000Z",
      finishedAt: "2026-11-28T09:30:01.000Z",
      durationMs: 1000,
      createdAt: "2026-11-28T09:30:00.000Z",
    },
    ...overrides,
  };
}

const renderPage = () => renderWithProviders(<FlowsPage />, { path: "/fluxos", routes: { "/fluxos/:flowId": <p>editor aberto</p> } });

describe("FlowsPage", () => {
  it("offers a viewer the flows to open, without create, rename, duplicate or delete", async () => {
    mockApi({ "GET /api/auth/session": { body: { ...OWNER_SESSION, role: "viewer" } }, "GET /api/flows": { body: [makeFlow()] } });
    renderPage();
    expect(await screen.findByRole("link", { name: "Obter token BTG" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /novo fluxo/i })).toBeNull();
    expect(screen.queryByRole("button", { name: /excluir/i })).toBeNull();
    expect(screen.queryByRole("button", { name: /renomear/i })).toBeNull();
  });

  it("shows a loading state, then the flows with their last execution", async () => {
    mockApi({ "GET /api/flows": { body: [makeFlow(), makeFlow({ id: "f2", name: "Novo", stepCount: 0, lastExecution: null })] } });
    renderPage();
    expect(screen.getByText("Carregando fluxos…")).toBeTruthy();

    const row = (await screen.findByRole("link", { name: "Obter token BTG" })).closest("tr")!;
    expect(within(row).getByText("Falhou")).toBeTruthy();
    expect(within(row).getByText("1 passo")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Obter token BTG" }).getAttribute("href")).toBe("/fluxos/f1");
    const second = screen.getByRole("link", { name: "Novo" }).closest("tr")!;
    expect(within(second).getByText("Nunca executado")).toBeTruthy();
    expect(within(second).getByText("Nenhum passo")).toBeTruthy();
  });

  it("invites to create the first flow when there are none", async () => {
    mockApi({ "GET /api/flows": { body: [] } });
    renderPage();
    expect(await screen.findByText("Nenhum fluxo ainda")).toBeTruthy();
    expect(screen.getAllByRole("button", { name: "Novo fluxo" })).toHaveLength(2);
  });

  it("explains a failed load and retries", async () => {
    let calls = 0;
    mockApi({ "GET /api/flows": () => (++calls === 1 ? { status: 500, body: problem(500, "boom") } : { body: [makeFlow()] }) });
    const user = userEvent.setup();
    renderPage();
    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("Não foi possível carregar os fluxos")).toBeTruthy();
    await user.click(within(alert).getByRole("button", { name: "Tentar novamente" }));
    expect(await screen.findByRole("link", { name: "Obter token BTG" })).toBeTruthy();
  });

  it("creates a flow and opens it in the editor", async () => {
    const created: Flow = { ...makeFlow({ id: "f9", name: "Meu fluxo" }), problems: [], definition: { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] } };
    const { requests } = mockApi({ "GET /api/flows": { body: [] }, "POST /api/flows": { status: 201, body: created } });
    const user = userEvent.setup();
    renderPage();
    await user.click((await screen.findAllByRole("button", { name: "Novo fluxo" }))[0]!);
    const dialog = screen.getByRole("dialog", { name: "Novo fluxo" });
    await user.click(within(dialog).getByRole("button", { name: "Criar e abrir" }));
    expect(await within(dialog).findByText("Preencha este campo.")).toBeTruthy();

    await user.type(within(dialog).getByLabelText("Nome"), "Meu fluxo");
    await user.type(within(dialog).getByLabelText("Descrição"), "Teste");
    await user.click(within(dialog).getByRole("button", { name: "Criar e abrir" }));
    expect(await screen.findByText("editor aberto")).toBeTruthy();
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ name: "Meu fluxo", description: "Teste" });
  });

  it("renames with a PUT of the name only", async () => {
    const { requests } = mockApi({
      "GET /api/flows": { body: [makeFlow()] },
      "PUT /api/flows/f1": { body: { ...makeFlow({ name: "Token BTG" }), definition: { trigger: { position: { x: 0, y: 0 } }, steps: [], edges: [] } } },
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Renomear fluxo Obter token BTG" }));
    const input = within(screen.getByRole("dialog", { name: "Renomear fluxo" })).getByLabelText("Nome");
    await user.clear(input);
    await user.type(input, "Token BTG{Enter}");
    await waitFor(() => expect(requests.find((r) => r.method === "PUT")?.body).toEqual({ name: "Token BTG" }));
    expect(await screen.findByText('Fluxo renomeado para "Token BTG".')).toBeTruthy();
  });

  it("duplicates and deletes after confirmation", async () => {
    const { requests } = mockApi({
      "GET /api/flows": { body: [makeFlow()] },
      "POST /api/flows/f1/duplicate": { status: 201, body: { ...makeFlow({ id: "f2", name: "Obter token BTG (cópia)" }), definition: { steps: [], edges: [] } } },
      "DELETE /api/flows/f1": { status: 204 },
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Duplicar fluxo Obter token BTG" }));
    expect(await screen.findByText('Fluxo duplicado: "Obter token BTG (cópia)".')).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Excluir fluxo Obter token BTG" }));
    const confirm = screen.getByRole("alertdialog", { name: "Excluir fluxo" });
    expect(requests.some((r) => r.method === "DELETE")).toBe(false);
    await user.click(within(confirm).getByRole("button", { name: "Excluir" }));
    await waitFor(() => expect(requests.some((r) => r.method === "DELETE" && r.path === "/api/flows/f1")).toBe(true));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
  });
});
