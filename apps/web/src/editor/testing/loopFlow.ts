import { connectorCatalog } from "@fluxo/connectors/catalog";
import type { FlowDefinition, FlowStep } from "@fluxo/contracts";

/** The built-in steps' catalog entries as the API serves them in pt-BR (Condição, Loop, Transformar, Espera), from the connectors themselves. */
export const builtInConnectors = connectorCatalog().filter((c) => c.builtIn);

const step = (id: string, connector: string, operation: string, parameters: Record<string, unknown>, x: number, y: number, name?: string): FlowStep => ({
  id,
  connector,
  operation,
  connectionId: null,
  description: "",
  parameters,
  position: { x, y },
  ...(name ? { name } : {}),
});

/**
 * QA's flow: a Loop `pedidos` whose "Cada item" (`each`) runs the Condição `caro`, and `resumo`
 * (Transformar) on its "Concluído" (`done`) path.
 */
export function loopFlowDefinition(): FlowDefinition {
  return {
    trigger: { position: { x: 0, y: 120 } },
    steps: [
      step("pedidos", "loop", "for-each", { items: "{{ .input.body.pedidos }}" }, 280, 120),
      step("caro", "condition", "if", { conditions: [{ type: "number", left: "{{ .steps.pedidos.body.item.valor }}", operator: "greaterThan", right: "100" }], combine: "and" }, 560, 0),
      step("resumo", "transform", "map", { fields: [{ name: "total", value: "{{ .steps.pedidos.body.count }}" }] }, 560, 240, "Resumo"),
    ],
    edges: [
      { source: "trigger", target: "pedidos" },
      { source: "pedidos", target: "caro", port: "each" },
      { source: "pedidos", target: "resumo", port: "done" },
    ],
  };
}
