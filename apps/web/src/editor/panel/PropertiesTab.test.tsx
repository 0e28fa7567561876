import { screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FlowDefinition } from "@fluxo/contracts";
import { useEditorStore } from "../store.js";
import { btgIdConnector, connection, flow, httpConnector } from "../testing/fixtures.js";
import { installReactFlowJsdomStubs } from "../testing/reactFlowJsdom.js";
import { addStepByClick, renderEditor } from "../testing/renderEditor.js";

beforeAll(installReactFlowJsdomStubs);

beforeEach(() => {
  useEditorStore.getState().load({ ...flow(), id: "" });
});

const connections = [connection(), connection({ id: "auth1", connector: "http", name: "API com token" })];

describe("Propriedades: the connection", { timeout: 20_000 }, () => {
  it("offers 'Sem conexão' as a valid choice for a connector that may run unauthenticated, and saves with connectionId null", async () => {
    const { user, requests } = renderEditor({ connectors: [btgIdConnector, httpConnector], connections });
    const panel = await addStepByClick(user, "HTTP", "http");
    await user.type(within(panel).getByLabelText("URL"), "https://api.example.com/v1/accounts");
    await user.click(within(panel).getByRole("tab", { name: "Propriedades" }));

    const select = within(panel).getByLabelText("Conexão") as HTMLSelectElement;
    expect(select.selectedOptions[0]!.textContent).toBe("Sem conexão (sem autenticação)");
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(["Sem conexão (sem autenticação)", "API com token"]);
    expect(select.getAttribute("aria-required")).toBeNull();

    await user.selectOptions(select, "auth1");
    expect(useEditorStore.getState().definition.steps[0]!.connectionId).toBe("auth1");
    await user.selectOptions(select, "");
    expect(useEditorStore.getState().definition.steps[0]!.connectionId).toBeNull();

    await user.click(screen.getByRole("button", { name: "Salvar" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    expect(select.getAttribute("aria-invalid")).toBeNull();
    const sent = (requests.find((r) => r.method === "PUT")!.body as { definition: FlowDefinition }).definition;
    expect(sent.steps[0]).toMatchObject({ connector: "http", connectionId: null });
  });

  it("still requires a connection for other connectors: the draft saves without one, marked", async () => {
    const { user, requests } = renderEditor({ connectors: [btgIdConnector, httpConnector], connections: [connection(), connection({ id: "conn2" })] });
    const panel = await addStepByClick(user);
    await user.type(within(panel).getByLabelText("Type"), "accounts");
    await user.click(screen.getByRole("button", { name: "Salvar" }));
    expect(await screen.findByText(/Rascunho salvo\. 1 passo ainda tem campos a completar/)).toBeTruthy();
    const select = within(panel).getByLabelText("Conexão") as HTMLSelectElement;
    expect(select.selectedOptions[0]!.textContent).toBe("Selecione uma conexão");
    expect(select.getAttribute("aria-invalid")).toBe("true");
    const put = requests.find((r) => r.method === "PUT")!.body as { definition: FlowDefinition };
    expect(put.definition.steps[0]!.connectionId).toBeNull();
  });
});
