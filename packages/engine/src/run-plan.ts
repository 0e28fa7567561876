import type { FlowDefinition, FlowStep } from "@fluxo/contracts";
import { FlowGraph } from "./flow-graph.js";
import type { PlannedStep } from "./ports.js";
import { planRunOrder, type RunOrder } from "./run-order.js";

/** What every run of one definition walks: its order checked once, the steps in that order, the graph. */
export interface RunPlan {
  plan: RunOrder;
  order: readonly FlowStep[];
  /** Null when the plan isn't `ok`. */
  graph: FlowGraph | null;
  /** The steps as an execution's start stores them (StepRun rows), in run order. */
  planned: readonly PlannedStep[];
}

/**
 * By definition object: the server hands every run of a flow version the same definition (it
 * remembers the flow, RecentFlows), and a definition is never changed in place — an edit is a
 * new parse — so its plan is made once per version instead of twice per run.
 */
const plans = new WeakMap<FlowDefinition, RunPlan>();

export function runPlanOf(definition: FlowDefinition): RunPlan {
  let plan = plans.get(definition);
  if (!plan) {
    plan = makeRunPlan(definition);
    plans.set(definition, plan);
  }
  return plan;
}

function makeRunPlan(definition: FlowDefinition): RunPlan {
  const plan = planRunOrder(definition);
  const stepsById = new Map(definition.steps.map((s) => [s.id, s]));
  const order = plan.ok ? plan.order.map((id) => stepsById.get(id)!) : [];
  return Object.freeze({
    plan,
    order: Object.freeze(order),
    graph: plan.ok ? new FlowGraph(definition, plan.order) : null,
    planned: Object.freeze(order.map((step, position) => Object.freeze({ stepId: step.id, position, connector: step.connector, operation: step.operation }))),
  });
}
