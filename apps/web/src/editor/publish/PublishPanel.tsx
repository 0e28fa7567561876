import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../api/auth.js";
import { useFlow } from "../../api/flows.js";
import { useDownloadFlow } from "../../flows/useDownloadFlow.js";
import { usePublishFlow, useRestoreVersion, useFlowVersions } from "../../api/versions.js";
import { Alert, Badge, Button, ConfirmDialog, CopyButton, DateTime, DownloadIcon, EmptyState, ErrorState, formatDateTime, LoadingState, SidePanel, TextArea, describeError, useToast } from "../../ui/index.js";
import { ApiError } from "../../api/http.js";
import { queryKeys } from "../../api/queryKeys.js";
import { useEditorStore } from "../store.js";
import { issuesFromProblems } from "../validation.js";
import { gatewayUrls } from "./gatewayUrls.js";
import { useLastSuccessfulRun } from "../../executions/workspaceRuns.js";
import "./publish.css";

export interface PublishPanelProps {
  flowId: string;
  dirty: boolean;
  onClose(): void;
  /** Shows a published version on the canvas, read-only. */
  onViewVersion(number: number): void;
}

/** "Publicação": publish the saved draft, the flow's gateway URLs, and its versions (view, restore). */
export function PublishPanel({ flowId, dirty, onClose, onViewVersion }: PublishPanelProps) {
  const { t, i18n } = useTranslation("editor");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const queryClient = useQueryClient();
  const can = useCan();
  const flow = useFlow(flowId);
  const versions = useFlowVersions(flowId);
  const publish = usePublishFlow(flowId);
  const restore = useRestoreVersion(flowId);
  const exporter = useDownloadFlow();
  const [note, setNote] = useState("");
  const [restoring, setRestoring] = useState<number | null>(null);

  const onPublish = async () => {
    // The latest attempt's outcome replaces the one before (a refusal, then the version published).
    const aboutPublishing = { about: `publish:${flowId}` };
    try {
      const version = await publish.mutateAsync(note);
      setNote("");
      toast.success(t("publish.published", { number: version.number }), aboutPublishing);
    } catch (error) {
      // The draft saved unfinished (or a connection it uses is gone): mark what the server named.
      if (error instanceof ApiError && error.status === 422 && error.problem.errors?.length) {
        const state = useEditorStore.getState();
        state.setServerIssues(issuesFromProblems(error.problem.errors, state.definition.steps));
        state.revealAllIssues();
      }
      // Published meanwhile (elsewhere): show the flow's versions as they are now.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: queryKeys.flows.detail(flowId) });
      toast.error(describeError(error, tc), aboutPublishing);
    }
  };

  const onRestore = async (number: number) => {
    setRestoring(null);
    try {
      useEditorStore.getState().load(await restore.mutateAsync(number));
      toast.success(t("publish.restored", { number }));
    } catch (error) {
      toast.error(describeError(error, tc));
    }
  };

  const published = flow.data?.publishedVersion ?? null;
  // Publishing freezes a change: with nothing new since the last version there is nothing to publish.
  const nothingNew = published !== null && flow.data?.hasUnpublishedChanges === false && !dirty;
  const unfinishedSteps = new Set((flow.data?.problems ?? []).map((p) => p.stepId ?? "")).size;
  const sample = useLastSuccessfulRun(flowId).data ?? null;
  const urls = flow.data ? gatewayUrls(window.location.origin, flow.data.slug, sample?.input ?? null) : null;

  return (
    <SidePanel title={t("publish.title")} closeLabel={t("publish.close")} onClose={onClose} padded>
      <section className="publish-section" aria-label={t("publish.state")}>
        <p data-testid="publish-state">
          {published === null ? (
            <>
              <Badge tone="warning">{t("publish.neverPublished")}</Badge>{" "}
              <span className="muted" data-testid="publish-never-detail">
                {t("publish.neverPublishedDetail")}
              </span>
            </>
          ) : flow.data?.hasUnpublishedChanges || dirty ? (
            <Badge tone="info">{t("publish.draftAhead", { number: published })}</Badge>
          ) : (
            <Badge tone="success">{t("publish.upToDate", { number: published })}</Badge>
          )}
        </p>
        {can.editFlows && (
          <>
            <TextArea label={t("publish.note")} help={t("publish.noteHelp")} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
            {dirty && <Alert tone="info">{t("publish.saveFirst")}</Alert>}
            {nothingNew && <p className="muted" data-testid="publish-nothing-new">{t("publish.nothingNew", { number: published })}</p>}
            {!dirty && !nothingNew && unfinishedSteps > 0 && <Alert tone="info">{t("publish.unfinished", { count: unfinishedSteps })}</Alert>}
            <Button variant="primary" onClick={() => void onPublish()} loading={publish.isPending} disabled={dirty || nothingNew || unfinishedSteps > 0}>
              {t("publish.publish")}
            </Button>
          </>
        )}
      </section>

      {urls && (
        <section className="publish-section" aria-label={t("publish.gateway")}>
          <h3 className="publish-section__title">{t("publish.gateway")}</h3>
          <p className="muted">
            <Trans t={t} i18nKey="publish.gatewayHelp" components={{ keys: <Link to="/configuracoes#api-keys-title" /> }} />
          </p>
          <GatewayUrl label={t("publish.asyncUrl")} value={urls.async} />
          <GatewayUrl label={t("publish.syncUrl")} value={urls.sync} />
          <div className="gateway-url">
            <span className="gateway-url__label">{t("publish.curl")}</span>
            <pre className="gateway-url__curl mono" data-testid="gateway-curl">{urls.curl}</pre>
            <CopyButton value={urls.curl} label={t("publish.copyCurl")} />
            <span className="muted gateway-url__note" data-testid="gateway-curl-note">
              {sample ? t("publish.curlFromRun", { when: formatDateTime(sample.createdAt, i18n.language) }) : t("publish.curlNoRun")}
            </span>
          </div>
        </section>
      )}

      <section className="publish-section" aria-label={t("publish.versions")}>
        <h3 className="publish-section__title">{t("publish.versions")}</h3>
        {versions.isPending ? (
          <LoadingState />
        ) : versions.error ? (
          <ErrorState compact error={versions.error} onRetry={() => void versions.refetch()} />
        ) : versions.data.length === 0 ? (
          <EmptyState title={t("publish.noVersions")} description={t("publish.noVersionsDetail")} />
        ) : (
          <ul className="version-list" aria-label={t("publish.versions")}>
            {versions.data.map((version) => (
              <li key={version.number} className="version-item">
                <strong>v{version.number}</strong>
                <span className="muted">
                  <DateTime value={version.publishedAt} relative /> · {version.publishedBy.name}
                </span>
                {version.note && <span className="version-item__note">{version.note}</span>}
                <span className="version-item__actions">
                  <Button size="sm" variant="ghost" onClick={() => onViewVersion(version.number)}>
                    {t("publish.view")}
                  </Button>
                  {can.editFlows && (
                    <Button size="sm" variant="ghost" onClick={() => setRestoring(version.number)} loading={restore.isPending && restore.variables === version.number}>
                      {t("publish.restore")}
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="publish-section" aria-label={t("publish.file")}>
        <h3 className="publish-section__title">{t("publish.file")}</h3>
        <p className="muted">{dirty ? t("publish.fileHelpUnsaved") : t("publish.fileHelp")}</p>
        <Button variant="secondary" icon={<DownloadIcon />} onClick={() => exporter.download(flowId)} loading={exporter.pending}>
          {t("publish.export")}
        </Button>
      </section>

      <ConfirmDialog
        open={restoring !== null}
        title={t("publish.restoreTitle", { number: restoring })}
        confirmLabel={t("publish.restore")}
        cancelLabel={t("publish.cancel")}
        onConfirm={() => void onRestore(restoring!)}
        onCancel={() => setRestoring(null)}
      >
        <p>{t("publish.restoreDetail")}</p>
      </ConfirmDialog>
    </SidePanel>
  );
}

function GatewayUrl({ label, value }: { label: string; value: string }) {
  return (
    <div className="gateway-url">
      <span className="gateway-url__label">{label}</span>
      <code className="gateway-url__value mono">{value}</code>
      <CopyButton value={value} label={label} />
    </div>
  );
}
