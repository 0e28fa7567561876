import { TRIGGER_ID, type ConnectorMeta, type StepStatus } from "@fluxo/contracts";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection as FlowConnection,
  type EdgeChange,
  type OnConnectEnd,
  type OnConnectStart,
  type NodeChange,
  type NodeTypes,
  type OnDelete,
} from "@xyflow/react";
import { useCallback, useMemo, useRef, useState, type DragEvent } from "react";
import { useTranslation } from "react-i18next";
import { useToast } from "../../ui/index.js";
import { connectRefusal, connectRefusalMessage } from "../connectRules.js";
import { useEditorContext, useShownDefinition, useStepStatePainter } from "../EditorContext.js";
import { CONNECTOR_DRAG_TYPE } from "../palette/ConnectorPalette.js";
import { stepLabel } from "../stepIds.js";
import { canConnect, useEditorStore, type XY } from "../store.js";
import { toEdges, toNodes, type EditorNode, type Measured } from "./graph.js";
import { STEP_NODE_SIZE } from "./placement.js";
import { StepNodeCard } from "./StepNodeCard.js";
import { TriggerNodeCard } from "./TriggerNodeCard.js";

const nodeTypes: NodeTypes = { trigger: TriggerNodeCard, step: StepNodeCard };

/** Half a step card, so a dropped connector lands centred under the pointer. */
const DROP_OFFSET = { x: STEP_NODE_SIZE.width / 2, y: STEP_NODE_SIZE.height / 2 };

/** What the notice of a refused link is about: a newer refusal replaces it. */
const CONNECT_TOPIC = "canvas:connect";

export interface FlowCanvasProps {
  onDropConnector(connector: ConnectorMeta, position: XY): void;
}

