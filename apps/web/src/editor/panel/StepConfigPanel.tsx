import type { ConnectorMeta, FlowStep } from "@fluxo/contracts";
import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { afterPointerRelease, Alert, Button, IconButton, PlayIcon, SidePanel, Tabs, TrashIcon, WarningIcon } from "../../ui/index.js";
import { ConnectorIcon } from "../../connections/ConnectorIcon.js";
import { useEditorContext } from "../EditorContext.js";
import { ExpressionScopeContext, useStepExpressionScope } from "../expressions/ExpressionScope.js";
import { ExpressionTargetContext, type ExpressionTarget } from "../expressions/ExpressionTarget.js";
import { ParameterFormContext, type ParameterForm } from "../fields/ParameterFormContext.js";
import { issueMessage } from "../issueMessage.js";
import type { ParamPath } from "../parameters.js";
import { pathKey } from "../parameters.js";
import { stepLabel } from "../stepIds.js";
import { useEditorStore } from "../store.js";
import { isShownWhileTyping, type StepIssue } from "../validation.js";
import { ParametersTab } from "./ParametersTab.js";
import { PropertiesTab } from "./PropertiesTab.js";
import { StepDataPanel } from "./StepDataPanel.js";
import { useEscapeToClose } from "./useEscapeToClose.js";

export type PanelTab = "parametrizacao" | "propriedades";

/** The selected step's configuration: "Parametrização" (operation and its fields) and "Propriedades" (connection, name, description). */
export function StepConfigPanel({
  step,
  connector,
  onClose,
  focusFirstField = false,
  onFirstFieldFocused,
  readOnly = false,
  test,
}: {
  step: FlowStep;
  connector: ConnectorMeta;
  /** The close button, or Escape anywhere in the panel. */
  onClose(): void;
  /** Just added (from the palette, by keyboard or pointer): focus goes to its first field, so typing carries on there. */
  focusFirstField?: boolean;
  onFirstFieldFocused?(): void;
  /** A published version's step: every field shown as saved, none editable, no delete. */
  readOnly?: boolean;
  /** "Testar passo": runs this step alone (absent for who can't run flows). */
  test?: { running: boolean; onTest(): void };
}) {
  const { t } = useTranslation("editor");
  const { issuesByStep } = useEditorContext();
  const revealIssues = useEditorStore((s) => s.revealIssues);
  const [tab, setTab] = useState<PanelTab>("parametrizacao");
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const issues = issuesByStep[step.id] ?? [];
  const serverIdIssue = issues.find((i) => i.target === "id" && i.code === "server");
  // What no input shows: the step's place in the flow (a link into a Loop's branch from outside it, a cycle…).
  const stepIssues = issues.filter((i) => i.target === "step");
  const panelRef = useRef<HTMLElement>(null);
  useBringFirstIssueIntoView(panelRef, issues, setTab);
  useFocusFirstField(panelRef, focusFirstField, onFirstFieldFocused);
  useEscapeToClose(panelRef, onClose);

  const expressionScope = useStepExpressionScope(step.id);
  // The expression field a pick in the data panel goes into: the focused one, or the last focused.
  const [insertionTarget, setInsertionTarget] = useState<ExpressionTarget | null>(null);
  const expressionTargets = useMemo(() => ({ target: insertionTarget, setTarget: setInsertionTarget }), [insertionTarget]);

  const shown = (issue: StepIssue, key: string) => {
    // An empty list item left behind isn't among `issues` until a save or a run asks (withoutLeftForLater).
    if (revealIssues || issue.code === "server") return true;
    return isShownWhileTyping(issue) || touched.has(`${step.id}|${key}`);
  };
  const messageFor = (target: StepIssue["target"], key = "") => {
    const issue = issues.find((i) => i.target === target && (target !== "parameter" || i.path === key));
    return issue && shown(issue, target === "parameter" ? key : `$${target}`) ? issueMessage(issue, t) : undefined;
  };

  const form = useMemo<ParameterForm>(
    () => ({
      idPrefix: `step-${step.id}`,
      errorAt: (key) => messageFor("parameter", key),
      hasErrorWithin: (key) => issues.some((i) => i.target === "parameter" && (i.path === key || i.path?.startsWith(`${key}.`)) && shown(i, i.path)),
      setValue: (path: ParamPath, value: unknown) => {
        if (!readOnly) useEditorStore.getState().setParameter(step.id, path, value, pathKey(path));
      },
      // A message shown on leaving a field waits for the click that left it: it must not move the button being clicked.
      touch: (key) => afterPointerRelease(() => setTouched((set) => (set.has(`${step.id}|${key}`) ? set : new Set(set).add(`${step.id}|${key}`)))),
    }),
    // messageFor/shown close over these
    [step.id, issues, touched, revealIssues, t, readOnly],
  );

  const countFor = (targets: StepIssue["target"][]) => issues.filter((i) => targets.includes(i.target)).length;
  const tabLabel = (label: string, count: number) => (
    <>
      {label}
      {count > 0 && <WarningIcon className="tab-warning" />}
    </>
  );

  return (
    <ParameterFormContext.Provider value={form}>
      <ExpressionScopeContext.Provider value={expressionScope}>
        <ExpressionTargetContext.Provider value={expressionTargets}>
          <SidePanel
            ref={panelRef}
            title={stepLabel(step)}
            subtitle={connector.name}
            icon={<ConnectorIcon connector={connector} size={32} />}
            actions={
              readOnly ? undefined : (
                // A line of their own under the step's name (editor.css), so the name shows whole.
                <div className="step-panel__actions">
                  {test && (
                    <Button size="sm" variant="secondary" icon={<PlayIcon />} loading={test.running} title={t("test.help")} onClick={test.onTest} data-testid="test-step">
                      {t("test.button")}
                    </Button>
                  )}
                  <IconButton label={t("panel.deleteStep")} variant="danger" icon={<TrashIcon />} onClick={() => useEditorStore.getState().remove([step.id], [])} />
                </div>
              )
            }
            closeLabel={t("panel.close")}
            onClose={onClose}
          >
            <Tabs
              label={t("panel.tabsLabel")}
              value={tab}
              onChange={(id) => setTab(id as PanelTab)}
              tabs={[
                {
                  id: "parametrizacao",
                  label: tabLabel(t("panel.parameters"), countFor(["parameter", "operation", "step"])),
                  content: (
                    <ReadOnlyFields readOnly={readOnly}>
                      <ParametersTab
                        step={step}
                        connector={connector}
                        operationError={messageFor("operation")}
                        dataPanel={readOnly ? undefined : <StepDataPanel />}
                        notice={stepIssues.length > 0 ? <StepIssuesAlert issues={stepIssues} /> : undefined}
                      />
                    </ReadOnlyFields>
                  ),
                },
                {
                  id: "propriedades",
                  label: tabLabel(t("panel.properties"), countFor(["id", "connection"])),
                  content: (
                    <ReadOnlyFields readOnly={readOnly}>
                      <PropertiesTab
                        step={step}
                        connector={connector}
                        connectionError={messageFor("connection")}
                        serverIdError={serverIdIssue && issueMessage(serverIdIssue, t)}
                        onTouchConnection={() => form.touch("$connection")}
                      />
                    </ReadOnlyFields>
                  ),
                },
              ]}
            />
          </SidePanel>
        </ExpressionTargetContext.Provider>
      </ExpressionScopeContext.Provider>
    </ParameterFormContext.Provider>
  );
}

