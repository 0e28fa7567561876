import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useEditorStore } from "../store.js";
import { flow } from "../testing/fixtures.js";
import { builtInConnectors, loopFlowDefinition } from "../testing/loopFlow.js";
import { installReactFlowJsdomStubs } from "../testing/reactFlowJsdom.js";
import { addStepByClick, renderEditor } from "../testing/renderEditor.js";

beforeAll(installReactFlowJsdomStubs);

beforeEach(() => {
  useEditorStore.getState().load({ ...flow(), id: "" });
});

describe("StepConfigPanel", { timeout: 20_000 }, () => {
  it("focuses the new step's first field, and doesn't call an empty list item left behind an error until a save asks", async () => {
    const { user } = renderEditor();
    const panel = await addStepByClick(user);
    // Added from the palette: typing carries on in the step's first field.
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(document.activeElement).toBe(within(panel).getByLabelText("Operação"));

    const entry = within(panel).getByRole("group", { name: "Entrada 1" });
    await user.click(within(entry).getByRole("button", { name: "Adicionar item em Locations" }));
    await user.click(within(entry).getByRole("button", { name: "Adicionar item em Privileges" }));
    await user.keyboard("read");
    const location = within(entry).getByLabelText("Locations 1");
    expect(location.getAttribute("aria-invalid")).toBeNull();
    // Nor does the node count it: only the empty Type is a problem yet.
    const warning = () => screen.getByTestId("step-node-credentials").querySelector(".step-node__warning-count")?.textContent;
    expect(warning()).toBe("1");

    // A save that is refused (or, for a draft, a run) shows it.
    act(() => useEditorStore.getState().revealAllIssues());
    expect(location.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getAllByText("Preencha este campo.").length).toBeGreaterThan(0);
    expect(warning()).toBe("2");
  });

  it("closes with Escape from any field inside it, even the Operação select it opened on, and gives focus back to the node", async () => {
    const { user } = renderEditor();
    const panel = await addStepByClick(user);
    await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    const operation = within(panel).getByLabelText("Operação");
    expect(document.activeElement).toBe(operation);

    fireEvent.keyDown(operation, { key: "Escape" });
    expect(screen.queryByRole("complementary", { name: "credentials" })).toBeNull();
    const node = document.querySelector('.react-flow__node[data-id="credentials"]');
    expect(document.activeElement).toBe(node);

    // Again from a text field of the other tab.
    act(() => useEditorStore.getState().select(["credentials"]));
    const reopened = await screen.findByRole("complementary", { name: "credentials" });
    await user.click(within(reopened).getByRole("tab", { name: /Propriedades/ }));
    await user.click(within(reopened).getByLabelText("Descrição"));
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("complementary", { name: "credentials" })).toBeNull();
    expect(document.activeElement).toBe(node);
  });

  it("leaves Escape to an expression's open suggestions first: only the next one closes the panel", async () => {
    const { user } = renderEditor();
    const panel = await addStepByClick(user);
    const type = within(within(panel).getByRole("group", { name: "Entrada 1" })).getByLabelText("Type");
    await user.click(type);
    await user.keyboard("{{{{");
    expect(await screen.findByRole("listbox")).toBeTruthy();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(screen.getByRole("complementary", { name: "credentials" })).toBeTruthy();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("complementary", { name: "credentials" })).toBeNull();
  });

  it("checks Espera's duration against the operation's own rule as it is typed", async () => {
    const definition = { trigger: { position: { x: 0, y: 120 } }, steps: [{ id: "espera", connector: "wait", operation: "delay", connectionId: null, description: "", parameters: { durationMs: 1000 }, position: { x: 280, y: 120 } }], edges: [{ source: "trigger", target: "espera" }] };
    const { user } = renderEditor({ flow: flow({ definition }), connectors: builtInConnectors, connections: [] });
    await screen.findByTestId("step-node-espera");
    act(() => useEditorStore.getState().select(["espera"]));
    const panel = await screen.findByRole("complementary", { name: "espera" });
    const duration = within(panel).getByLabelText("Duração (ms)");
    const node = screen.getByTestId("step-node-espera");
    expect(node.textContent).toContain("Pronto");

    for (const typed of ["400000", "-5", "1.5"]) {
      await user.clear(duration);
      await user.type(duration, typed);
      // Said while the field still has focus, in the rule's words, and counted on the node.
      expect(document.activeElement).toBe(duration);
      expect(duration.getAttribute("aria-invalid")).toBe("true");
      expect(within(panel).getByText("Use de 0 a 300000 ms (5 minutos).")).toBeTruthy();
      expect(node.textContent).toContain("Incompleto");
    }
    await user.clear(duration);
    await user.type(duration, "abc");
    expect(within(panel).getByText("Informe um número.")).toBeTruthy();

    await user.clear(duration);
    await user.type(duration, "300000");
    expect(duration.getAttribute("aria-invalid")).toBeNull();
    expect(node.textContent).toContain("Pronto");
  });

  it("after a refused save, says a problem of the step's links in its panel and in the notice, the port by its label", async () => {
    const definition = loopFlowDefinition();
    definition.edges.push({ source: "resumo", target: "caro" });
    const problem = {
      path: "definition.edges.3",
      message: '"caro" roda uma vez por item do passo "pedidos" (saída "each"), mas também é ligado a partir de "resumo", fora dessa repetição; ligue-o só dentro dela ou à saída de fim',
      messageCode: "definition.outside_repeat",
      messageParams: { target: "caro", step: "pedidos", port: "each", source: "resumo" },
      stepId: "caro",
    };
    const { user } = renderEditor({
      flow: flow({ definition }),
      connectors: builtInConnectors,
      connections: [],
      put: () => ({ status: 422, body: { type: "about:blank", title: "Unprocessable", status: 422, detail: "invalid flow", errors: [problem] } }),
    });
    await screen.findByTestId("step-node-caro");
    await user.keyboard("{Control>}s{/Control}");

    const told = '"caro" roda uma vez por item do passo "pedidos" (saída "Cada item"), mas também é ligado a partir de "resumo", fora dessa repetição; ligue-o só dentro dela ou à saída de fim';
    const notifications = within(screen.getByRole("region", { name: /notifica/i }));
    expect(await notifications.findByText(`O servidor recusou o fluxo: ${told}`)).toBeTruthy();
    // caro's panel opens on it, and says it where the fields are: not only as the node's tooltip.
    const panel = await screen.findByRole("complementary", { name: "caro" });
    await waitFor(() => expect(within(panel).getByTestId("step-issues").textContent).toBe(told));
  });
});
