import { TRIGGER_ID, type Connection, type ConnectorMeta, type Flow, type FlowDefinition, type FlowEdge, type FlowStep } from "@fluxo/contracts";
import { temporal } from "zundo";
import { create, useStore } from "zustand";
import { freePosition, NODE_SPACING_X, nodeToFollow } from "./canvas/placement.js";
import { defaultValues, setAt, type ParamPath } from "./parameters.js";
import { connectRefusal } from "./connectRules.js";
import { renameStepIn } from "./renameStep.js";
import { derivedStepId, followsDerivedId, stepIdProblem, suggestStepId } from "./stepIds.js";
import type { StepIssue } from "./validation.js";

export interface XY {
  x: number;
  y: number;
}

export interface EditorState {
  flowId: string | null;
  flowName: string;
  version: number;
  /** The flow being edited: the only part undo/redo tracks. */
  definition: FlowDefinition;
  /** As last loaded or saved, to tell unsaved changes. */
  savedDefinition: FlowDefinition;
  selectedStepIds: string[];
  selectedEdgeIds: string[];
  /** Problems the server reported on the last save, by step id ("" for the flow). */
  serverIssues: Record<string, StepIssue[]>;
  /** After a save was refused, every field shows its problem, touched or not. */
  revealIssues: boolean;
  /** When a save was last refused, so the panel (even one opening just now) brings the first problem into view. */
  revealRequestedAt: number | null;
}

export interface EditorActions {
  load(flow: Flow): void;
  /** The server accepted `sent`; it becomes the baseline for unsaved changes. */
  markSaved(flow: Flow, sent: FlowDefinition): void;
  setServerIssues(issues: Record<string, StepIssue[]>): void;
  /** A save was refused: show every problem and bring the first into view. */
  revealAllIssues(): void;
  /**
   * Adds a step after the selected node (or the last step), joined to it by an edge, at
   * `position` (a drop) or to its right, moved down until it overlaps no other card; selects it.
   */
  /** `catalog` tells the ports of the step it follows: the edge leaves by the first one still free. */
  addStep(connector: ConnectorMeta, options: { position?: XY; connections?: readonly Connection[]; catalog?: readonly ConnectorMeta[] }): string;
  /** `port`: the source's exit, for a step whose operation has ports (the handle dragged from); `catalog` tells which ports repeat. */
  connect(source: string, target: string, port?: string, catalog?: readonly ConnectorMeta[]): boolean;
  remove(stepIds: readonly string[], edgeIds: readonly string[]): void;
  /** Called when a drag stops (positions during a drag stay in the canvas, out of history). */
  moveNodes(positions: Record<string, XY>): void;
  /** Gives the step an id of its own choosing; references to it in other steps' fields follow. */
  renameStep(stepId: string, newId: string): boolean;
  /** The step's free-text name; an id nobody chose follows it (`Obter credenciais!` → `obter_credenciais`). Returns the step's id after. */
  setStepName(stepId: string, name: string): string;
  updateStep(stepId: string, patch: Partial<Pick<FlowStep, "connectionId" | "description" | "onError">>, coalesceKey?: string): void;
  setOperation(stepId: string, connector: ConnectorMeta, operationKey: string): void;
  setParameter(stepId: string, path: ParamPath, value: unknown, coalesceKey?: string): void;
  select(stepIds: readonly string[], edgeIds?: readonly string[]): void;
  undo(): void;
  redo(): void;
}

export type EditorStore = EditorState & EditorActions;

const EMPTY_DEFINITION: FlowDefinition = { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] };
/** Edits of the same input closer than this become one undo step (typing a word is one change). */
const COALESCE_MS = 1000;

export function edgeId(edge: FlowEdge): string {
  return edge.port === undefined ? `${edge.source}->${edge.target}` : `${edge.source}:${edge.port}->${edge.target}`;
}

