import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { FlowListItem } from "@fluxo/contracts";
import { useCan } from "../api/auth.js";
import { useDeleteFlow, useDuplicateFlow, useFlows } from "../api/flows.js";
import { ScheduleLine } from "../schedule/ScheduleLine.js";
import {
  Badge,
  Button,
  ConfirmDialog,
  CopyIcon,
  DateTime,
  describeError,
  DownloadIcon,
  EditIcon,
  EmptyState,
  ErrorState,
  FlowIcon,
  IconButton,
  LoadingState,
  PageHeader,
  PlusIcon,
  StatusBadge,
  TrashIcon,
  UploadIcon,
  useToast,
} from "../ui/index.js";
import { CreateFlowDialog } from "./CreateFlowDialog.js";
import { ImportFlowDialog } from "./ImportFlowDialog.js";
import { RenameFlowDialog } from "./RenameFlowDialog.js";
import { useDownloadFlow } from "./useDownloadFlow.js";
import "./flows.css";

export default function FlowsPage() {
  const { t } = useTranslation("flows");
  const flows = useFlows();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [renaming, setRenaming] = useState<FlowListItem | null>(null);
  const [deleting, setDeleting] = useState<FlowListItem | null>(null);

  // Viewers read (and export) flows; creating, importing, renaming, duplicating and deleting need a member or above.
  const canEdit = useCan().editFlows;
  const newButton = canEdit ? (
    <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
      {t("page.new")}
    </Button>
  ) : undefined;
  const importButton = canEdit ? (
    <Button variant="secondary" icon={<UploadIcon />} onClick={() => setImporting(true)}>
      {t("page.import")}
    </Button>
  ) : undefined;
  const actions = canEdit ? (
    <>
      {importButton}
      {newButton}
    </>
  ) : undefined;

  return (
    <div className="page">
      <PageHeader title={t("page.title")} description={t("page.description")} actions={actions} />
      {flows.isPending ? (
        <LoadingState label={t("page.loading")} />
      ) : flows.isError ? (
        <ErrorState title={t("page.loadFailed")} error={flows.error} onRetry={() => void flows.refetch()} />
      ) : flows.data.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<FlowIcon className="state__icon" />}
            title={t("page.emptyTitle")}
            description={t("page.emptyDescription")}
            action={actions && <div className="state__actions">{actions}</div>}
          />
        </div>
      ) : (
        <FlowsTable flows={flows.data} editable={canEdit} onRename={setRenaming} onDelete={setDeleting} />
      )}
      <CreateFlowDialog open={creating} onClose={() => setCreating(false)} />
      <ImportFlowDialog open={importing} onClose={() => setImporting(false)} />
      <RenameFlowDialog flow={renaming} onClose={() => setRenaming(null)} />
      <DeleteFlowDialog flow={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

function FlowsTable({ flows, editable, onRename, onDelete }: { flows: FlowListItem[]; editable: boolean; onRename: (flow: FlowListItem) => void; onDelete: (flow: FlowListItem) => void }) {
  const { t } = useTranslation("flows");
  return (
    <div className="card">
      <table className="table">
        <caption className="visually-hidden">{t("page.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.name")}</th>
            <th scope="col">{t("table.steps")}</th>
            <th scope="col">{t("table.publication")}</th>
            <th scope="col">{t("table.lastExecution")}</th>
            <th scope="col">{t("table.updated")}</th>
            <th scope="col" className="table__actions">
              <span className="visually-hidden">{t("table.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {flows.map((flow) => (
            <FlowRow key={flow.id} flow={flow} editable={editable} onRename={() => onRename(flow)} onDelete={() => onDelete(flow)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FlowRow({ flow, editable, onRename, onDelete }: { flow: FlowListItem; editable: boolean; onRename: () => void; onDelete: () => void }) {
  const { t } = useTranslation("flows");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const duplicate = useDuplicateFlow();
  const exporter = useDownloadFlow();
  const last = flow.lastExecution;

  const runDuplicate = () =>
    duplicate.mutate(flow.id, {
      onSuccess: (copy) => toast.success(t("duplicate.done", { name: copy.name })),
      onError: (error) => toast.error(describeError(error, tc)),
    });

  return (
    <tr>
      <td>
        <Link className="table__primary" to={`/fluxos/${encodeURIComponent(flow.id)}`}>
          {flow.name}
        </Link>
        {flow.description && <p className="table__secondary">{flow.description}</p>}
      </td>
      <td className="muted">{t("table.stepCount", { count: flow.stepCount })}</td>
      <td data-testid="flow-publication">
        <PublicationState flow={flow} />
        {flow.schedule && <ScheduleLine schedule={flow.schedule} />}
      </td>
      <td>
        {last ? (
          <span className="last-execution">
            <StatusBadge status={last.status} />
            <span className="muted">
              <DateTime value={last.finishedAt ?? last.startedAt ?? last.createdAt} relative />
            </span>
          </span>
        ) : (
          <span className="muted">{t("table.neverRun")}</span>
        )}
      </td>
      <td className="muted">
        <DateTime value={flow.updatedAt} relative />
      </td>
      <td className="table__actions">
        <IconButton
          label={t("table.exportNamed", { name: flow.name })}
          icon={<DownloadIcon />}
          onClick={() => exporter.download(flow.id)}
          disabled={exporter.pending}
          aria-busy={exporter.pending || undefined}
        />
        {editable && (
          <>
            <IconButton label={t("table.renameNamed", { name: flow.name })} icon={<EditIcon />} onClick={onRename} />
            <IconButton
              label={t("table.duplicateNamed", { name: flow.name })}
              icon={<CopyIcon />}
              onClick={runDuplicate}
              disabled={duplicate.isPending}
              aria-busy={duplicate.isPending || undefined}
            />
            <IconButton label={t("table.deleteNamed", { name: flow.name })} icon={<TrashIcon />} variant="danger" onClick={onDelete} />
          </>
        )}
      </td>
    </tr>
  );
}

/** "v2", or "Nunca publicado"; and "Alterações não publicadas" when the draft differs from the latest version. */
function PublicationState({ flow }: { flow: FlowListItem }) {
  const { t } = useTranslation("flows");
  if (flow.publishedVersion === null) return <span className="muted">{t("table.neverPublished")}</span>;
  return (
    <span className="flow-publication">
      <Badge tone="info">{t("table.publishedVersion", { number: flow.publishedVersion })}</Badge>
      {flow.hasUnpublishedChanges && <Badge tone="warning">{t("table.unpublishedChanges")}</Badge>}
    </span>
  );
}

function DeleteFlowDialog({ flow, onClose }: { flow: FlowListItem | null; onClose: () => void }) {
  const { t } = useTranslation("flows");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const remove = useDeleteFlow();
  if (!flow) return null;

  const confirm = () =>
    remove.mutate(flow.id, {
      onSuccess: () => {
        toast.success(t("delete.done", { name: flow.name }));
        onClose();
      },
      onError: (error) => toast.error(describeError(error, tc)),
    });

  return (
    <ConfirmDialog open danger title={t("delete.title")} confirmLabel={tc("actions.delete")} busy={remove.isPending} onConfirm={confirm} onCancel={onClose}>
      <p>{t("delete.message", { name: flow.name })}</p>
    </ConfirmDialog>
  );
}
