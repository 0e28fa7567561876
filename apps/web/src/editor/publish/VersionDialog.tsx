import { useTranslation } from "react-i18next";
import { useFlowVersion } from "../../api/versions.js";
import { Button, Dialog, ErrorState, JsonTree, LoadingState } from "../../ui/index.js";

/** A published version, read-only: its note, who published it, and its definition. */
export function VersionDialog({ flowId, number, onClose }: { flowId: string; number: number | null; onClose(): void }) {
  const { t } = useTranslation("editor");
  const version = useFlowVersion(flowId, number);
  return (
    <Dialog
      open={number !== null}
      onClose={onClose}
      title={t("publish.versionTitle", { number })}
      size="lg"
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t("publish.close")}
        </Button>
      }
    >
      {version.isPending ? (
        <LoadingState />
      ) : version.error ? (
        <ErrorState compact error={version.error} onRetry={() => void version.refetch()} />
      ) : (
        <>
          <p className="muted">
            {t("publish.versionBy", { name: version.data.publishedBy.name })}
            {version.data.note ? ` — ${version.data.note}` : ""}
          </p>
          <p>{t("publish.versionSteps", { count: version.data.definition.steps.length, steps: version.data.definition.steps.map((s) => s.id).join(", ") })}</p>
          <JsonTree value={version.data.definition} />
        </>
      )}
    </Dialog>
  );
}