export function FlowCanvas({ onDropConnector }: FlowCanvasProps) {
  const { t } = useTranslation("editor");
  const { connectors, run, readOnly, issuesByStep } = useEditorContext();
  // The minimap paints each step as its card does.
  const paint = useStepStatePainter();
  const definition = useShownDefinition();
  const selectedStepIds = useEditorStore((s) => s.selectedStepIds);
  const selectedEdgeIds = useEditorStore((s) => s.selectedEdgeIds);
  const { screenToFlowPosition } = useReactFlow();
  // React Flow's own words (zoom buttons, keyboard help for nodes) in the app's language.
  const ariaLabelConfig = useMemo(
    () => ({
      "node.a11yDescription.default": t("canvas.a11y.node"),
      "node.a11yDescription.keyboardDisabled": t("canvas.a11y.nodeKeyboard"),
      "node.a11yDescription.ariaLiveMessage": ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t("canvas.a11y.nodeMoved", { direction: t(`canvas.a11y.direction.${direction}`, { defaultValue: direction }), x, y }),
      "edge.a11yDescription.default": t("canvas.a11y.edge"),
      "controls.ariaLabel": t("canvas.a11y.controls"),
      "controls.zoomIn.ariaLabel": t("canvas.a11y.zoomIn"),
      "controls.zoomOut.ariaLabel": t("canvas.a11y.zoomOut"),
      "controls.fitView.ariaLabel": t("canvas.a11y.fitView"),
      "controls.interactive.ariaLabel": t("canvas.a11y.interactive"),
      "minimap.ariaLabel": t("canvas.minimap"),
      "handle.ariaLabel": t("canvas.a11y.handle"),
    }),
    [t],
  );

  // React Flow needs the sizes it measured back on every node it is given.
  const measured = useRef(new Map<string, Measured>());
  const [measureVersion, setMeasureVersion] = useState(0);
  // Positions during a drag stay here; the store (and undo history) gets them when the drag stops.
  const [dragging, setDragging] = useState<Record<string, XY>>({});

  const nodes = useMemo(
    () => toNodes(definition, selectedStepIds, measured.current, dragging),
    // measureVersion stands for changes inside the measured map (a ref)
    [definition, selectedStepIds, dragging, measureVersion],
  );
  // Each edge is read out as "Ligação de Início para pedidos" (the port's label when it leaves by one).
  const edgeAriaLabel = useCallback(
    (source: string, target: string, port: string | undefined) => {
      const name = (id: string) => {
        if (id === TRIGGER_ID) return t("trigger.name");
        const step = definition.steps.find((s) => s.id === id);
        return step ? stepLabel(step) : id;
      };
      return port === undefined ? t("canvas.a11y.edgeLabel", { source: name(source), target: name(target) }) : t("canvas.a11y.edgeLabelPort", { source: name(source), target: name(target), port });
    },
    [definition, t],
  );
  const edges = useMemo(() => toEdges(definition, selectedEdgeIds, run, connectors, edgeAriaLabel), [definition, selectedEdgeIds, run, connectors, edgeAriaLabel]);

  const onNodesChange = useCallback((changes: NodeChange<EditorNode>[]) => {
    let remeasured = false;
    const moved: Record<string, XY> = {};
    let selection: Set<string> | null = null;
    for (const change of changes) {
      if (change.type === "dimensions" && change.dimensions) {
        measured.current.set(change.id, change.dimensions);
        remeasured = true;
      } else if (change.type === "position" && change.position && change.dragging) {
        moved[change.id] = change.position;
      } else if (change.type === "select") {
        selection ??= new Set(useEditorStore.getState().selectedStepIds);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
    }
    if (remeasured) setMeasureVersion((v) => v + 1);
    if (Object.keys(moved).length > 0) setDragging((d) => ({ ...d, ...moved }));
    if (selection) {
      const state = useEditorStore.getState();
      state.select([...selection], state.selectedEdgeIds);
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const state = useEditorStore.getState();
    const selection = new Set(state.selectedEdgeIds);
    let changed = false;
    for (const change of changes) {
      if (change.type !== "select") continue;
      changed = true;
      if (change.selected) selection.add(change.id);
      else selection.delete(change.id);
    }
    if (changed) state.select(state.selectedStepIds, [...selection]);
  }, []);

  const onNodeDragStop = useCallback((_event: unknown, _node: EditorNode, dragged: EditorNode[]) => {
    useEditorStore.getState().moveNodes(Object.fromEntries(dragged.map((n) => [n.id, n.position])));
    setDragging({});
  }, []);

  const onDelete: OnDelete<EditorNode> = useCallback(({ nodes: removedNodes, edges: removedEdges }) => {
    useEditorStore.getState().remove(
      removedNodes.map((n) => n.id).filter((id) => id !== TRIGGER_ID),
      removedEdges.map((e) => e.id),
    );
  }, []);

  // A link the flow refuses (a cycle, a step of a Loop's "Cada item" reached from outside it) isn't
  // drawn; the person is told why. `connected` tells a connection just made from one refused.
  const toast = useToast();
  const connected = useRef(false);
  const onConnect = useCallback(
    (connection: FlowConnection) => {
      connected.current = useEditorStore.getState().connect(connection.source, connection.target, connection.sourceHandle ?? undefined, connectors);
    },
    [connectors],
  );

  const isValidConnection = useCallback(
    (connection: FlowConnection | { source: string; target: string; sourceHandle?: string | null }) =>
      canConnect(useEditorStore.getState().definition, connection.source, connection.target, connection.sourceHandle ?? undefined, connectors),
    [connectors],
  );

  /** Says why the link from `source` (by `port`) to `target` wasn't drawn, unless it was. */
  const explainRefusal = useCallback(
    (source: string, port: string | null | undefined, target: string) => {
      const made = connected.current;
      connected.current = false;
      if (made || readOnly) return;
      const { definition: draft } = useEditorStore.getState();
      const refusal = connectRefusal(draft, source, target, port ?? undefined, connectors);
      if (refusal) toast.error(connectRefusalMessage(refusal, draft, connectors, t), { about: CONNECT_TOPIC });
    },
    [connectors, readOnly, toast, t],
  );

  // A drag between handles: React Flow says where it ended and whether that was allowed.
  const onConnectEnd: OnConnectEnd = useCallback(
    (_event, state) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode || state.fromHandle?.type === state.toHandle?.type) {
        connected.current = false;
        return;
      }
      // The drag may start at either end of the link.
      if (state.fromHandle?.type === "target") explainRefusal(state.toNode.id, state.toHandle?.id, state.fromNode.id);
      else explainRefusal(state.fromNode.id, state.fromHandle?.id, state.toNode.id);
    },
    [explainRefusal],
  );

  // A click on one handle, then on another: the second click's handle is where it ended.
  const clickStart = useRef<Parameters<OnConnectStart>[1] | null>(null);
  const onClickConnectStart: OnConnectStart = useCallback((_event, start) => {
    clickStart.current = start;
  }, []);
  const onClickConnectEnd: OnConnectEnd = useCallback(
    (event) => {
      const start = clickStart.current;
      clickStart.current = null;
      const end = event.target instanceof Element ? event.target.closest<HTMLElement>(".react-flow__handle") : null;
      const endNode = end?.dataset["nodeid"];
      // Only a source's handle and a target's make a link.
      const endType = end?.classList.contains("source") ? "source" : end?.classList.contains("target") ? "target" : null;
      if (!start?.nodeId || !end || !endNode || endType === start.handleType) {
        connected.current = false;
        return;
      }
      if (start.handleType === "target") explainRefusal(endNode, end.dataset["handleid"], start.nodeId);
      else explainRefusal(start.nodeId, start.handleId, endNode);
    },
    [explainRefusal],
  );

  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (readOnly || !event.dataTransfer.types.includes(CONNECTOR_DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    },
    [readOnly],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const key = event.dataTransfer.getData(CONNECTOR_DRAG_TYPE);
      const connector = connectors.find((c) => c.key === key);
      if (readOnly || !connector) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      onDropConnector(connector, { x: Math.round(point.x - DROP_OFFSET.x), y: Math.round(point.y - DROP_OFFSET.y) });
    },
    [connectors, readOnly, screenToFlowPosition, onDropConnector],
  );

  return (
    <ReactFlow<EditorNode>
      className="canvas"
      aria-label={t("canvas.label")}
      ariaLabelConfig={ariaLabelConfig}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onNodeDragStop={onNodeDragStop}
      onDelete={onDelete}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      onClickConnectStart={onClickConnectStart}
      onClickConnectEnd={onClickConnectEnd}
      isValidConnection={isValidConnection}
      onDragOver={onDragOver}
      onDrop={onDrop}
      nodesDraggable={!readOnly}
      nodesConnectable={!readOnly}
      edgesReconnectable={false}
      deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
      multiSelectionKeyCode={["Shift", "Meta", "Control"]}
      selectionKeyCode="Shift"
      fitView
      fitViewOptions={{ padding: 0.3, maxZoom: 1 }}
      minZoom={0.2}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
    >
      <Background gap={20} size={1.2} />
      <Controls position="bottom-left" showInteractive={false} />
      <MiniMap
        position="bottom-right"
        pannable
        zoomable
        ariaLabel={t("canvas.minimap")}
        style={{ width: 160, height: 100 }}
        nodeBorderRadius={6}
        nodeColor={(node) => minimapColor(node.type, paint(node.id)?.status, issuesByStep[node.id])}
      />
    </ReactFlow>
  );
}

/** The minimap paints nodes with the same status tokens as the badges (it sets `fill` as a style, so CSS variables work). */
function minimapColor(type: string | undefined, status: StepStatus | undefined, issues: readonly unknown[] | undefined): string {
  if (type === "trigger") return "var(--color-success)";
  if (status && status !== "pending") return `var(--status-${status})`;
  return issues?.length ? "var(--color-warning)" : "var(--color-border-strong)";
}
