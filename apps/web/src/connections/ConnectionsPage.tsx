import { useState } from "react";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import type { Connection, ConnectorMeta } from "@fluxo/contracts";
import { useConnectors } from "../api/connectors.js";
import { useConnections, useTestConnection } from "../api/connections.js";
import {
  Alert,
  Button,
  describeError,
  EditIcon,
  EmptyState,
  ErrorState,
  IconButton,
  LoadingState,
  PageHeader,
  PlayIcon,
  PlugIcon,
  PlusIcon,
  TrashIcon,
  useToast,
} from "../ui/index.js";
import { ConnectionFormDialog } from "./ConnectionFormDialog.js";
import { ConnectorIcon } from "./ConnectorIcon.js";
import { DeleteConnectionDialog } from "./DeleteConnectionDialog.js";
import { LastTestCell } from "./LastTestCell.js";
import { ConsentBadge } from "./ConsentBadge.js";
import type { OAuthOutcome } from "./OAuthConnectPanel.js";
import { connectionTestTopic, remoteErrorText, testMessage } from "./ConnectionTestOutcome.js";
import { useCan } from "../api/auth.js";

type FormState = { open: false } | { open: true; connectionId?: string; oauthOutcome?: OAuthOutcome | null };

/** Back from "Conectar com o BTG" (…/conexoes?conexao=<id>&oauth=<result>[&motivo=…]): that connection, open, saying how it went. */
function useOAuthReturn(): { connectionId: string | null; outcome: OAuthOutcome | null } {
  const [params] = useSearchParams();
  const result = params.get("oauth");
  return { connectionId: params.get("conexao"), outcome: result ? { result, reason: params.get("motivo") } : null };
}

export default function ConnectionsPage() {
  const { t } = useTranslation("connections");
  const connections = useConnections();
  const connectors = useConnectors();
  const oauthReturn = useOAuthReturn();
  const [form, setForm] = useState<FormState>(() =>
    oauthReturn.outcome && oauthReturn.connectionId ? { open: true, connectionId: oauthReturn.connectionId, oauthOutcome: oauthReturn.outcome } : { open: false },
  );
  const [, setParams] = useSearchParams();
  const closeForm = () => {
    setForm({ open: false });
    // The outcome was said: a reload must not say it again.
    if (oauthReturn.outcome) setParams({}, { replace: true });
  };
  const [deleting, setDeleting] = useState<Connection | null>(null);

  // Only owners and admins manage connections; others see the list (the server decides either way).
  const canManage = useCan().manageConnections;
  const openCreate = () => setForm({ open: true });
  const newButton = canManage ? (
    <Button variant="primary" icon={<PlusIcon />} onClick={openCreate}>
      {t("page.new")}
    </Button>
  ) : undefined;

  return (
    <div className="page">
      <PageHeader
        title={t("page.title")}
        description={canManage ? t("page.description") : t("page.readOnlyDescription")}
        actions={newButton}
      />
      {connections.isPending ? (
        <LoadingState label={t("page.loading")} />
      ) : connections.isError ? (
        <ErrorState title={t("page.loadFailed")} error={connections.error} onRetry={() => void connections.refetch()} />
      ) : connections.data.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<PlugIcon className="state__icon" />}
            title={t("page.emptyTitle")}
            description={t("page.emptyDescription")}
            action={newButton}
          />
        </div>
      ) : (
        <ConnectionsTable
          connections={connections.data}
          connectors={connectors.data ?? []}
          onEdit={canManage ? (connection) => setForm({ open: true, connectionId: connection.id }) : undefined}
          onDelete={canManage ? setDeleting : undefined}
        />
      )}
      <ConnectionFormDialog
        open={form.open}
        connectionId={form.open ? form.connectionId : undefined}
        onClose={closeForm}
        onSaved={() => undefined}
        oauthOutcome={form.open ? form.oauthOutcome : null}
      />
      {oauthReturn.outcome && !oauthReturn.connectionId && (
        <Alert tone="error" live>
          {t(`oauth.outcome.${oauthReturn.outcome.result}`, { defaultValue: t("oauth.outcome.unknown_state") })}
        </Alert>
      )}
      <DeleteConnectionDialog connection={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

interface ConnectionsTableProps {
  connections: Connection[];
  connectors: ConnectorMeta[];
  /** Absent for people who may only read connections. */
  onEdit?: (connection: Connection) => void;
  onDelete?: (connection: Connection) => void;
}

function ConnectionsTable({ connections, connectors, onEdit, onDelete }: ConnectionsTableProps) {
  const { t } = useTranslation("connections");
  return (
    <div className="card">
      <table className="table">
        <caption className="visually-hidden">{t("page.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("table.name")}</th>
            <th scope="col">{t("table.connector")}</th>
            <th scope="col">{t("table.usedBy")}</th>
            <th scope="col">{t("table.lastTest")}</th>
            <th scope="col" className="table__actions">
              <span className="visually-hidden">{t("table.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {connections.map((connection) => (
            <ConnectionRow
              key={connection.id}
              connection={connection}
              connector={connectors.find((c) => c.key === connection.connector)}
              onEdit={onEdit && (() => onEdit(connection))}
              onDelete={onDelete && (() => onDelete(connection))}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ConnectionRow({ connection, connector, onEdit, onDelete }: { connection: Connection; connector: ConnectorMeta | undefined; onEdit?: () => void; onDelete?: () => void }) {
  const { t, i18n } = useTranslation("connections");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const test = useTestConnection();

  const aboutTest = { about: connectionTestTopic(connection.id) };
  const runTest = () =>
    test.mutate(connection.id, {
      onSuccess: (result) =>
        result.ok
          ? toast.success(t("test.toastOk", { name: connection.name }), aboutTest)
          : toast.error(t("test.toastFailed", { name: connection.name, reason: remoteErrorText(result) ?? testMessage(result, i18n.language) }), aboutTest),
      onError: (error) => toast.error(describeError(error, tc), aboutTest),
    });

  return (
    <tr>
      <td>
        {onEdit ? (
          <button type="button" className="link-button table__primary" onClick={onEdit}>
            {connection.name}
          </button>
        ) : (
          <span className="table__primary">{connection.name}</span>
        )}
        {connection.description && <p className="table__secondary">{connection.description}</p>}
      </td>
      <td>
        <span className="connector-label">
          <ConnectorIcon connector={connector} />
          {connector?.name ?? connection.connector}
        </span>
        {connection.authorization && <ConsentBadge authorization={connection.authorization} />}
      </td>
      <td className="muted" title={connection.usedBy.map((flow) => flow.name).join(", ") || undefined}>
        {t("table.flowCount", { count: connection.usedBy.length })}
      </td>
      <td>
        <LastTestCell lastTest={connection.lastTest} />
      </td>
      <td className="table__actions">
        {onEdit && onDelete && (
          <>
            <Button size="sm" variant="ghost" icon={<PlayIcon />} loading={test.isPending} onClick={runTest} aria-label={t("table.testNamed", { name: connection.name })}>
              {t("table.test")}
            </Button>
            <IconButton label={t("table.editNamed", { name: connection.name })} icon={<EditIcon />} onClick={onEdit} />
            <IconButton label={t("table.deleteNamed", { name: connection.name })} icon={<TrashIcon />} variant="danger" onClick={onDelete} />
          </>
        )}
      </td>
    </tr>
  );
}
