import type { Flow } from "@fluxo/contracts";
import { ReactFlowProvider } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useConnections } from "../api/connections.js";
import { useConnectors } from "../api/connectors.js";
import { useFlow } from "../api/flows.js";
import { ApiError } from "../api/http.js";
import "../executions/executions.css";
import { EmptyState, ErrorState, LoadingState } from "../ui/index.js";
import "./editor.css";
import { EditorWorkspace } from "./EditorWorkspace.js";
import { selectIsDirty, useEditorStore } from "./store.js";

/** `/fluxos/:flowId`: the flow editor (and, with `?execucao=<id>`, an execution painted on it). */
export default function EditorPage() {
  const { t } = useTranslation("editor");
  const { flowId = "" } = useParams();
  const flow = useFlow(flowId);
  const connectors = useConnectors();
  const connections = useConnections();
  const loaded = useLoadIntoStore(flow.data);

  if (flow.error || connectors.error) {
    const error = flow.error ?? connectors.error;
    if (error instanceof ApiError && error.status === 404) {
      return (
        <EmptyState
          title={t("page.notFound")}
          description={t("page.notFoundDetail")}
          action={
            <Link className="btn btn--primary" to="/fluxos">
              {t("toolbar.flows")}
            </Link>
          }
        />
      );
    }
    return <ErrorState error={error} title={t("page.loadFailed")} onRetry={() => void (flow.error ? flow.refetch() : connectors.refetch())} />;
  }
  if (!flow.data || !connectors.data || !loaded) return <LoadingState label={t("page.loading")} />;

  return (
    <ReactFlowProvider>
      <EditorWorkspace flowId={flow.data.id} connectors={connectors.data} connections={connections.data} />
    </ReactFlowProvider>
  );
}

/**
 * Puts the flow in the editor store when the page opens it, and again when the server has
 * a newer version while nothing is being edited. Returns whether the store holds this flow.
 */
function useLoadIntoStore(flow: Flow | undefined): boolean {
  const loadedId = useEditorStore((s) => s.flowId);
  useEffect(() => {
    // A fresh visit starts from the server's copy, not from edits left behind by an earlier visit.
    return () => useEditorStore.getState().load({ ...EMPTY_FLOW });
  }, []);
  useEffect(() => {
    if (!flow) return;
    const state = useEditorStore.getState();
    const isOtherFlow = state.flowId !== flow.id;
    const isNewerAndUntouched = flow.version > state.version && !selectIsDirty(state);
    if (isOtherFlow || isNewerAndUntouched) state.load(flow);
  }, [flow]);
  return flow !== undefined && loadedId === flow.id;
}

const EMPTY_FLOW: Flow = {
  id: "",
  name: "",
  description: "",
  definition: { trigger: { position: { x: 0, y: 120 } }, steps: [], edges: [] },
  version: 0,
  slug: "",
  savedAt: "1970-01-01T00:00:00.000Z",
  savedBy: null,
  problems: [],
  publishedVersion: null,
  hasUnpublishedChanges: false,
  createdAt: "",
  updatedAt: "",
  lastExecution: null,
  schedule: null,
};
