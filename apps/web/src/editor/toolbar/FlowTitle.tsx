import { useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useUpdateFlow } from "../../api/flows.js";
import { ApiError } from "../../api/http.js";
import { describeError } from "../../ui/index.js";
import { useEditorStore } from "../store.js";

const NAME_MAX_LENGTH = 120;

/**
 * The flow's name as the editor's title; a click (or Enter) makes it an input: Enter or leaving the
 * field saves the new name at once (the draft's definition is not touched), Esc puts the old one back.
 * A refusal is said under the input, which keeps what was typed.
 */
export function FlowTitle({ flowId, name, editable }: { flowId: string; name: string; editable: boolean }) {
  const { t } = useTranslation("editor");
  const { t: tc } = useTranslation("common");
  const rename = useUpdateFlow();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (!editable || draft === null) {
    return (
      <h1 className="editor-toolbar__name" title={editable ? undefined : name}>
        {editable ? (
          // Named by the flow's name (the heading reads as before); what a click does is its description.
          <button type="button" className="editor-toolbar__name-button" title={t("toolbar.renameFlow", { name })} onClick={() => setDraft(name)}>
            {name}
          </button>
        ) : (
          name
        )}
      </h1>
    );
  }

  const stop = () => {
    setDraft(null);
    setError(null);
  };
  const save = () => {
    const next = draft.trim();
    if (next === name) return stop();
    if (next === "") return setError(t("toolbar.flowNameRequired"));
    rename.mutate(
      { id: flowId, body: { name: next } },
      {
        onSuccess: (flow) => {
          useEditorStore.setState({ flowName: flow.name });
          stop();
        },
        onError: (failure) => setError(failure instanceof ApiError ? (failure.fieldErrors().name ?? failure.problem.detail) : describeError(failure, tc)),
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      save();
    } else if (event.key === "Escape") {
      event.preventDefault();
      stop();
    }
  };

  return (
    <div className="editor-toolbar__name-edit">
      <input
        className="input editor-toolbar__name-input"
        aria-label={t("toolbar.flowName")}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "flow-name-error" : undefined}
        value={draft}
        maxLength={NAME_MAX_LENGTH}
        autoFocus
        autoComplete="off"
        disabled={rename.isPending}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (!rename.isPending && !error) save();
        }}
      />
      {error && (
        <span id="flow-name-error" className="editor-toolbar__name-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
