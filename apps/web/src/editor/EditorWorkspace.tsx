import { isFinishedStatus, TRIGGER_ID, type Connection, type ConnectorMeta, type Flow, type RerunFrom, type TriggerInput } from "@fluxo/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useFlow } from "../api/flows.js";
import { api } from "../api/http.js";
import { queryKeys } from "../api/queryKeys.js";
import { useLastExecution, useRerunExecution, useStartExecution, useTestStep } from "../executions/api.js";
import { ExecutionBar } from "../executions/ExecutionBar.js";
import { ExecutionHistoryPanel } from "../executions/ExecutionHistoryPanel.js";
import { PayloadDialog } from "../executions/PayloadDialog.js";
import { lastPayloadText } from "../executions/payloadMemory.js";
import { StepDetailsPanel } from "../executions/StepDetailsPanel.js";
import { parseTriggerInput } from "../executions/triggerInput.js";
import { firstFailedStep } from "../executions/runState.js";
import { stepDisplayName } from "../executions/stepName.js";
import { useExecutionRun } from "../executions/useExecutionRun.js";
import { Alert, ConfirmDialog, describeError, useToast } from "../ui/index.js";
import { ApiError } from "../api/http.js";
import { FlowCanvas } from "./canvas/FlowCanvas.js";
import { PublishPanel } from "./publish/PublishPanel.js";
import { VersionBar } from "./publish/VersionBar.js";
import { useFlowVersion } from "../api/versions.js";
import { LeaveDialog } from "./LeaveDialog.js";
import { runLabel } from "../executions/runLabel.js";
import { EditorContext, type EditorContextValue } from "./EditorContext.js";
import { ConnectorPalette } from "./palette/ConnectorPalette.js";
import { StepConfigPanel } from "./panel/StepConfigPanel.js";
import { TriggerPanel } from "./panel/TriggerPanel.js";
import { sameDefinition } from "./sameDefinition.js";
import { selectIsDirty, useEditorStore, type XY } from "./store.js";
import { EditorToolbar } from "./toolbar/EditorToolbar.js";
import { useCan } from "../api/auth.js";
import { focusNode } from "./canvas/focusNode.js";
import { useRevealNode } from "./canvas/useRevealNode.js";
import { useEditorShortcuts } from "./useEditorShortcuts.js";
import { useLeaveGuard } from "./useLeaveGuard.js";
import { draftTopic, useSaveFlow } from "./useSaveFlow.js";
import { useStepIssues } from "./useStepIssues.js";
import { issueMessage } from "./issueMessage.js";
import { withoutLeftForLater, type StepIssue } from "./validation.js";

const NO_ISSUES: Readonly<Record<string, readonly StepIssue[]>> = {};

export interface EditorWorkspaceProps {
  flowId: string;
  connectors: readonly ConnectorMeta[];
  connections: readonly Connection[] | undefined;
}

