import type { FlowDefinition } from "@fluxo/contracts";

/** A flow's definition as runs start from it, and the version it was read at. */
export interface RunnableFlow {
  flowId: string;
  /** The draft's save counter, or the published version's number. */
  version: number;
  draft: boolean;
  /** A draft's last save (what its runs say they ran); null for a published version. */
  savedAt: Date | null;
  /** A published run's gateway address. */
  slug: string | null;
  definition: FlowDefinition;
}

/** Flows remembered at most; the one remembered longest ago goes first. */
const LIMIT = 1_000;

/**
 * The definitions this process ran lately, so a trigger needn't read its flow first. Never
 * trusted blindly: the execution's insert checks the flow is still at that version (see
 * SqlNewExecutions) and the caller forgets the entry and reads the flow again when it isn't.
 * Frozen, because every execution of the flow shares the one object.
 */
export class RecentFlows {
  private readonly flows = new Map<string, RunnableFlow>();

  get(key: string): RunnableFlow | undefined {
    return this.flows.get(key);
  }

  remember(key: string, flow: RunnableFlow): RunnableFlow {
    this.flows.delete(key);
    this.flows.set(key, deepFreeze(flow));
    if (this.flows.size > LIMIT) this.flows.delete(this.flows.keys().next().value!);
    return flow;
  }

  forget(key: string): void {
    this.flows.delete(key);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
