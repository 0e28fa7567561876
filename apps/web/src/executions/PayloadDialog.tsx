import type { TriggerInput } from "@fluxo/contracts";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, Dialog, PlayIcon, TextArea } from "../ui/index.js";
import { lastPayloadText, rememberPayloadText } from "./payloadMemory.js";
import { parseTriggerInput, type TriggerInputProblem } from "./triggerInput.js";

export interface PayloadDialogProps {
  open: boolean;
  flowId: string;
  /** The flow has unsaved changes: running saves first. */
  dirty: boolean;
  busy: boolean;
  onClose(): void;
  onRun(input: TriggerInput): void;
}

/** "Payload de entrada": the trigger input as one JSON object, checked before it is sent. */
export function PayloadDialog(props: PayloadDialogProps) {
  if (!props.open) return null;
  return <PayloadForm {...props} />;
}

function PayloadForm({ flowId, dirty, busy, onClose, onRun }: PayloadDialogProps) {
  const { t } = useTranslation("executions");
  const [text, setText] = useState(() => lastPayloadText(flowId));
  const [problem, setProblem] = useState<TriggerInputProblem | null>(null);

  const submit = () => {
    const parsed = parseTriggerInput(text);
    if (!parsed.ok) return setProblem(parsed.problem);
    setProblem(null);
    onRun(parsed.input);
  };

  return (
    <Dialog
      open
      size="lg"
      title={t("payload.title")}
      onClose={onClose}
      dismissible={!busy}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            {t("payload.cancel")}
          </Button>
          <Button type="submit" variant="primary" icon={<PlayIcon />} loading={busy}>
            {dirty ? t("run.saveAndRun") : t("run.run")}
          </Button>
        </>
      }
    >
      <TextArea
        label={t("payload.label")}
        className="payload-editor"
        rows={14}
        spellCheck={false}
        value={text}
        error={problem ? problemMessage(problem, t) : undefined}
        help={t("payload.hint", { example: "{{ .input.body }}" })}
        onChange={(e) => {
          setText(e.target.value);
          // Remembered as typed, so the expression previews follow it even before a run.
          rememberPayloadText(flowId, e.target.value);
          if (problem) setProblem(null);
        }}
        onKeyDown={(e) => {
          // Ctrl/⌘+Enter runs from inside the editor, where Enter is a new line.
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      />
    </Dialog>
  );
}

export function problemMessage(problem: TriggerInputProblem, t: TFunction<"executions">): string {
  switch (problem.code) {
    case "invalid_json":
      return problem.line === undefined ? t("payload.invalidJson") : t("payload.invalidJsonAt", { line: problem.line, column: problem.column });
    case "not_an_object":
      return t("payload.notAnObject");
    case "unknown_key":
      return t("payload.unknownKey", { key: problem.key });
    case "invalid_field":
      return t("payload.invalidField", { path: problem.path, detail: problem.detail });
  }
}
