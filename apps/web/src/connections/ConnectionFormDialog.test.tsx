import { describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockApi, renderWithProviders } from "../ui/testing.js";
import { ConnectionFormDialog } from "./ConnectionFormDialog.js";
import { btgIdConnector, makeConnection } from "./fixtures.js";

function renderDialog(props: { connectionId?: string } = {}) {
  const onSaved = vi.fn();
  const onClose = vi.fn();
  renderWithProviders(<ConnectionFormDialog open connectorKey="btg-id" onClose={onClose} onSaved={onSaved} {...props} />);
  return { onSaved, onClose };
}

async function fillValidForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText("Nome"), "BTG sandbox");
  await user.type(screen.getByLabelText("ID do Cliente"), "fluxo-app");
  await user.type(screen.getByLabelText("Chave Secreta do Cliente"), "s3cr3t");
  await user.type(screen.getByLabelText("URL do ambiente"), "https://id.sandbox.btgpactual.com");
}

describe("ConnectionFormDialog", () => {
  it("draws the connector's fields from the catalog, with the URL suggestions", async () => {
    mockApi({ "GET /api/connectors": { body: [btgIdConnector] } });
    renderDialog();
    await screen.findByLabelText("Nome");
    const dialog = screen.getByRole("dialog", { name: "Nova conexão" });
    for (const label of ["Nome", "Descrição", "ID do Cliente", "Chave Secreta do Cliente", "URL do ambiente"]) {
      expect(within(dialog).getByLabelText(label)).toBeTruthy();
    }
    expect(screen.getByLabelText("Chave Secreta do Cliente").getAttribute("type")).toBe("password");
    const url = screen.getByLabelText("URL do ambiente");
    const options = [...document.getElementById(url.getAttribute("list")!)!.querySelectorAll("option")].map((o) => o.value);
    expect(options).toEqual(["https://id.sandbox.btgpactual.com", "https://id.btgpactual.com", "http://127.0.0.1:3100"]);
  });

  it("offers only services to connect to: built-in steps (Condição…) take no connection", async () => {
    const http = { ...btgIdConnector, key: "http", name: "HTTP" };
    const condition = { ...btgIdConnector, key: "condition", name: "Condição", connectionFields: [], builtIn: true };
    mockApi({ "GET /api/connectors": { body: [btgIdConnector, http, condition] } });
    renderWithProviders(<ConnectionFormDialog open onClose={vi.fn()} onSaved={vi.fn()} />);
    const options = await screen.findAllByRole("button", { name: /BTG-ID|HTTP|Condição/ });
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining("BTG-ID"), expect.stringContaining("HTTP")]);
  });

  it("shows a pt-BR message on every empty required field and sends nothing", async () => {
    const { requests } = mockApi({ "GET /api/connectors": { body: [btgIdConnector] } });
    const user = userEvent.setup();
    renderDialog();
    await screen.findByLabelText("Nome");
    await user.click(screen.getByRole("button", { name: "Salvar" }));

    for (const label of ["Nome", "ID do Cliente", "Chave Secreta do Cliente", "URL do ambiente"]) {
      const input = screen.getByLabelText(label);
      await waitFor(() => expect(input.getAttribute("aria-invalid")).toBe("true"));
      const describedBy = input.getAttribute("aria-describedby")!.split(" ");
      const messages = describedBy.map((id) => document.getElementById(id)?.textContent);
      expect(messages).toContain("Preencha este campo.");
    }
    expect(screen.getByLabelText("Descrição").getAttribute("aria-invalid")).toBeNull();
    expect(requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("rejects an environment URL that isn't a URL", async () => {
    mockApi({ "GET /api/connectors": { body: [btgIdConnector] } });
    const user = userEvent.setup();
    renderDialog();
    await user.type(await screen.findByLabelText("URL do ambiente"), "id.btgpactual.com");
    await user.tab();
    expect(await screen.findByText("Informe uma URL completa, começando com https:// (ou http://).")).toBeTruthy();
  });

  it("creates a connection and hands it back", async () => {
    const saved = makeConnection();
    const { requests } = mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "POST /api/connections": { status: 201, body: saved },
    });
    const user = userEvent.setup();
    const { onSaved, onClose } = renderDialog();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Salvar" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(onClose).toHaveBeenCalled();
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      connector: "btg-id",
      name: "BTG sandbox",
      description: "",
      values: { clientId: "fluxo-app", clientSecret: "s3cr3t", environmentUrl: "https://id.sandbox.btgpactual.com" },
    });
  });

  it("a saved connection whose test fails is said so once: the warning replaces the 'saved' notice", async () => {
    const saved = makeConnection();
    mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "POST /api/connections": { status: 201, body: saved },
      "POST /api/connections/c1/test": {
        body: { ok: false, testedAt: "2026-11-28T10:00:00.000Z", durationMs: 20, message: "recusado", error: { kind: "http_error", message: "recusado", status: 401, code: "invalid_client", description: "client authentication failed" } },
      },
    });
    const user = userEvent.setup();
    renderDialog();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Salvar" }));

    expect(await screen.findByText(/foi salva, mas o teste falhou \(invalid_client — client authentication failed\)/)).toBeTruthy();
    expect(screen.queryByText(`Conexão "${saved.name}" salva.`)).toBeNull();
  });

  it("a saved connection not yet connected (Authorization Code) isn't tested: the notice says to connect it", async () => {
    const saved = { ...makeConnection(), authorization: { status: "not_connected" as const, subject: null, scope: "", connectedAt: null, refreshedAt: null, accessExpiresAt: null, refreshExpiresAt: null, problem: null, problemCode: null, problemParams: null } };
    const { requests } = mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "POST /api/connections": { status: 201, body: saved },
    });
    const user = userEvent.setup();
    renderDialog();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Salvar" }));

    expect(await screen.findByText(/salva\. Para usá-la, abra-a e clique em "Conectar com o BTG"/)).toBeTruthy();
    expect(screen.queryByText(/o teste falhou/)).toBeNull();
    expect(requests.some((r) => r.path.endsWith("/test"))).toBe(false);
  });

  it("on edit, says the secret is set and keeps it when left blank", async () => {
    const connection = makeConnection();
    const { requests } = mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "GET /api/connections/c1": { body: connection },
      "PUT /api/connections/c1": { body: { ...connection, name: "BTG sandbox 2" } },
    });
    const user = userEvent.setup();
    const { onSaved } = renderDialog({ connectionId: "c1" });

    const name = await screen.findByLabelText("Nome");
    expect((name as HTMLInputElement).value).toBe("BTG sandbox");
    expect((screen.getByLabelText("ID do Cliente") as HTMLInputElement).value).toBe("fluxo-app");
    const secret = screen.getByLabelText("Chave Secreta do Cliente") as HTMLInputElement;
    expect(secret.value).toBe("");
    expect(secret.getAttribute("aria-required")).toBeNull();
    expect(screen.getByText(/Definida; deixe em branco para manter/)).toBeTruthy();

    await user.type(name, " 2");
    await user.click(screen.getByRole("button", { name: "Salvar" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const put = requests.find((r) => r.method === "PUT");
    expect(put?.body).toEqual({
      name: "BTG sandbox 2",
      description: "Credenciais de teste",
      values: { clientId: "fluxo-app", environmentUrl: "https://id.sandbox.btgpactual.com" },
    });
  });

  it("puts the server's 422 field errors on their fields and keeps what was typed", async () => {
    mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "POST /api/connections": {
        status: 422,
        body: {
          type: "about:blank",
          title: "Invalid connection",
          status: 422,
          detail: "Some fields are invalid",
          errors: [
            { path: "values.clientId", message: "O ID do Cliente não pode conter espaços." },
            { path: "name", message: "Já existe uma conexão com este nome." },
          ],
        },
      },
    });
    const user = userEvent.setup();
    const { onSaved } = renderDialog();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Salvar" }));

    expect(await screen.findByText("O ID do Cliente não pode conter espaços.")).toBeTruthy();
    expect(screen.getByText("Já existe uma conexão com este nome.")).toBeTruthy();
    expect(screen.getByLabelText("ID do Cliente").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Nome").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByLabelText("Chave Secreta do Cliente") as HTMLInputElement).value).toBe("s3cr3t");
    expect((screen.getByLabelText("URL do ambiente") as HTMLInputElement).value).toBe("https://id.sandbox.btgpactual.com");
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("keeps the edits and says so when the server can't be reached", async () => {
    mockApi({ "GET /api/connectors": { body: [btgIdConnector] }, "POST /api/connections": { networkError: true } });
    const user = userEvent.setup();
    renderDialog();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    expect(await screen.findByText(/Não foi possível falar com o servidor/)).toBeTruthy();
    expect((screen.getByLabelText("Nome") as HTMLInputElement).value).toBe("BTG sandbox");
  });

  it("tests the typed values and shows BTG's exact error", async () => {
    const { requests } = mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "GET /api/connections/c1": { body: makeConnection() },
      "POST /api/connections/test": {
        body: {
          ok: false,
          testedAt: "2026-11-28T10:00:00.000Z",
          durationMs: 231,
          message: "O BTG recusou as credenciais.",
          error: { kind: "http_error", message: "rejected", status: 401, code: "invalid_client", description: "Client authentication failed" },
        },
      },
    });
    const user = userEvent.setup();
    renderDialog({ connectionId: "c1" });
    await screen.findByLabelText("Nome");
    await user.click(screen.getByRole("button", { name: "Testar conexão" }));

    const alert = await screen.findByRole("alert");
    expect(within(alert).getByText("invalid_client — Client authentication failed")).toBeTruthy();
    expect(requests.find((r) => r.path === "/api/connections/test")?.body).toEqual({
      id: "c1",
      connector: "btg-id",
      name: "BTG sandbox",
      description: "Credenciais de teste",
      values: { clientId: "fluxo-app", environmentUrl: "https://id.sandbox.btgpactual.com" },
    });
  });

  it("shows a successful test", async () => {
    mockApi({
      "GET /api/connectors": { body: [btgIdConnector] },
      "POST /api/connections/test": { body: { ok: true, testedAt: "2026-11-28T10:00:00.000Z", durationMs: 120, message: "Token obtido." } },
    });
    const user = userEvent.setup();
    renderDialog();
    await fillValidForm(user);
    await user.click(screen.getByRole("button", { name: "Testar conexão" }));
    expect(await screen.findByText("Conexão bem-sucedida")).toBeTruthy();
    expect(screen.getByText("Token obtido.")).toBeTruthy();
  });

  it("Enter in Escopos (a field offered a list) stays there: it doesn't save, close the dialog or test the connection", async () => {
    const scopes = {
      key: "scopes",
      label: "Escopos",
      type: "text" as const,
      required: true,
      help: "Escopos a pedir no consentimento, separados por espaço.",
      suggestions: [
        { value: "empresas.btgpactual.com/accounts.readonly", label: "empresas.btgpactual.com/accounts.readonly" },
        { value: "openid", label: "openid" },
      ],
    };
    const connector = { ...btgIdConnector, connectionFields: [...btgIdConnector.connectionFields, scopes] };
    const { requests } = mockApi({ "GET /api/connectors": { body: [connector] }, "POST /api/connections": { status: 201, body: makeConnection() } });
    const user = userEvent.setup();
    const { onSaved, onClose } = renderDialog();
    await fillValidForm(user);
    const field = screen.getByLabelText("Escopos") as HTMLInputElement;
    await user.type(field, "empresas.btgpactual.com/accounts.readonly{Enter}");
    await user.type(field, " openid");
    expect(field.value).toBe("empresas.btgpactual.com/accounts.readonly openid");
    expect(requests.some((r) => r.method === "POST")).toBe(false);
    expect(onSaved).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();

    // Enter in another field still submits, as in any form.
    await user.type(screen.getByLabelText("ID do Cliente"), "{Enter}");
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(requests.find((r) => r.method === "POST")?.body).toMatchObject({ values: { scopes: "empresas.btgpactual.com/accounts.readonly openid" } });
  });
});
