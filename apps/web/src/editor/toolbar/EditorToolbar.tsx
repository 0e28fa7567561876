import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { ArrowLeftIcon, Badge, BracesIcon, Button, HistoryIcon, IconButton, PlayIcon, RedoIcon, SaveIcon, UndoIcon } from "../../ui/index.js";
import { useCan } from "../../api/auth.js";
import { shortDateTime } from "../../executions/runLabel.js";
import { useEditorStore, useHistory } from "../store.js";
import { FlowTitle } from "./FlowTitle.js";

export interface EditorToolbarProps {
  flowId: string;
  flowName: string;
  dirty: boolean;
  saving: boolean;
  running: boolean;
  readOnly: boolean;
  hasSteps: boolean;
  historyOpen: boolean;
  publishOpen: boolean;
  /** The latest published version and whether the draft differs from it; undefined while loading. */
  published: { version: number | null; ahead: boolean } | undefined;
  /** When the draft was last saved, and by whom; undefined while loading. */
  saved: { at: string; by: string | null } | undefined;
  /**
   * The published version on the canvas, if one is (read-only). Executar and Payload de entrada run
   * the draft, never a version, so they wait for the way back to it instead of running what isn't shown.
   */
  viewedVersion?: number | null;
  onSave(): void;
  onTogglePublish(): void;
  onRun(): void;
  onOpenPayload(): void;
  onToggleHistory(): void;
}

export function EditorToolbar(props: EditorToolbarProps) {
  const { flowId, flowName, dirty, saving, running, readOnly, hasSteps, historyOpen, publishOpen, published, saved, viewedVersion = null, onSave, onRun, onOpenPayload, onToggleHistory, onTogglePublish } = props;
  const { t, i18n } = useTranslation("editor");
  const can = useCan();
  const { canUndo, canRedo } = useHistory();
  // The server decides; this only spares a viewer buttons that would be refused.
  const viewOnly = !readOnly && can.role !== null && !can.editFlows;
  const viewOnlyHint = t("toolbar.viewOnlyHint", { role: t(`auth:roles.${can.role ?? "viewer"}`) });
  const versionRunHint = viewedVersion === null ? undefined : t("toolbar.runVersionView", { number: viewedVersion });
  const versionPayloadHint = viewedVersion === null ? undefined : t("toolbar.payloadVersionView", { number: viewedVersion });

  return (
    <header className="editor-toolbar">
      <Link to="/fluxos" className="editor-toolbar__back">
        <ArrowLeftIcon />
        <span>{t("toolbar.flows")}</span>
      </Link>
      <div className="editor-toolbar__title">
        <div className="editor-toolbar__heading">
          <FlowTitle flowId={flowId} name={flowName} editable={!readOnly && !viewOnly} />
          <div className="editor-toolbar__status">
            <span className={dirty ? "save-state save-state--dirty" : "save-state"} role="status" data-testid="save-state" title={dirty || saving || !saved ? undefined : `${savedLabel(saved, i18n.language, t)}. ${t("toolbar.savedTitle")}`}>
              {saving ? t("toolbar.saving") : dirty ? t("toolbar.unsaved") : saved ? savedLabel(saved, i18n.language, t) : ""}
            </span>
            {published && <PublicationBadge version={published.version} ahead={published.ahead || dirty} />}
          </div>
        </div>
        {viewOnly && (
          <span className="editor-toolbar__view-only" title={viewOnlyHint}>
            {t("toolbar.viewOnly")}
          </span>
        )}
      </div>
      <div className="editor-toolbar__actions">
        <IconButton label={t("toolbar.undo")} icon={<UndoIcon />} disabled={readOnly || !canUndo} onClick={() => useEditorStore.getState().undo()} />
        <IconButton label={t("toolbar.redo")} icon={<RedoIcon />} disabled={readOnly || !canRedo} onClick={() => useEditorStore.getState().redo()} />
        <span className="editor-toolbar__divider" aria-hidden="true" />
        <Button variant="ghost" icon={<HistoryIcon />} aria-pressed={historyOpen} onClick={onToggleHistory}>
          {t("toolbar.executions")}
        </Button>
        <Button variant="ghost" aria-pressed={publishOpen} onClick={onTogglePublish}>
          {t("publish.open")}
        </Button>
        <Button variant="secondary" icon={<SaveIcon />} onClick={onSave} loading={saving} disabled={viewOnly || (!dirty && !saving)} title={viewOnly ? viewOnlyHint : t("toolbar.saveShortcut")}>
          {t("toolbar.save")}
        </Button>
        <Button variant="secondary" icon={<BracesIcon />} onClick={onOpenPayload} disabled={!hasSteps || versionPayloadHint !== undefined} title={versionPayloadHint} aria-description={versionPayloadHint}>
          {t("toolbar.payload")}
        </Button>
        <Button
          variant="primary"
          icon={<PlayIcon />}
          onClick={onRun}
          loading={running}
          disabled={!hasSteps || !can.runFlows || versionRunHint !== undefined}
          title={!can.runFlows ? viewOnlyHint : (versionRunHint ?? (hasSteps ? undefined : t("toolbar.runNeedsStep")))}
          aria-description={versionRunHint}
        >
          {dirty && versionRunHint === undefined ? t("toolbar.saveAndRun") : t("toolbar.run")}
        </Button>
      </div>
    </header>
  );
}

/** Whether the draft is published, and as which version; short enough to fit beside the save state at 1280 wide, its full words in a tooltip. */
function PublicationBadge({ version, ahead }: { version: number | null; ahead: boolean }) {
  const { t } = useTranslation("editor");
  const [tone, label, title] =
    version === null
      ? (["neutral", t("publish.draftOnly"), t("publish.draftOnly")] as const)
      : ahead
        ? (["info", t("publish.draftAheadShort", { number: version }), t("publish.draftAhead", { number: version })] as const)
        : (["success", t("publish.publishedShort", { number: version }), t("publish.publishedShort", { number: version })] as const);
  return (
    <span className="editor-toolbar__publication" data-testid="publish-indicator" title={title}>
      <Badge tone={tone}>{label}</Badge>
    </span>
  );
}

/** "Salvo em 06/12 17:36 por Ana": the draft has no number (numbers belong to published versions). */
function savedLabel(saved: { at: string; by: string | null }, language: string, t: (key: string, options: Record<string, string>) => string): string {
  const when = shortDateTime(saved.at, language);
  return saved.by ? t("toolbar.saved", { when, name: saved.by }) : t("toolbar.savedAnonymous", { when });
}
