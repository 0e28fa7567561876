import type { FlowStep } from "@fluxo/contracts";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/index.js";
import { stepIdProblem, STEP_ID_MAX_LENGTH } from "../stepIds.js";
import { useEditorStore } from "../store.js";

/**
 * The step's id in expressions (`{{ .steps.credentials.body }}`).
 * Checked as it is typed; each valid id is applied at once (edges and other steps' expressions
 * follow), an invalid one is explained and, if left that way, put back when the field loses focus.
 */
export function StepIdField({ step, serverError }: { step: FlowStep; serverError: string | undefined }) {
  const { t } = useTranslation("editor");
  const [draft, setDraft] = useState(step.id);
  useEffect(() => setDraft(step.id), [step.id]);
  const otherIds = () => useEditorStore.getState().definition.steps.filter((s) => s.id !== step.id).map((s) => s.id);
  const problem = draft === step.id ? null : stepIdProblem(draft, otherIds());

  return (
    <TextField
      id={`step-${step.id}-id`}
      label={t("properties.stepId")}
      required
      value={draft}
      maxLength={STEP_ID_MAX_LENGTH + 1}
      autoComplete="off"
      spellCheck={false}
      className="field--mono"
      error={problem ? t(`issues.${problem}`) : serverError}
      help={t("properties.stepIdHelp", { expression: `{{ .steps.${step.id}.body }}` })}
      onChange={(e) => {
        const next = e.target.value;
        setDraft(next);
        if (stepIdProblem(next, otherIds()) === null) useEditorStore.getState().renameStep(step.id, next);
      }}
      onBlur={() => {
        if (problem) setDraft(step.id);
      }}
    />
  );
}
