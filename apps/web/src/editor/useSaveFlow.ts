import type { ConnectorMeta, FieldProblem, FlowStep } from "@fluxo/contracts";
import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateFlow } from "../api/flows.js";
import { ApiError } from "../api/http.js";
import { describeError, useToast } from "../ui/index.js";
import { issueMessage } from "./issueMessage.js";
import { selectIsDirty, useEditorStore } from "./store.js";
import { issuesFromProblems, withPortLabels, type StepIssue } from "./validation.js";

export interface SaveFlow {
  save(): Promise<boolean>;
  saving: boolean;
  /** The server has a newer version than the one edited (409). */
  conflict: boolean;
  dismissConflict(): void;
  /** The server refused to run or publish the draft (422): mark the steps and fields it named and say so. */
  refuseUnfinished(problems: readonly FieldProblem[], message: (stepCount: number) => string): void;
}

/**
 * Saves the whole definition with the version it was edited from. A draft always saves, finished
 * or not (as n8n and Activepieces do): what it still lacks stays marked on its steps and is
 * refused when it is run or published. Only a definition the server finds meaningless is
 * refused (422, the steps and fields it named are marked); a 409 says the flow moved on. The
 * person's edits stay in the editor whatever happens.
 */
export function useSaveFlow(flowId: string, issuesByStep: Readonly<Record<string, readonly StepIssue[]>>, connectors: readonly ConnectorMeta[] = []): SaveFlow {
  const { t } = useTranslation("editor");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const update = useUpdateFlow();
  const [conflict, setConflict] = useState(false);
  const aboutDraft = { about: draftTopic(flowId) };
  const issuesRef = useRef(issuesByStep);
  issuesRef.current = issuesByStep;
  const connectorsRef = useRef(connectors);
  connectorsRef.current = connectors;

  const reveal = (issues: Readonly<Record<string, readonly StepIssue[]>>) => {
    const state = useEditorStore.getState();
    state.revealAllIssues();
    const first = state.definition.steps.find((s) => issues[s.id]?.length);
    if (first) state.select([first.id]);
  };

  const save = useCallback(async (): Promise<boolean> => {
    const { definition, version } = useEditorStore.getState();
    try {
      const flow = await update.mutateAsync({ id: flowId, body: { definition, version } });
      useEditorStore.getState().markSaved(flow, definition);
      // The header reads the store; the toast says the same. Edits made while the save was in flight are still unsaved.
      const changedMeanwhile = selectIsDirty(useEditorStore.getState());
      // Steps still unfinished, by the editor's checks or the server's (a connection deleted
      // meanwhile, a value only the server checks): the server's are marked where the editor's aren't.
      const clientIssues = issuesRef.current;
      const serverOnly = serverOnlyIssues(flow.problems, definition.steps, clientIssues);
      if (Object.keys(serverOnly).length > 0) useEditorStore.getState().setServerIssues(serverOnly);
      const unfinished = new Set([...Object.keys(clientIssues).filter((id) => id !== "" && clientIssues[id]!.length > 0), ...flow.problems.flatMap((p) => (p.stepId ? [p.stepId] : []))]);
      if (unfinished.size > 0) useEditorStore.getState().revealAllIssues();
      if (changedMeanwhile) toast.notify(t("save.savedChangedMeanwhile"), "info", aboutDraft);
      else untilNextEdit(unfinished.size > 0 ? toast.notify(t("save.savedUnfinished", { count: unfinished.size }), "info", aboutDraft) : toast.success(t("save.saved"), aboutDraft));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const issues = issuesFromProblems(error.problem.errors ?? [], definition.steps);
        useEditorStore.getState().setServerIssues(issues);
        // What no field shows (a link the flow can't have, a cycle) is said here, in words; fields are highlighted.
        const { graph, fields } = splitGraphIssues(issues);
        const said = [...new Set(withPortLabels(graph, definition, connectorsRef.current).map((issue) => issueMessage(issue, t)))].join("; ");
        reveal(issues);
        toast.error(said ? t(fields ? "save.rejectedWithFields" : "save.rejectedWith", { detail: said }) : t("save.rejected"), aboutDraft);
      } else if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
      } else {
        toast.error(t("save.failed", { reason: describeError(error, tc) }), aboutDraft);
      }
      return false;
    }
  }, [flowId, update, toast, t, tc]);

  const refuseUnfinished = useCallback(
    (problems: readonly FieldProblem[], message: (stepCount: number) => string) => {
      const state = useEditorStore.getState();
      const issues = issuesFromProblems(problems, state.definition.steps);
      // Marked once: what the editor already marks itself isn't counted again on the node.
      state.setServerIssues(serverOnlyIssues(problems, state.definition.steps, issuesRef.current));
      reveal(issues);
      toast.error(message(Object.keys(issues).filter((id) => id !== "").length), aboutDraft);
    },
    [toast, flowId],
  );

  return { save, saving: update.isPending, conflict, dismissConflict: () => setConflict(false), refuseUnfinished };
}

/**
 * What the editor's notifications about saving, running and testing the draft are about: the
 * latest outcome replaces the others (a run refused, then the draft saved), and a new run clears them.
 */
export function draftTopic(flowId: string): string {
  return `draft:${flowId}`;
}

/** A "saved" notification goes at the next edit: from then on the header says "Alterações não salvas", and the two never disagree. */
function untilNextEdit(dismiss: () => void): void {
  const unsubscribe = useEditorStore.subscribe((state) => {
    if (!selectIsDirty(state)) return;
    unsubscribe();
    dismiss();
  });
  // Long after the toast left on its own, the subscription has nothing to do.
  window.setTimeout(unsubscribe, 10_000);
}

/**
 * A refusal's problems that no input of a step shows — the flow's own (no step named) and a step's
 * place in the graph (a link into a Loop's branch from outside, a cycle) — and whether any field or
 * other input was named besides.
 */
export function splitGraphIssues(issues: Readonly<Record<string, readonly StepIssue[]>>): { graph: StepIssue[]; fields: boolean } {
  const graph: StepIssue[] = [];
  let fields = false;
  for (const [stepId, list] of Object.entries(issues)) {
    for (const issue of list) {
      if (stepId === "" || (issue.target === "step" && issue.path === undefined)) graph.push(issue);
      else fields = true;
    }
  }
  return { graph, fields };
}

/** The problems of a saved draft the editor doesn't already mark itself (same step, same input). */
export function serverOnlyIssues(problems: readonly FieldProblem[], steps: readonly FlowStep[], clientIssues: Readonly<Record<string, readonly StepIssue[]>>): Record<string, StepIssue[]> {
  const key = (issue: StepIssue) => (issue.target === "connection" || issue.path === "connectionId" ? "connection" : `${issue.target}:${issue.path ?? ""}`);
  const result: Record<string, StepIssue[]> = {};
  for (const [stepId, issues] of Object.entries(issuesFromProblems(problems, steps))) {
    const known = new Set((clientIssues[stepId] ?? []).map(key));
    const extra = issues.filter((issue) => !known.has(key(issue)));
    if (extra.length > 0) result[stepId] = extra;
  }
  return result;
}
