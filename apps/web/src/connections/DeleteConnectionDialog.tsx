import { useEffect, useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import type { Connection } from "@fluxo/contracts";
import { useDeleteConnection } from "../api/connections.js";
import { ApiError } from "../api/http.js";
import { Alert, ConfirmDialog, describeError, useToast } from "../ui/index.js";

type FlowRef = { id: string; name: string };

function usedByFrom(error: unknown): FlowRef[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const usedBy = error.problem.usedBy;
  return Array.isArray(usedBy) ? (usedBy as FlowRef[]) : [];
}

/**
 * Confirms a deletion. A connection that flows use gets a warning naming them, and the
 * delete is then forced; if the server finds users the list didn't know of (409), the
 * dialog names them and asks again.
 */
export function DeleteConnectionDialog({ connection, onClose }: { connection: Connection | null; onClose: () => void }) {
  const { t } = useTranslation("connections");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const remove = useDeleteConnection();
  const [usedBy, setUsedBy] = useState<FlowRef[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setUsedBy(connection?.usedBy ?? []);
    setError(null);
  }, [connection]);

  if (!connection) return null;
  const inUse = usedBy.length > 0;

  const confirm = () => {
    setError(null);
    remove.mutate(
      { id: connection.id, force: inUse },
      {
        onSuccess: () => {
          toast.success(t("delete.done", { name: connection.name }));
          onClose();
        },
        onError: (cause) => {
          const users = usedByFrom(cause);
          if (users) setUsedBy(users);
          else setError(describeError(cause, tc));
        },
      },
    );
  };

  return (
    <ConfirmDialog
      open
      danger
      title={t("delete.title")}
      confirmLabel={inUse ? t("delete.confirmForce") : tc("actions.delete")}
      busy={remove.isPending}
      onConfirm={confirm}
      onCancel={onClose}
    >
      <p>{t("delete.message", { name: connection.name })}</p>
      {inUse && (
        <Alert tone="warning" title={t("delete.inUse", { count: usedBy.length })}>
          <ul className="used-by">
            {usedBy.map((flow) => (
              <li key={flow.id}>
                <Link to={`/fluxos/${encodeURIComponent(flow.id)}`}>{flow.name}</Link>
              </li>
            ))}
          </ul>
          <span>{t("delete.inUseHint")}</span>
        </Alert>
      )}
      {error && (
        <Alert tone="error" live>
          {error}
        </Alert>
      )}
    </ConfirmDialog>
  );
}