export const useEditorStore = create<EditorStore>()(
  temporal(
    (set, get) => {
      let lastEdit: { key: string; at: number } | null = null;
      /**
       * While a step's name or id is being typed (one undo step), the definition before the first
       * keystroke and the id the step had then: each keystroke renames from there, so an id passed
       * through on the way ("tok" while typing "token") never captures a reference to another "tok".
       */
      let identityEdit: { originalId: string; base: FlowDefinition } | null = null;
      // The store's own handle types `temporal` as unknown inside the initializer; by the time an action runs it exists.
      const history = () => useEditorStore.temporal.getState();

      /** Applies a change to the definition, merging it into the previous undo entry when it continues the same edit. */
      const change = (recipe: (definition: FlowDefinition) => FlowDefinition, coalesceKey?: string) => {
        const now = Date.now();
        const continues = coalesceKey !== undefined && lastEdit?.key === coalesceKey && now - lastEdit.at < COALESCE_MS;
        if (continues) history().pause();
        set((state) => ({ definition: recipe(state.definition) }));
        if (continues) history().resume();
        lastEdit = coalesceKey === undefined ? null : { key: coalesceKey, at: now };
      };

      const updateStepIn = (definition: FlowDefinition, stepId: string, update: (step: FlowStep) => FlowStep): FlowDefinition => ({
        ...definition,
        steps: definition.steps.map((step) => (step.id === stepId ? update(step) : step)),
      });

      /** Sets the step's id and name in one undoable edit, continuing the identity edit in progress. */
      const changeIdentity = (stepId: string, id: string, name: string | undefined) => {
        const now = Date.now();
        const continues = identityEdit !== null && lastEdit?.key === `identity:${stepId}` && now - lastEdit.at < COALESCE_MS;
        if (!continues) identityEdit = { originalId: stepId, base: get().definition };
        const { originalId, base } = identityEdit!;
        const named = updateStepIn(base, originalId, ({ name: _previous, ...step }) => (name ? { ...step, name } : step));
        if (continues) history().pause();
        set({ definition: renameStepIn(named, originalId, id) });
        if (continues) history().resume();
        lastEdit = { key: `identity:${id}`, at: now };
        if (id !== stepId) {
          set((state) => {
            const { [stepId]: issues, ...serverIssues } = state.serverIssues;
            return {
              selectedStepIds: state.selectedStepIds.map((selected) => (selected === stepId ? id : selected)),
              selectedEdgeIds: [],
              serverIssues: issues ? { ...serverIssues, [id]: issues } : serverIssues,
            };
          });
        }
      };

      const otherStepIds = (stepId: string) => get().definition.steps.filter((s) => s.id !== stepId).map((s) => s.id);

      const clearServerIssues = (stepId: string) => {
        if (get().serverIssues[stepId]) {
          const { [stepId]: _cleared, ...rest } = get().serverIssues;
          set({ serverIssues: rest });
        }
      };

      return {
        flowId: null,
        flowName: "",
        version: 0,
        definition: EMPTY_DEFINITION,
        savedDefinition: EMPTY_DEFINITION,
        selectedStepIds: [],
        selectedEdgeIds: [],
        serverIssues: {},
        revealIssues: false,
        revealRequestedAt: null,

        load(flow) {
          lastEdit = null;
          set({
            flowId: flow.id,
            flowName: flow.name,
            version: flow.version,
            definition: flow.definition,
            savedDefinition: flow.definition,
            selectedStepIds: [],
            selectedEdgeIds: [],
            serverIssues: {},
            revealIssues: false,
          });
          history().clear();
        },

        markSaved(flow, sent) {
          // What was sent, not the server's echo, is the baseline: edits made while the save was
          // in flight stay unsaved, and the server filling in defaults doesn't look like a change.
          set({ version: flow.version, flowName: flow.name, savedDefinition: sent, serverIssues: {}, revealIssues: false });
        },

        setServerIssues(issues) {
          set({ serverIssues: issues });
        },

        revealAllIssues() {
          set({ revealIssues: true, revealRequestedAt: Date.now() });
        },

        addStep(connector, { position, connections, catalog }) {
          const { definition, selectedStepIds } = get();
          const operation = connector.operations[0];
          const id = suggestStepId(connector.key, operation?.key, definition.steps.map((s) => s.id));
          const compatible = (connections ?? []).filter((c) => c.connector === connector.key);
          const from = nodeToFollow(definition, selectedStepIds);
          const step: FlowStep = {
            id,
            connector: connector.key,
            operation: operation?.key ?? "",
            // A step that may run unauthenticated (HTTP) starts without: the only connection isn't necessarily wanted there.
            connectionId: !connector.connectionOptional && compatible.length === 1 ? compatible[0]!.id : null,
            description: "",
            parameters: defaultValues(operation?.fields ?? []),
            position: freePosition(position ?? { x: from.position.x + NODE_SPACING_X, y: from.position.y }, definition),
          };
          const port = freePort(definition, from.id, catalog);
          change((d) => ({ ...d, steps: [...d.steps, step], edges: [...d.edges, { source: from.id, target: id, ...(port ? { port } : {}) }] }));
          set({ selectedStepIds: [id], selectedEdgeIds: [] });
          return id;
        },

        connect(source, target, port, catalog) {
          const { definition } = get();
          if (!canConnect(definition, source, target, port, catalog)) return false;
          change((d) => ({ ...d, edges: [...d.edges, { source, target, ...(port ? { port } : {}) }] }));
          return true;
        },

        remove(stepIds, edgeIds) {
          const removedSteps = new Set(stepIds.filter((id) => id !== TRIGGER_ID));
          const removedEdges = new Set(edgeIds);
          const { definition } = get();
          const keepsEdge = (e: FlowEdge) => !removedEdges.has(edgeId(e)) && !removedSteps.has(e.source) && !removedSteps.has(e.target);
          if (removedSteps.size === 0 && definition.edges.every(keepsEdge)) return;
          change((d) => ({ ...d, steps: d.steps.filter((s) => !removedSteps.has(s.id)), edges: d.edges.filter(keepsEdge) }));
          set((state) => ({
            selectedStepIds: state.selectedStepIds.filter((id) => !removedSteps.has(id)),
            selectedEdgeIds: state.selectedEdgeIds.filter((id) => !removedEdges.has(id)),
          }));
        },

        moveNodes(positions) {
          const { definition } = get();
          const current = (id: string) => (id === TRIGGER_ID ? definition.trigger.position : definition.steps.find((s) => s.id === id)?.position);
          const moved = Object.fromEntries(
            Object.entries(positions).filter(([id, p]) => {
              const before = current(id);
              return before !== undefined && (before.x !== p.x || before.y !== p.y);
            }),
          );
          if (Object.keys(moved).length === 0) return;
          change((d) => ({
            trigger: moved[TRIGGER_ID] ? { position: moved[TRIGGER_ID] } : d.trigger,
            steps: d.steps.map((s) => (moved[s.id] ? { ...s, position: moved[s.id]! } : s)),
            edges: d.edges,
          }));
        },

        renameStep(stepId, newId) {
          if (newId === stepId) return true;
          const step = get().definition.steps.find((s) => s.id === stepId);
          if (!step || stepIdProblem(newId, otherStepIds(stepId)) !== null) return false;
          changeIdentity(stepId, newId, step.name);
          return true;
        },

        setStepName(stepId, name) {
          const step = get().definition.steps.find((s) => s.id === stepId);
          if (!step || (step.name ?? "") === name) return stepId;
          const id = followsDerivedId(step) ? derivedStepId({ ...step, name }, otherStepIds(stepId)) : stepId;
          changeIdentity(stepId, id, name);
          return id;
        },

        updateStep(stepId, patch, coalesceKey) {
          change((d) => updateStepIn(d, stepId, (s) => ({ ...s, ...patch })), coalesceKey && `${stepId}:${coalesceKey}`);
          clearServerIssues(stepId);
        },

        setOperation(stepId, connector, operationKey) {
          const operation = connector.operations.find((o) => o.key === operationKey);
          const step = get().definition.steps.find((s) => s.id === stepId);
          if (!operation || !step || step.operation === operationKey) return;
          // An id nobody chose names what the step does: "Chamar API" makes `credentials_2` an `api`.
          const id = followsDerivedId(step) ? derivedStepId({ ...step, operation: operationKey }, otherStepIds(stepId)) : stepId;
          change((d) => renameStepIn(updateStepIn(d, stepId, (s) => ({ ...s, operation: operationKey, parameters: defaultValues(operation.fields) })), stepId, id));
          clearServerIssues(stepId);
          if (id !== stepId) set((state) => ({ selectedStepIds: state.selectedStepIds.map((selected) => (selected === stepId ? id : selected)) }));
        },

        setParameter(stepId, path, value, coalesceKey) {
          change((d) => updateStepIn(d, stepId, (s) => ({ ...s, parameters: setAt(s.parameters, path, value) })), coalesceKey && `${stepId}:${coalesceKey}`);
          clearServerIssues(stepId);
        },

        select(stepIds, edgeIds = []) {
          const state = get();
          if (sameItems(state.selectedStepIds, stepIds) && sameItems(state.selectedEdgeIds, edgeIds)) return;
          set({ selectedStepIds: [...stepIds], selectedEdgeIds: [...edgeIds] });
        },

        undo() {
          lastEdit = null;
          history().undo();
        },

        redo() {
          lastEdit = null;
          history().redo();
        },
      };
    },
    {
      partialize: (state) => ({ definition: state.definition }),
      // Only a new definition is a new history entry: selection and server issues are not.
      equality: (past, current) => past.definition === current.definition,
      limit: 100,
    },
  ),
);

