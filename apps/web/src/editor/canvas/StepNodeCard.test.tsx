import type { ConnectorMeta, ExecutionEvent, FlowDefinition, FlowStep } from "@fluxo/contracts";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { ReactFlowProvider, type NodeProps } from "@xyflow/react";
import { beforeAll, describe, expect, it } from "vitest";
import i18n from "../../i18n/index.js";
import { renderWithProviders } from "../../ui/testing.js"; // also a clean DOM after each test
import { applyEvent, INITIAL_RUN_STATE, type RunState } from "../../executions/runState.js";
import { EditorContext, type EditorContextValue } from "../EditorContext.js";
import { installReactFlowJsdomStubs } from "../testing/reactFlowJsdom.js";
import type { StepNode } from "./graph.js";
import { FlowCanvas } from "./FlowCanvas.js";
import { StepNodeCard } from "./StepNodeCard.js";

beforeAll(installReactFlowJsdomStubs);

const step = (id: string, connector: string, operation: string): FlowStep => ({ id, connector, operation, connectionId: null, description: "", parameters: {}, position: { x: 0, y: 0 } });
const meta = (key: string, operation: string, ports: { key: string; label: string; repeats?: boolean }[] = []): ConnectorMeta => ({
  key,
  name: key,
  description: "",
  icon: "",
  connectionFields: [],
  builtIn: true,
  operations: [{ key: operation, name: operation, description: "", fields: [], ...(ports.length ? { ports } : {}) }],
});
const CONNECTORS = [
  meta("loop", "for-each", [
    { key: "each", label: "Cada item", repeats: true },
    { key: "done", label: "Concluído" },
  ]),
  meta("condition", "if", [
    { key: "true", label: "Verdadeiro" },
    { key: "false", label: "Falso" },
  ]),
  meta("transform", "map"),
];
const DEFINITION: FlowDefinition = {
  trigger: { position: { x: 0, y: 0 } },
  steps: [step("pedidos", "loop", "for-each"), step("caro", "condition", "if"), step("alto", "transform", "map"), step("baixo", "transform", "map")],
  edges: [
    { source: "trigger", target: "pedidos" },
    { source: "pedidos", target: "caro", port: "each" },
    { source: "caro", target: "alto", port: "true" },
    { source: "caro", target: "baixo", port: "false" },
  ],
};

let seq = 0;
const ev = (e: Omit<ExecutionEvent, "seq" | "executionId" | "at">): ExecutionEvent => ({ seq: ++seq, executionId: "ex1", at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), ...e });
const pass = (stepId: string, k: number, outcome: "succeeded" | "failed" | "skipped"): ExecutionEvent[] => {
  const where = { stepId, loopPath: [k], ...(k > 0 ? { iteration: k } : {}) };
  if (outcome === "skipped") return [ev({ type: "step.skipped", status: "skipped", ...where })];
  return [ev({ type: "step.started", status: "running", attempt: 1, ...where }), ev({ type: `step.${outcome}`, status: outcome, attempt: 1, durationMs: 10, ...where })];
};

/** Loop `pedidos` over `items` orders; only `big` ones go to `alto`; the run ends with `end`, or goes on when null. */
function runOf(values: number[], { failAt, end }: { failAt?: number; end: RunState["status"] | null }): RunState {
  const events: ExecutionEvent[] = [
    ev({ type: "execution.started", status: "running" }),
    ev({ type: "step.succeeded", stepId: "pedidos", status: "succeeded", durationMs: 5, progress: { done: 0, total: values.length } }),
  ];
  for (const [k, value] of values.entries()) {
    events.push(...pass("caro", k, "succeeded"));
    events.push(...pass("alto", k, value > 100 ? (k === failAt ? "failed" : "succeeded") : "skipped"));
    events.push(...pass("baixo", k, value > 100 ? "skipped" : k === failAt ? "failed" : "succeeded"));
    events.push(ev({ type: "step.progress", stepId: "pedidos", progress: { done: k + 1, total: values.length } }));
    if (k === failAt) break;
  }
  if (end) events.push(ev({ type: "execution.finished", status: end }));
  return events.reduce(applyEvent, INITIAL_RUN_STATE);
}

function renderNodes(run: RunState) {
  const context: EditorContextValue = { connectors: CONNECTORS, connections: [], issuesByStep: {}, run, readOnly: true, paintedDefinition: DEFINITION, lastExecution: undefined };
  const props = (id: string) => ({ id, selected: false }) as NodeProps<StepNode>;
  render(
    <ReactFlowProvider>
      <EditorContext.Provider value={context}>
        {DEFINITION.steps.map((s) => (
          <StepNodeCard key={s.id} {...props(s.id)} />
        ))}
      </EditorContext.Provider>
    </ReactFlowProvider>,
  );
}
const node = (id: string) => within(screen.getByTestId(`step-node-${id}`));

