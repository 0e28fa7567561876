import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Flow, FlowExport, FlowListItem } from "@fluxo/contracts";
import { btgIdConnector, makeConnection } from "../connections/fixtures.js";
import { mockApi, OWNER_SESSION, renderWithProviders } from "../ui/testing.js";
import FlowsPage from "./FlowsPage.js";
import { readText } from "./transfer.js";

const exported: FlowExport = {
  format: "fluxo.flow/v1",
  name: "Obter credenciais",
  description: "Token para o time de pagamentos",
  slug: "obter-credenciais",
  definition: {
    trigger: { position: { x: 0, y: 120 } },
    steps: [
      {
        id: "credentials",
        connector: "btg-id",
        operation: "get-credentials",
        connectionId: "connection-1",
        description: "",
        parameters: { grantType: "client_credentials" },
        position: { x: 300, y: 120 },
      },
    ],
    edges: [{ source: "trigger", target: "credentials" }],
  },
  connections: [{ ref: "connection-1", name: "BTG produção", connector: "btg-id" }],
};

const listItem: FlowListItem = {
  id: "f1",
  name: "Obter credenciais",
  description: "",
  version: 1,
  slug: "obter-credenciais",
  savedAt: "2026-11-28T09:00:00.000Z",
  savedBy: null,
  publishedVersion: null,
  hasUnpublishedChanges: true,
  createdAt: "2026-11-27T10:00:00.000Z",
  updatedAt: "2026-11-28T09:00:00.000Z",
  stepCount: 1,
  schedule: null,
  lastExecution: null,
};

const imported: Flow = { ...listItem, id: "f9", problems: [], definition: { ...exported.definition, steps: [{ ...exported.definition.steps[0]!, connectionId: "c1" }] } };
const connectors = { body: [{ ...btgIdConnector, operations: [{ key: "get-credentials", name: "Obter Credenciais" }] }] };

const jsonFile = (content: unknown, name = "obter-credenciais.fluxo.json") =>
  new File([typeof content === "string" ? content : JSON.stringify(content)], name, { type: "application/json" });

const renderPage = () => renderWithProviders(<FlowsPage />, { path: "/fluxos", routes: { "/fluxos/:flowId": <p>editor aberto</p> } });

async function openImport() {
  const user = userEvent.setup();
  renderPage();
  // With no flows yet, the empty state offers it too.
  await user.click((await screen.findAllByRole("button", { name: "Importar fluxo" }))[0]!);
  const dialog = screen.getByRole("dialog", { name: "Importar fluxo" });
  return { user, dialog };
}

async function pickFile(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, file: File) {
  await user.upload(within(dialog).getByLabelText("Arquivo do fluxo"), file);
}