/** Undo/redo availability, reactive. */
export function useHistory(): { canUndo: boolean; canRedo: boolean } {
  const canUndo = useStore(useEditorStore.temporal, (t) => t.pastStates.length > 0);
  const canRedo = useStore(useEditorStore.temporal, (t) => t.futureStates.length > 0);
  return { canUndo, canRedo };
}

export function selectIsDirty(state: EditorState): boolean {
  return state.definition !== state.savedDefinition && JSON.stringify(state.definition) !== JSON.stringify(state.savedDefinition);
}

/**
 * An edge may join two existing nodes once (per port), never into the trigger, never close a cycle,
 * and (with the catalog, which says which ports repeat) never lead into a Loop's "Cada item" branch from outside it.
 */
export function canConnect(definition: FlowDefinition, source: string, target: string, port?: string, catalog?: readonly ConnectorMeta[]): boolean {
  return connectRefusal(definition, source, target, port, catalog) === null;
}

function sameItems(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The exit a new step after `sourceId` hangs from: none for a step without ports, else its first port with no edge yet. */
function freePort(definition: FlowDefinition, sourceId: string, catalog: readonly ConnectorMeta[] | undefined): string | undefined {
  const source = definition.steps.find((s) => s.id === sourceId);
  const ports = source && catalog?.find((c) => c.key === source.connector)?.operations.find((o) => o.key === source.operation)?.ports;
  if (!ports?.length) return undefined;
  const used = new Set(definition.edges.filter((e) => e.source === sourceId).map((e) => e.port));
  return (ports.find((p) => !used.has(p.key)) ?? ports[0]!).key;
}
