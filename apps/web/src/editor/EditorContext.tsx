import type { Connection, ConnectorMeta, Execution, FlowDefinition, FlowScheduleBrief, FlowStep } from "@fluxo/contracts";
import { createContext, useCallback, useContext, useMemo } from "react";
import { loopsAround, shownStepState, type RunState, type StepRunState } from "../executions/runState.js";
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

const NO_LOOPS: ReadonlyMap<string, string> = new Map();

/**
 * What the card and the minimap paint for a step of the execution shown (`shownStepState`; null when
 * none is shown, or for the steps a step test didn't run). Which Loop each step of a branch is in
 * tells a step its empty Loop never came to (skipped) from one still to run.
 */
export function useStepStatePainter(): (stepId: string) => StepRunState | null {
  const { paintedDefinition, connectors, run, testedStep } = useEditorContext();
  const around = useMemo(() => (paintedDefinition ? loopsAround(paintedDefinition, connectors) : NO_LOOPS), [paintedDefinition, connectors]);
  return useCallback((stepId) => (run && (!testedStep || testedStep === stepId) ? shownStepState(run, stepId, around) : null), [run, testedStep, around]);
}
