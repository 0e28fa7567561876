import type { FlowDefinition, FlowEdge, FlowStep } from "@fluxo/contracts";
import { branchSteps, stepPorts } from "./port-rules.js";
import { planRunOrder } from "./run-order.js";

/** A checked definition (planRunOrder's `ok`) as the engine walks it: steps, edges into each, branches. */
export class FlowGraph {
  private readonly steps: Map<string, FlowStep>;
  private readonly edgesInto = new Map<string, FlowEdge[]>();
  private readonly position: Map<string, number>;

  constructor(
    private readonly definition: FlowDefinition,
    /** Every step id in run order. */
    readonly order: readonly string[],
  ) {
    this.steps = new Map(definition.steps.map((s) => [s.id, s]));
    this.position = new Map(order.map((id, i) => [id, i]));
    for (const edge of definition.edges) {
      const into = this.edgesInto.get(edge.target) ?? [];
      into.push(edge);
      this.edgesInto.set(edge.target, into);
    }
  }

  step(id: string): FlowStep {
    return this.steps.get(id)!;
  }

  incoming(id: string): readonly FlowEdge[] {
    return this.edgesInto.get(id) ?? [];
  }

  hasPorts(id: string): boolean {
    return stepPorts(this.definition, id).length > 0;
  }

  /** The steps a port's branch holds, in run order. */
  branch(id: string, port: string): string[] {
    return branchSteps(this.definition, id, port).sort((a, b) => this.position.get(a)! - this.position.get(b)!);
  }
}

/**
 * The steps of `stepId`'s repeating `port`, in run order: in each pass, the last of them that ran
 * gives that pass's entry in the Loop's `results`.
 */
export function branchInRunOrder(definition: FlowDefinition, stepId: string, port: string): string[] {
  const plan = planRunOrder(definition);
  return plan.ok ? new FlowGraph(definition, plan.order).branch(stepId, port) : branchSteps(definition, stepId, port);
}