/** Toolbar, palette, canvas and side panel of one flow; `?execucao=<id>` shows an execution on the canvas, read-only. */
export function EditorWorkspace({ flowId, connectors, connections }: EditorWorkspaceProps) {
  const { t } = useTranslation("editor");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const executionId = searchParams.get("execucao");
  const viewedVersion = versionNumberOf(searchParams.get("versao"));
  // An execution or a published version on the canvas: nothing there can be edited.
  const readOnly = executionId !== null || viewedVersion !== null;
  const can = useCan();

  const flowName = useEditorStore((s) => s.flowName);
  const definition = useEditorStore((s) => s.definition);
  const steps = definition.steps;
  const selectedStepIds = useEditorStore((s) => s.selectedStepIds);
  const flowIssues = useEditorStore((s) => s.serverIssues[""]);
  const dirty = useEditorStore(selectIsDirty);

  const issuesByStep = useStepIssues(connectors, connections);
  const revealIssues = useEditorStore((s) => s.revealIssues);
  // What the canvas and the panel mark: an empty list item left behind waits for a save or a run (saving still counts it).
  const shownIssues = useMemo(() => withoutLeftForLater(issuesByStep, revealIssues), [issuesByStep, revealIssues]);
  const { run, execution, stream, loadError } = useExecutionRun(executionId);
  const lastExecution = useLastExecution(flowId);
  const version = useFlowVersion(flowId, viewedVersion);
  // An execution is painted on the definition it ran, which may not be the draft's; a version, on its own.
  // A step test ran one step of the draft alone: the draft is painted, with that step marked.
  const stepTest = executionId !== null && execution?.triggerSource === "test";
  const paintedDefinition =
    executionId !== null ? (stepTest ? definition : (execution?.definition ?? null)) : viewedVersion !== null ? (version.data?.definition ?? null) : null;
  const { t: te, i18n } = useTranslation("executions");
  const ranOtherVersion = useMemo(
    () => (paintedDefinition && execution && !sameDefinition(paintedDefinition, definition) ? runLabel(execution, te, i18n.language) : undefined),
    [paintedDefinition, execution, definition, te, i18n.language],
  );
  const { save, saving, conflict, dismissConflict, refuseUnfinished } = useSaveFlow(flowId, issuesByStep, connectors);
  const startExecution = useStartExecution();
  const rerunExecution = useRerunExecution();
  const testStep = useTestStep();
  const blocker = useLeaveGuard(dirty);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const savedFlow = useFlow(flowId).data;
  const schedule = savedFlow?.schedule ?? null;
  const [payloadOpen, setPayloadOpen] = useState(false);
  useEditorShortcuts({ onSave: () => void save(), readOnly: readOnly || !can.editFlows });

  const reusedSteps = useMemo(
    () => new Set(executionId !== null ? (execution?.steps ?? []).filter((s) => s.output?.cache?.hit).map((s) => s.stepId) : []),
    [executionId, execution],
  );
  const context = useMemo<EditorContextValue>(
    () => ({
      connectors,
      connections,
      // The draft's problems don't belong on an execution's canvas.
      issuesByStep: readOnly ? NO_ISSUES : shownIssues,
      run: executionId !== null ? run : null,
      readOnly,
      paintedDefinition,
      reusedSteps,
      lastExecution,
      schedule,
      testedStep: stepTest ? (execution?.steps[0]?.stepId ?? null) : null,
    }),
    [connectors, connections, shownIssues, run, readOnly, executionId, paintedDefinition, reusedSteps, lastExecution, schedule, stepTest, execution],
  );

  const revealNode = useRevealNode();
  /** The step just added, whose panel focuses its first field when it opens. */
  const [focusFieldOf, setFocusFieldOf] = useState<string | null>(null);
  const addStep = useCallback(
    (connector: ConnectorMeta, position?: XY) => {
      if (readOnly) return;
      // The new step is selected, so its panel opens and it is brought into view (below).
      const id = useEditorStore.getState().addStep(connector, { position, connections, catalog: connectors });
      setFocusFieldOf(id);
      setHistoryOpen(false);
    },
    [readOnly, connections, connectors],
  );

  // A step's panel narrows the canvas: keep that step in view.
  const selectedId = selectedStepIds.length === 1 ? selectedStepIds[0]! : null;
  useEffect(() => {
    if (selectedId && selectedId !== TRIGGER_ID) revealNode(selectedId);
  }, [selectedId, revealNode]);
  // So does the history or publication panel: keep the whole flow in view.
  useEffect(() => {
    if (historyOpen || publishOpen) revealNode();
  }, [historyOpen, publishOpen, revealNode]);

  /**
   * Switches between editing and an execution. Leaving the selection as it is keeps the side
   * panel (a step's configuration becomes its details, and back), so the canvas keeps its
   * width and the nodes stay where they are; `clearSelection` closes it (an execution picked
   * from the history, whose flow may not have the selected step).
   */
  const showExecution = (id: string | null, { clearSelection = false } = {}) => {
    const state = useEditorStore.getState();
    const kept = clearSelection ? [] : state.selectedStepIds.filter((stepId) => stepId === TRIGGER_ID || state.definition.steps.some((s) => s.id === stepId));
    state.select(kept.length === 1 ? kept : []);
    setSearchParams(id ? { execucao: id } : {});
  };

  // A failed run opens the failed step's details by itself, once per execution (the person may then look elsewhere).
  const failedStepId = executionId !== null ? (firstFailedStep(run)?.stepId ?? null) : null;
  const openedFailureOf = useRef<string | null>(null);
  useEffect(() => {
    if (!executionId || !failedStepId || openedFailureOf.current === executionId) return;
    openedFailureOf.current = executionId;
    useEditorStore.getState().select([failedStepId]);
    setHistoryOpen(false);
    setPublishOpen(false);
  }, [executionId, failedStepId]);

  const viewVersion = (number: number) => {
    useEditorStore.getState().select([]);
    setPublishOpen(false);
    setHistoryOpen(false);
    setSearchParams({ versao: String(number) });
  };

  // A new attempt makes what the last one was told (refused, failed) old news.
  const startAttempt = () => toast.dismissAbout(draftTopic(flowId));

  // Executar while the run shown is still going asks first: a second click is more often
  // impatience than a wish for two runs (each calls the services again).
  const [secondRun, setSecondRun] = useState<TriggerInput | null>(null);
  const shownRunGoing = executionId !== null && !stepTest && execution !== undefined && !isFinishedStatus(run.status);
  const runFlow = async (input: TriggerInput, { confirmed = false } = {}) => {
    if (shownRunGoing && !confirmed) return setSecondRun(input);
    startAttempt();
    if (dirty && !(await save())) return;
    try {
      const { executionId: started } = await startExecution.mutateAsync({ flowId, input });
      setPayloadOpen(false);
      setHistoryOpen(false);
      showExecution(started);
    } catch (error) {
      // The draft saved unfinished: the server names each step and field that can't run yet.
      if (error instanceof ApiError && error.status === 422 && error.problem.errors?.length) refuseUnfinished(error.problem.errors, (count) => t("run.unfinished", { count }));
      else toast.error(t("run.failed", { reason: describeError(error, tc) }), { about: draftTopic(flowId) });
    }
  };

  /** The draft's problems the server named (422): marked on the steps, with what to do. */
  const refusedOr = (error: unknown, unfinished: (count: number) => string, failed: (reason: string) => string) => {
    if (error instanceof ApiError && error.status === 422 && error.problem.errors?.length) refuseUnfinished(error.problem.errors, unfinished);
    else toast.error(failed(describeError(error, tc)), { about: draftTopic(flowId) });
  };

  /** "Executar de novo" / "Continuar do passo com falha": a draft run re-runs on the saved draft, so unsaved edits are saved first. */
  const rerunFrom = async (id: string, from: RerunFrom) => {
    startAttempt();
    if (dirty && !(await save())) return;
    try {
      const { executionId: started } = await rerunExecution.mutateAsync({ executionId: id, from, flowId });
      setHistoryOpen(false);
      showExecution(started);
    } catch (error) {
      refusedOr(error, (count) => t("run.unfinished", { count }), (reason) => te("rerun.failed", { reason }));
    }
  };

  /** "Testar passo": the saved draft's step alone, against the last run; its result opens in the step's details. */
  const testSelectedStep = async (stepId: string) => {
    startAttempt();
    if (dirty && !(await save())) return;
    try {
      const { executionId: tested } = await testStep.mutateAsync({ flowId, stepId });
      useEditorStore.getState().select([stepId]);
      setSearchParams({ execucao: tested });
    } catch (error) {
      refusedOr(error, (count) => t("test.unfinished", { count }), (reason) => t("test.failed", { reason }));
    }
  };
  const pendingRerun = rerunExecution.isPending && rerunExecution.variables ? { executionId: rerunExecution.variables.executionId, from: rerunExecution.variables.from } : null;

  const runWithLastPayload = () => {
    // Executar runs the draft: not while a published version is what the canvas shows (the button says so).
    if (viewedVersion !== null && executionId === null) return;
    const parsed = parseTriggerInput(lastPayloadText(flowId));
    if (parsed.ok) void runFlow(parsed.input);
    else setPayloadOpen(true);
  };

  const reloadAfterConflict = async () => {
    dismissConflict();
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: queryKeys.flows.detail(flowId),
        queryFn: () => api<Flow>(`/api/flows/${encodeURIComponent(flowId)}`),
        staleTime: 0,
      });
      useEditorStore.getState().load(fresh);
    } catch (error) {
      toast.error(describeError(error, tc));
    }
  };

  // A version's step is shown as it was published; the draft may have changed or lost it since.
  const selectedStep = selectedId ? (paintedDefinition ?? definition).steps.find((s) => s.id === selectedId) : undefined;
  const selectedConnector = selectedStep ? connectors.find((c) => c.key === selectedStep.connector) : undefined;
  const closePanel = () => useEditorStore.getState().select([]);
  /** A node's panel closed by its close button or Escape: focus goes back to the node it was opened from, not to the page. */
  const closePanelOf = (nodeId: string) => () => {
    closePanel();
    focusNode(nodeId);
  };

  let panel = null;
  if (executionId !== null && selectedId && selectedId !== TRIGGER_ID) {
    panel = (
      <StepDetailsPanel
        stepId={selectedId}
        stepName={stepDisplayName(paintedDefinition, selectedId)}
        live={run.steps[selectedId]}
        execution={execution}
        loadError={loadError}
        onRetry={() => void queryClient.invalidateQueries({ queryKey: queryKeys.executions.detail(executionId) })}
        onClose={closePanelOf(selectedId)}
      />
    );
  } else if (selectedStep && selectedConnector) {
    panel = (
      <StepConfigPanel
        key={readOnly ? `v${viewedVersion}` : "draft"}
        step={selectedStep}
        connector={selectedConnector}
        readOnly={readOnly}
        onClose={closePanelOf(selectedStep.id)}
        focusFirstField={focusFieldOf === selectedStep.id}
        onFirstFieldFocused={() => setFocusFieldOf(null)}
        {...(can.runFlows ? { test: { running: testStep.isPending, onTest: () => void testSelectedStep(selectedStep.id) } } : {})}
      />
    );
  } else if (selectedId === TRIGGER_ID) {
    panel = (
      <TriggerPanel
        input={executionId !== null ? execution?.input : undefined}
        schedule={readOnly ? null : { flowId, published: (savedFlow?.publishedVersion ?? null) !== null, scheduled: (savedFlow?.schedule ?? null) !== null }}
        onClose={closePanelOf(TRIGGER_ID)}
      />
    );
  } else if (publishOpen) {
    panel = <PublishPanel flowId={flowId} dirty={dirty} onClose={() => setPublishOpen(false)} onViewVersion={viewVersion} />;
  } else if (historyOpen) {
    panel = (
      <ExecutionHistoryPanel
        flowId={flowId}
        currentExecutionId={executionId}
        onOpen={(id) => showExecution(id, { clearSelection: true })}
        onClose={() => setHistoryOpen(false)}
        {...(can.runFlows ? { rerun: { pending: pendingRerun, onRerun: (id: string, from: RerunFrom) => void rerunFrom(id, from) } } : {})}
      />
    );
  }

  return (
    <EditorContext.Provider value={context}>
      <div className={readOnly ? "editor editor--read-only" : "editor"}>
        <EditorToolbar
          flowId={flowId}
          flowName={flowName}
          dirty={dirty}
          saving={saving}
          running={startExecution.isPending}
          readOnly={readOnly}
          hasSteps={steps.length > 0}
          historyOpen={historyOpen && !publishOpen && !selectedId}
          publishOpen={publishOpen && !selectedId}
          published={savedFlow ? { version: savedFlow.publishedVersion, ahead: savedFlow.hasUnpublishedChanges } : undefined}
          saved={savedFlow ? { at: savedFlow.savedAt, by: savedFlow.savedBy?.name ?? null } : undefined}
          viewedVersion={executionId === null ? viewedVersion : null}
          onTogglePublish={() => {
            const opening = !(publishOpen && !selectedId);
            if (opening) closePanel();
            setPublishOpen(opening);
          }}
          onSave={() => void save()}
          onRun={runWithLastPayload}
          onOpenPayload={() => setPayloadOpen(true)}
          onToggleHistory={() => {
            const opening = !(historyOpen && !publishOpen && !selectedId);
            if (opening) closePanel();
            setPublishOpen(false);
            setHistoryOpen(opening);
          }}
        />
        <div className={panel ? "editor__body editor__body--with-panel" : "editor__body"}>
          {can.editFlows && <ConnectorPalette connectors={connectors} disabled={readOnly} onAdd={(connector) => addStep(connector)} />}
          <section className="editor__canvas" aria-label={t("canvas.region")}>
            {readOnly && executionId && (
              <ExecutionBar
                executionId={executionId}
                run={run}
                stream={stream}
                createdAt={execution?.createdAt}
                ranOtherVersion={ranOtherVersion}
                onBackToEditing={() => showExecution(null)}
                onOpenStep={(stepId) => useEditorStore.getState().select([stepId])}
                stepName={(stepId) => stepDisplayName(paintedDefinition, stepId)}
                {...(execution ? { links: execution } : {})}
                onOpenExecution={(id) => showExecution(id, { clearSelection: true })}
                stepTest={stepTest}
                {...(can.runFlows && !stepTest ? { rerun: { pending: pendingRerun?.executionId === executionId ? pendingRerun.from : null, onRerun: (from: RerunFrom) => void rerunFrom(executionId, from) } } : {})}
              />
            )}
            {viewedVersion !== null && executionId === null && (
              <VersionBar
                number={viewedVersion}
                version={version.data}
                loadError={version.error}
                onRetry={() => void version.refetch()}
                onBackToEditing={() => showExecution(null, { clearSelection: true })}
              />
            )}
            {flowIssues && flowIssues.length > 0 && !readOnly && (
              <div className="editor__flow-issues">
                <Alert tone="error" title={t("save.flowIssues")}>
                  <ul>
                    {flowIssues.map((issue, i) => (
                      <li key={i}>{issueMessage(issue, t)}</li>
                    ))}
                  </ul>
                </Alert>
              </div>
            )}
            {steps.length === 0 && !readOnly && (
              <div className="editor__empty-hint" aria-hidden="true">
                <p className="editor__empty-title">{t("canvas.emptyTitle")}</p>
                <p>{t("canvas.emptyDetail")}</p>
              </div>
            )}
            <FlowCanvas onDropConnector={addStep} />
          </section>
          {panel}
        </div>
      </div>
      <PayloadDialog
        open={payloadOpen}
        flowId={flowId}
        dirty={dirty}
        busy={saving || startExecution.isPending}
        onClose={() => setPayloadOpen(false)}
        onRun={(input) => void runFlow(input)}
      />
      <ConfirmDialog
        open={conflict}
        title={t("conflict.title")}
        confirmLabel={t("conflict.reload")}
        cancelLabel={t("conflict.keepEditing")}
        onConfirm={() => void reloadAfterConflict()}
        onCancel={dismissConflict}
      >
        <p>{t("conflict.detail")}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={secondRun !== null}
        title={t("run.secondTitle")}
        confirmLabel={t("run.secondConfirm")}
        cancelLabel={t("run.secondCancel")}
        onConfirm={() => {
          const input = secondRun;
          setSecondRun(null);
          if (input) void runFlow(input, { confirmed: true });
        }}
        onCancel={() => setSecondRun(null)}
      >
        <p>{t("run.secondDetail", { id: executionId?.slice(0, 8) ?? "" })}</p>
      </ConfirmDialog>
      <LeaveDialog open={blocker.state === "blocked"} onSave={save} onDiscard={() => blocker.proceed?.()} onStay={() => blocker.reset?.()} />
    </EditorContext.Provider>
  );
}

/** `?versao=2` → 2; anything else shows the draft. */
function versionNumberOf(param: string | null): number | null {
  return param !== null && /^[1-9]\d{0,8}$/.test(param) ? Number(param) : null;
}
