import type { Connection, ConnectorMeta, Execution, FlowDefinition, FlowScheduleBrief, FlowStep } from "@fluxo/contracts";
import { createContext, useContext } from "react";
import type { RunState } from "../executions/runState.js";
import { useEditorStore } from "./store.js";
import type { StepIssue } from "./validation.js";

/** What the canvas nodes and the side panel read besides the store: server data and derived state. */
export interface EditorContextValue {
  connectors: readonly ConnectorMeta[];
  /** All connections, undefined while loading. */
  connections: readonly Connection[] | undefined;
  /** Client-side and server problems, by step id. */
  issuesByStep: Readonly<Record<string, readonly StepIssue[]>>;
  /** The execution painted on the canvas, if any. */
  run: RunState | null;
  /** True while an execution is shown: the canvas can't be edited. */
  readOnly: boolean;
  /** While an execution is shown: the definition it ran, painted instead of the draft. */
  paintedDefinition: FlowDefinition | null;
  /** While an execution is shown: the steps that reused a still-valid result (a token) instead of calling the service. */
  reusedSteps?: ReadonlySet<string>;
  /** A step test on the canvas: only this step ran, the others show no status. */
  testedStep?: string | null;
  /** The flow's most recent execution, whose results the expression previews and completions use. */
  lastExecution: Execution | undefined;
  /** The flow's Agendador (the brief its answer carries), shown on the "Início" node; null when it has none (or while loading). */
  schedule?: FlowScheduleBrief | null;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditorContext needs an <EditorContext.Provider>");
  return value;
}

export function useConnectorMeta(key: string): ConnectorMeta | undefined {
  return useEditorContext().connectors.find((c) => c.key === key);
}

/** The flow on the canvas: the draft, or the definition of the execution being shown. */
export function useShownDefinition(): FlowDefinition {
  const { paintedDefinition } = useEditorContext();
  const draft = useEditorStore((s) => s.definition);
  return paintedDefinition ?? draft;
}

/** One step of the flow on the canvas (subscribes to that step only). */
export function useShownStep(id: string): FlowStep | undefined {
  const { paintedDefinition } = useEditorContext();
  const draftStep = useEditorStore((s) => s.definition.steps.find((step) => step.id === id));
  return paintedDefinition ? paintedDefinition.steps.find((step) => step.id === id) : draftStep;
}