describe("StepNodeCard in a Loop's branch", () => {
  it("says the passes that ran and those skipped, with the status over all of them", async () => {
    await act(() => i18n.changeLanguage("pt-BR"));
    renderNodes(runOf([50, 150, 20, 30], { end: "succeeded" }));
    expect(node("alto").getByText("Sucesso")).toBeTruthy();
    expect(node("alto").getByTestId("step-passes").textContent).toBe("1 passagem · 3 ignoradas");
    expect(node("baixo").getByTestId("step-passes").textContent).toBe("3 passagens · 1 ignorada");
    expect(node("caro").getByTestId("step-passes").textContent).toBe("4 passagens");
    expect(node("pedidos").getByTestId("loop-progress").textContent).toBe("4 de 4");
    // The time is the passes' together.
    expect(node("caro").getByText("40 ms")).toBeTruthy();
  });

  it("in English too, and a step every pass skipped", async () => {
    await act(() => i18n.changeLanguage("en"));
    renderNodes(runOf([50, 20], { end: "succeeded" }));
    expect(node("baixo").getByTestId("step-passes").textContent).toBe("2 passes");
    expect(node("alto").getByTestId("step-passes").textContent).toBe("0 passes · 2 skipped");
    expect(screen.getByTestId("step-node-alto").classList.contains("step-node--skipped")).toBe(true);
    await act(() => i18n.changeLanguage("pt-BR"));
    expect(node("alto").getByTestId("step-passes").textContent).toBe("0 passagens · 2 ignoradas");
  });

  it("a Loop over an empty list: its branch reads skipped, no items, not pending", async () => {
    await act(() => i18n.changeLanguage("pt-BR"));
    renderNodes(runOf([], { end: "succeeded" }));
    for (const id of ["caro", "alto", "baixo"]) {
      expect(node(id).getByText("Ignorado")).toBeTruthy();
      expect(node(id).getByTestId("step-passes").textContent).toBe("nenhum item");
    }
    expect(node("pedidos").getByTestId("loop-progress").textContent).toBe("0 de 0");
  });

  it("a failure on item 1 of 4: the Loop keeps its own Sucesso but says it stopped at 1 of 4", async () => {
    await act(() => i18n.changeLanguage("pt-BR"));
    renderNodes(runOf([50, 150, 20, 30], { failAt: 0, end: "failed" }));
    expect(node("pedidos").getByText("Sucesso")).toBeTruthy();
    const progress = node("pedidos").getByTestId("loop-progress");
    expect(progress.textContent).toBe("parou em 1 de 4");
    expect(progress.getAttribute("aria-label")).toBe("O Loop parou em 1 de 4 itens: a execução terminou antes dos demais.");
    expect(node("baixo").getByText("Falhou")).toBeTruthy();
    expect(node("baixo").getByTestId("step-passes").textContent).toBe("1 passagem");
  });

  it("while the run goes on, 1 of 4 is only where the Loop is", async () => {
    await act(() => i18n.changeLanguage("pt-BR"));
    renderNodes(runOf([50, 150, 20, 30], { failAt: 0, end: null }));
    expect(node("pedidos").getByTestId("loop-progress").textContent).toBe("1 de 4");
  });
});

describe("the minimap", () => {
  it("paints each step as its card: a step its empty Loop never came to is skipped, not pending", async () => {
    await act(() => i18n.changeLanguage("pt-BR"));
    const context: EditorContextValue = { connectors: CONNECTORS, connections: [], issuesByStep: {}, run: runOf([], { end: "succeeded" }), readOnly: true, paintedDefinition: DEFINITION, lastExecution: undefined };
    const { container } = renderWithProviders(
      <ReactFlowProvider>
        <EditorContext.Provider value={context}>
          <FlowCanvas onDropConnector={() => undefined} />
        </EditorContext.Provider>
      </ReactFlowProvider>,
    );
    const fills = await waitFor(() => {
      const nodes = [...container.querySelectorAll<SVGRectElement>(".react-flow__minimap-node")];
      expect(nodes).toHaveLength(DEFINITION.steps.length + 1);
      return nodes.map((n) => n.style.fill);
    });
    expect(fills.filter((f) => f === "var(--status-skipped)")).toHaveLength(3);
    expect(fills.filter((f) => f === "var(--status-succeeded)")).toHaveLength(1);
  });
});