/** The step's problems that belong to no input, in words where the person looks (the node only has room for a count). */
function StepIssuesAlert({ issues }: { issues: readonly StepIssue[] }) {
  const { t } = useTranslation("editor");
  const messages = [...new Set(issues.map((issue) => capitalize(issueMessage(issue, t))))];
  return (
    <div className="step-issues" data-testid="step-issues">
      <Alert tone="warning">
        {messages.length === 1 ? (
          <p>{messages[0]}</p>
        ) : (
          <ul>
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </Alert>
    </div>
  );
}

/** The server's sentences start in lower case (they are also parts of longer ones). */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A disabled fieldset turns every input, select and button inside it off at once, as the browser knows how. */
function ReadOnlyFields({ readOnly, children }: { readOnly: boolean; children: ReactNode }) {
  if (!readOnly) return children;
  return (
    <fieldset disabled className="read-only-fields">
      {children}
    </fieldset>
  );
}

/** Once the panel is on screen, focuses the first enabled field of the open tab. */
function useFocusFirstField(panelRef: RefObject<HTMLElement | null>, wanted: boolean, onFocused: (() => void) | undefined) {
  const onFocusedRef = useRef(onFocused);
  onFocusedRef.current = onFocused;
  useEffect(() => {
    if (!wanted) return;
    const frame = requestAnimationFrame(() => {
      const field = panelRef.current?.querySelector<HTMLElement>(
        '[role="tabpanel"]:not([hidden]) :is(input, select, textarea):not([disabled]):not([type="hidden"])',
      );
      field?.focus({ preventScroll: true });
      onFocusedRef.current?.();
    });
    return () => cancelAnimationFrame(frame);
  }, [wanted, panelRef]);
}

const PROPERTIES_TARGETS: readonly StepIssue["target"][] = ["id", "connection"];

/** When a save is refused, opens the tab holding this step's first problem and focuses the field. */
function useBringFirstIssueIntoView(panelRef: RefObject<HTMLElement | null>, issues: readonly StepIssue[], setTab: (tab: PanelTab) => void) {
  const requestedAt = useEditorStore((s) => s.revealRequestedAt);
  const issuesRef = useRef(issues);
  issuesRef.current = issues;

  useEffect(() => {
    // A panel opened long after the refusal (the person moved on) leaves focus alone.
    if (requestedAt === null || Date.now() - requestedAt > 1000) return;
    const issues = issuesRef.current;
    if (issues.length === 0) return;
    // The first tab in reading order that has a problem.
    setTab(issues.every((i) => PROPERTIES_TARGETS.includes(i.target)) ? "propriedades" : "parametrizacao");
    // After the tab (and any collapsed section) has opened.
    const frame = requestAnimationFrame(() => {
      const field = panelRef.current?.querySelector<HTMLElement>('[role="tabpanel"]:not([hidden]) [aria-invalid="true"]');
      field?.scrollIntoView({ block: "center" });
      field?.focus({ preventScroll: true });
      // A problem of no field (the step's links) is said at the top of the tab.
      if (!field) panelRef.current?.querySelector<HTMLElement>('[role="tabpanel"]:not([hidden]) .step-issues')?.scrollIntoView({ block: "nearest" });
    });
    return () => cancelAnimationFrame(frame);
  }, [requestedAt, panelRef, setTab]);
}
