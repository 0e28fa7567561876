import type { FlowDefinition } from "@fluxo/contracts";
import { act, createEvent, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CONNECTOR_DRAG_TYPE } from "../palette/ConnectorPalette.js";
import { useEditorStore } from "../store.js";
import { btgIdConnector, connection, flow, httpConnector } from "../testing/fixtures.js";
import { builtInConnectors, loopFlowDefinition } from "../testing/loopFlow.js";
import { installReactFlowJsdomStubs } from "../testing/reactFlowJsdom.js";
import { addStepByClick, renderEditor } from "../testing/renderEditor.js";

beforeAll(installReactFlowJsdomStubs);

beforeEach(() => {
  useEditorStore.getState().load({ ...flow(), id: "" });
});

const twoSteps: FlowDefinition = {
  trigger: { position: { x: 0, y: 120 } },
  steps: [
    { id: "token", connector: "btg-id", operation: "get-credentials", connectionId: "conn1", description: "", parameters: {}, position: { x: 280, y: 120 } },
    { id: "call", connector: "http", operation: "request", connectionId: null, description: "", parameters: {}, position: { x: 560, y: 120 } },
  ],
  edges: [
    { source: "trigger", target: "token" },
    { source: "token", target: "call" },
  ],
};

const handle = (nodeId: string, type: "source" | "target") => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle.${type}`)!;
/** A key pressed and released: React Flow tracks which keys are down until they come up. */
const pressKey = (key: string) => {
  fireEvent.keyDown(document.body, { key });
  fireEvent.keyUp(document.body, { key });
};
const edges = () => useEditorStore.getState().definition.edges;

describe("FlowCanvas", { timeout: 20_000 }, () => {
  it("draws an edge from one node's handle to another's, and only where the flow allows it", async () => {
    renderEditor({ flow: flow({ definition: { ...twoSteps, edges: [] } }), connectors: [btgIdConnector, httpConnector] });
    await screen.findByTestId("step-node-call");
    expect(handle("token", "source").classList.contains("connectable")).toBe(true);

    // React Flow connects on a drag between handles or a click on each; both end in the same onConnect.
    fireEvent.click(handle("trigger", "source"));
    fireEvent.click(handle("token", "target"));
    fireEvent.click(handle("token", "source"));
    fireEvent.click(handle("call", "target"));
    expect(edges()).toEqual([
      { source: "trigger", target: "token" },
      { source: "token", target: "call" },
    ]);
    // Back from call into token would close a cycle.
    fireEvent.click(handle("call", "source"));
    fireEvent.click(handle("token", "target"));
    expect(edges()).toHaveLength(2);
  });

  it("deletes a selected edge with Delete or Backspace", async () => {
    renderEditor({ flow: flow({ definition: twoSteps }), connectors: [btgIdConnector, httpConnector] });
    await screen.findByTestId("step-node-call");
    await waitFor(() => expect(document.querySelectorAll(".react-flow__edge")).toHaveLength(2));

    const edge = document.querySelector<HTMLElement>('.react-flow__edge[data-id="token->call"]')!;
    fireEvent.click(edge);
    expect(useEditorStore.getState().selectedEdgeIds).toEqual(["token->call"]);
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    pressKey("Backspace");
    await waitFor(() => expect(edges()).toEqual([{ source: "trigger", target: "token" }]));

    fireEvent.click(document.querySelector<HTMLElement>('.react-flow__edge[data-id="trigger->token"]')!);
    pressKey("Delete");
    await waitFor(() => expect(edges()).toEqual([]));
    expect(useEditorStore.getState().definition.steps).toHaveLength(2);
  });

  it("lands a dropped connector where it was dropped, moved down off any card it would cover", async () => {
    renderEditor({ connectors: [btgIdConnector, httpConnector] });
    await screen.findByTestId("trigger-node");
    // Drops the HTTP connector with the pointer over this point of the flow (through the view's pan and zoom).
    const dropAt = (flowPoint: { x: number; y: number }) => {
      const viewport = document.querySelector<HTMLElement>(".react-flow__viewport")!.style.transform;
      const [tx, ty, zoom] = /translate\((-?[\d.]+)px, ?(-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(viewport)!.slice(1).map(Number) as [number, number, number];
      const pane = document.querySelector<HTMLElement>(".react-flow")!;
      const dataTransfer = { types: [CONNECTOR_DRAG_TYPE], getData: (type: string) => (type === CONNECTOR_DRAG_TYPE ? "http" : ""), dropEffect: "none" };
      const event = createEvent.drop(pane, { dataTransfer });
      // jsdom has no DragEvent: the pointer's place is set by hand.
      Object.defineProperties(event, { clientX: { value: flowPoint.x * zoom + tx }, clientY: { value: flowPoint.y * zoom + ty } });
      fireEvent(pane, event);
    };
    const position = (index: number) => {
      const { x, y } = useEditorStore.getState().definition.steps[index]!.position;
      return { x: Math.round(x), y: Math.round(y) };
    };

    // Centred under the pointer the card would cover Início (0,120 to 200,216): it goes just below.
    dropAt({ x: 120, y: 164 });
    expect(position(0)).toEqual({ x: 0, y: 240 });
    expect(edges()).toEqual([{ source: "trigger", target: "http" }]);

    act(() => useEditorStore.getState().select([]));
    dropAt({ x: 900, y: 400 });
    expect(position(1)).toEqual({ x: 780, y: 356 });
    expect(edges()).toContainEqual({ source: "http", target: "http_2" });
  });

  it("adds a step from the palette after the selected one, joined to it", async () => {
    const { user } = renderEditor({ flow: flow({ definition: twoSteps }), connectors: [btgIdConnector, httpConnector], connections: [connection()] });
    await screen.findByTestId("step-node-call");
    act(() => useEditorStore.getState().select(["token"]));
    await addStepByClick(user, "HTTP", "http");
    expect(edges()).toContainEqual({ source: "token", target: "http" });
    // Right of token is taken by call: the new step goes under it.
    expect(useEditorStore.getState().definition.steps.find((s) => s.id === "http")!.position).toEqual({ x: 560, y: 232 });
    expect(await screen.findByTestId("step-node-http")).toBeTruthy();
  });

  it("refuses a link into a Loop's Cada item branch from outside it, and says why, naming the port by its label", async () => {
    renderEditor({ flow: flow({ definition: loopFlowDefinition() }), connectors: builtInConnectors, connections: [] });
    await screen.findByTestId("step-node-resumo");
    const notifications = within(screen.getByRole("region", { name: /notifica/i }));

    // resumo (on Concluído) into caro (in Cada item): the server would refuse the flow (definition.outside_repeat).
    fireEvent.click(handle("resumo", "source"));
    fireEvent.click(handle("caro", "target"));
    expect(edges()).toHaveLength(3);
    expect(
      await notifications.findByText(
        "Não dá para ligar “Resumo” a “caro”: “caro” roda uma vez por item do caminho “Cada item” de “pedidos”, e “Resumo” fica fora desse caminho. Ligue-o só a partir de passos desse caminho.",
      ),
    ).toBeTruthy();

    // A cycle is refused the same way, and said too.
    fireEvent.click(handle("resumo", "source"));
    fireEvent.click(handle("pedidos", "target"));
    expect(edges()).toHaveLength(3);
    expect(await notifications.findByText("Não dá para ligar “Resumo” a “pedidos”: “pedidos” já leva a “Resumo”, e a ligação fecharia um ciclo.")).toBeTruthy();

    // What is allowed is drawn, and nothing is said.
    const before = notifications.queryAllByText(/^Não dá para ligar/).length;
    fireEvent.click(handle("trigger", "source"));
    fireEvent.click(handle("resumo", "target"));
    expect(edges()).toContainEqual({ source: "trigger", target: "resumo" });
    expect(notifications.queryAllByText(/^Não dá para ligar/).length).toBeLessThanOrEqual(before);
  });

  it("names each edge for screen readers in the app's language, with the port it leaves by", async () => {
    renderEditor({ flow: flow({ definition: loopFlowDefinition() }), connectors: builtInConnectors, connections: [] });
    await waitFor(() => expect(document.querySelectorAll(".react-flow__edge")).toHaveLength(3));
    const label = (id: string) => document.querySelector(`.react-flow__edge[data-id="${id}"]`)!.getAttribute("aria-label");
    expect(label("trigger->pedidos")).toBe("Ligação de Início para pedidos");
    expect(label("pedidos:each->caro")).toBe("Ligação de pedidos (Cada item) para caro");
    expect(label("pedidos:done->resumo")).toBe("Ligação de pedidos (Concluído) para Resumo");
  });
});
