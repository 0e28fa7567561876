import { STEP_NAME_MAX_LENGTH, type FlowStep } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/index.js";
import { useEditorStore } from "../store.js";

/** The step's free-text name, shown on the canvas; an id nobody edited follows it. */
export function StepNameField({ step }: { step: FlowStep }) {
  const { t } = useTranslation("editor");
  return (
    <TextField
      id={`step-${step.id}-label`}
      label={t("properties.stepName")}
      value={step.name ?? ""}
      maxLength={STEP_NAME_MAX_LENGTH}
      autoComplete="off"
      placeholder={t("properties.stepNamePlaceholder")}
      help={t("properties.stepNameHelp")}
      onChange={(e) => useEditorStore.getState().setStepName(step.id, e.target.value)}
    />
  );
}
