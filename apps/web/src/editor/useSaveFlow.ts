import { useCallback, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateFlow } from "../api/flows.js";
import { ApiError } from "../api/http.js";
import { describeError, useToast } from "../ui/index.js";
import { useEditorStore } from "./store.js";
import { issuesFromProblems, type StepIssue } from "./validation.js";

export interface SaveFlow {
  save(): Promise<boolean>;
  saving: boolean;
  /** The server has a newer version than the one edited (409). */
  conflict: boolean;
  dismissConflict(): void;
}

/**
 * Saves the whole definition with the version it was edited from. Problems found on the
 * client block the save; a 422 marks the steps and fields the server named; a 409 says the
 * flow moved on. The person's edits stay in the editor whatever happens.
 */
export function useSaveFlow(flowId: string, issuesByStep: Readonly<Record<string, readonly StepIssue[]>>): SaveFlow {
  const { t } = useTranslation("editor");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const update = useUpdateFlow();
  const [conflict, setConflict] = useState(false);
  const issuesRef = useRef(issuesByStep);
  issuesRef.current = issuesByStep;

  const refuse = (issues: Readonly<Record<string, readonly StepIssue[]>>, message: string) => {
    const state = useEditorStore.getState();
    state.revealAllIssues();
    const first = state.definition.steps.find((s) => issues[s.id]?.length);
    if (first) state.select([first.id]);
    toast.error(message);
  };

  const save = useCallback(async (): Promise<boolean> => {
    const clientIssues = issuesRef.current;
    const invalidSteps = Object.keys(clientIssues).filter((id) => clientIssues[id]!.some((i) => i.code !== "server"));
    if (invalidSteps.length > 0) {
      refuse(clientIssues, t("save.blocked", { count: invalidSteps.length }));
      return false;
    }
    const { definition, version } = useEditorStore.getState();
    try {
      const flow = await update.mutateAsync({ id: flowId, body: { definition, version } });
      useEditorStore.getState().markSaved(flow, definition);
      toast.success(t("save.saved"));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const issues = issuesFromProblems(error.problem.errors ?? [], definition.steps);
        useEditorStore.getState().setServerIssues(issues);
        const general = issues[""]?.map((i) => i.detail).join("; ");
        refuse(issues, general ? t("save.rejectedWith", { detail: general }) : t("save.rejected"));
      } else if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
      } else {
        toast.error(t("save.failed", { reason: describeError(error, tc) }));
      }
      return false;
    }
  }, [flowId, update, toast, t, tc]);

  return { save, saving: update.isPending, conflict, dismissConflict: () => setConflict(false) };
}