describe("Importar fluxo", () => {
  it("is offered to members and above, not to viewers; everyone can export", async () => {
    mockApi({ "GET /api/auth/session": { body: { ...OWNER_SESSION, role: "viewer" } }, "GET /api/flows": { body: [listItem] } });
    renderPage();
    expect(await screen.findByRole("button", { name: "Exportar fluxo Obter credenciais" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Importar fluxo" })).toBeNull();
  });

  it("shows what the file creates, preselects the connection of the same name, imports and opens the new flow", async () => {
    const { requests } = mockApi({
      "GET /api/flows": { body: [] },
      "GET /api/connectors": connectors,
      "GET /api/connections": { body: [makeConnection({ id: "c0", name: "Outra" }), makeConnection({ id: "c1", name: "BTG produção" })] },
      "POST /api/flows/import": { status: 201, body: imported },
    });
    const { user, dialog } = await openImport();
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Escolher arquivo…" }));
    await pickFile(user, dialog, jsonFile(exported));

    expect(await within(dialog).findByText("obter-credenciais.fluxo.json")).toBeTruthy();
    expect((within(dialog).getByLabelText("Nome") as HTMLInputElement).value).toBe("Obter credenciais");
    const step = within(dialog).getByTestId("import-step-credentials");
    await waitFor(() => expect(step.textContent).toContain("BTG-ID · Obter Credenciais · conexão “BTG produção”"));
    const select = (await within(dialog).findByLabelText("Conexão para “BTG produção”")) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe("c1"));

    await user.clear(within(dialog).getByLabelText("Nome"));
    await user.type(within(dialog).getByLabelText("Nome"), "Credenciais importadas");
    await user.click(within(dialog).getByRole("button", { name: "Importar" }));
    expect(await screen.findByText("editor aberto")).toBeTruthy();
    const body = requests.find((r) => r.method === "POST")?.body as { file: FlowExport; connections: Record<string, string> };
    expect(body.connections).toEqual({ "connection-1": "c1" });
    expect(body.file.name).toBe("Credenciais importadas");
    expect(body.file.definition).toEqual(exported.definition);
  });

  it("explains a file that isn't JSON, and one that isn't a flow export, then takes a dropped file", async () => {
    mockApi({ "GET /api/flows": { body: [] }, "GET /api/connectors": connectors, "GET /api/connections": { body: [makeConnection({ id: "c1", name: "BTG produção" })] } });
    const { user, dialog } = await openImport();

    await pickFile(user, dialog, jsonFile("{ isto não é json", "notas.txt"));
    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Não foi possível usar “notas.txt”");
    expect(alert.textContent).toContain("O arquivo não é um JSON válido");

    await pickFile(user, dialog, jsonFile({ name: "fluxo", version: "1.0.0" }, "package.json"));
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("não é uma exportação de fluxo do Fluxo"));

    const drop = within(dialog).getByTestId("import-drop");
    fireEvent.drop(drop, { dataTransfer: { files: [jsonFile(exported)], types: ["Files"] } });
    expect(await within(dialog).findByTestId("import-step-credentials")).toBeTruthy();
    expect(within(dialog).queryByRole("alert")).toBeNull();
  });

  it("says when the workspace has no connection of the connector, creates one from the dialog and maps it", async () => {
    const created = makeConnection({ id: "c7", name: "BTG produção" });
    let connections = [makeConnection({ id: "c2", connector: "other", name: "De outro conector" })];
    const { requests } = mockApi({
      "GET /api/flows": { body: [] },
      "GET /api/connectors": connectors,
      "GET /api/connections": () => ({ body: connections }),
      "POST /api/connections": () => {
        connections = [...connections, created];
        return { status: 201, body: created };
      },
      "POST /api/flows/import": { status: 201, body: imported },
    });
    const { user, dialog } = await openImport();
    await pickFile(user, dialog, jsonFile(exported));
    expect(await within(dialog).findByText("Não há conexão BTG-ID neste workspace.")).toBeTruthy();

    // Importing now says what is missing, next to it, and sends nothing.
    await user.click(within(dialog).getByRole("button", { name: "Importar" }));
    expect(await within(dialog).findByText("Crie esta conexão antes de importar.")).toBeTruthy();
    expect(requests.some((r) => r.path === "/api/flows/import")).toBe(false);

    await user.click(within(dialog).getByRole("button", { name: "Criar conexão BTG-ID" }));
    const form = await screen.findByRole("dialog", { name: "Nova conexão" });
    await user.type(within(form).getByLabelText("Nome"), "BTG produção");
    await user.type(within(form).getByLabelText("ID do Cliente"), "fluxo-app");
    await user.type(within(form).getByLabelText("Chave Secreta do Cliente"), "s3cret");
    await user.type(within(form).getByLabelText("URL do ambiente"), "https://id.sandbox.btgpactual.com");
    await user.click(within(form).getByRole("button", { name: "Salvar" }));

    const back = await screen.findByRole("dialog", { name: "Importar fluxo" });
    const select = (await within(back).findByLabelText("Conexão para “BTG produção”")) as HTMLSelectElement;
    expect(select.value).toBe("c7");
    await waitFor(() => expect(document.activeElement).toBe(select));
    await user.click(within(back).getByRole("button", { name: "Importar" }));
    expect(await screen.findByText("editor aberto")).toBeTruthy();
    expect((requests.find((r) => r.path === "/api/flows/import")?.body as { connections: unknown }).connections).toEqual({ "connection-1": "c7" });
  });

  it("shows a refusal's per-field problems next to what they concern and keeps everything chosen", async () => {
    mockApi({
      "GET /api/flows": { body: [] },
      "GET /api/connectors": connectors,
      "GET /api/connections": { body: [makeConnection({ id: "c1", name: "BTG produção" })] },
      "POST /api/flows/import": {
        status: 422,
        body: {
          type: "about:blank",
          title: "Unprocessable Entity",
          status: 422,
          detail: "nada foi importado",
          errors: [
            { path: "connections.connection-1", message: "no btg-id connection c1 in this workspace" },
            { path: "definition.steps.0.parameters.grantType", message: "Invalid option", stepId: "credentials", field: "grantType" },
            { path: "file.definition.edges.0", message: "unknown edge" },
          ],
        },
      },
    });
    const { user, dialog } = await openImport();
    await pickFile(user, dialog, jsonFile(exported));
    const name = await within(dialog).findByLabelText("Nome");
    await user.clear(name);
    await user.type(name, "Meu nome");
    await waitFor(() => expect((within(dialog).getByLabelText("Conexão para “BTG produção”") as HTMLSelectElement).value).toBe("c1"));
    await user.click(within(dialog).getByRole("button", { name: "Importar" }));

    const select = within(dialog).getByLabelText("Conexão para “BTG produção”");
    await waitFor(() => expect(select.getAttribute("aria-invalid")).toBe("true"));
    expect(within(dialog).getByText("no btg-id connection c1 in this workspace")).toBeTruthy();
    expect(within(dialog).getByTestId("import-step-credentials").textContent).toContain("grantType: Invalid option");
    const alert = within(dialog).getByRole("alert");
    expect(alert.textContent).toContain("Nada foi importado");
    expect(alert.textContent).toContain("file.definition.edges.0: unknown edge");
    expect(document.activeElement).toBe(select);
    expect((within(dialog).getByLabelText("Nome") as HTMLInputElement).value).toBe("Meu nome");
    expect(screen.queryByText("editor aberto")).toBeNull();
  });
});

describe("Exportar", () => {
  it("downloads the flow as <slug>.fluxo.json", async () => {
    const createObjectURL = vi.fn((_blob: Blob) => "blob:flow");
    vi.stubGlobal("URL", Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicks: { download: string; href: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ download: this.download, href: this.href });
    });
    mockApi({ "GET /api/flows": { body: [listItem] }, "GET /api/flows/f1/export": { body: exported } });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Exportar fluxo Obter credenciais" }));
    expect(await screen.findByText("Fluxo exportado: obter-credenciais.fluxo.json.")).toBeTruthy();
    expect(clicks).toEqual([{ download: "obter-credenciais.fluxo.json", href: "blob:flow" }]);
    expect(JSON.parse(await readText(createObjectURL.mock.calls[0]![0]))).toEqual(exported);
    click.mockRestore();
  });
});
