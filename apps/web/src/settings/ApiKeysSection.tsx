import { useEffect, useRef, useState, type FormEvent } from "react";
import { useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import type { ApiKeyCreated } from "@fluxo/contracts";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "../api/auth.js";
import { ApiError } from "../api/http.js";
import { Alert, Badge, Button, CopyButton, DateTime, describeError, ErrorState, LoadingState, TextField, useToast } from "../ui/index.js";

/** Keys for machines: each is shown once, when made; the server keeps only its hash. */
export function ApiKeysSection() {
  const { t } = useTranslation("settings");
  const { t: tc } = useTranslation("common");
  const keys = useApiKeys(true);
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const toast = useToast();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const title = useRef<HTMLHeadingElement>(null);
  const { hash } = useLocation();
  // Reached by a link to this section (the publish panel's "Configurações → Chaves de API"): show it and start there.
  useEffect(() => {
    if (hash !== "#api-keys-title") return;
    title.current?.scrollIntoView({ block: "start" });
    title.current?.focus({ preventScroll: true });
  }, [hash]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name, {
      onSuccess: (key) => {
        setCreated(key);
        setName("");
      },
    });
  };

  return (
    <section className="settings-section" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title" className="settings-section__title" ref={title} tabIndex={-1}>
        {t("apiKeys.title")}
      </h2>
      <p className="settings-section__description">{t("apiKeys.description")}</p>
      <form className="settings-form" onSubmit={submit} noValidate aria-label={t("apiKeys.create")}>
        <div className="settings-form__row">
          <TextField label={t("apiKeys.name")} required value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} />
          <Button type="submit" variant="primary" loading={create.isPending}>
            {t("apiKeys.create")}
          </Button>
        </div>
        {created && (
          <Alert tone="success" title={t("apiKeys.created", { name: created.name })} live>
            <p>{t("apiKeys.shownOnce")}</p>
            <div className="secret-once">
              <code data-testid="api-key">{created.key}</code>
              <CopyButton value={created.key} label={t("apiKeys.copy")} />
            </div>
          </Alert>
        )}
      </form>
      {keys.isPending && <LoadingState />}
      {keys.isError && <ErrorState error={keys.error} compact onRetry={() => void keys.refetch()} />}
      {keys.data && keys.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t("apiKeys.name")}</th>
              <th>{t("apiKeys.key")}</th>
              <th>{t("apiKeys.createdAt")}</th>
              <th>{t("apiKeys.lastUsed")}</th>
              <th>
                <span className="visually-hidden">{t("members.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td className="mono">{key.prefix}…</td>
                <td>
                  <DateTime value={key.createdAt} />
                </td>
                <td>{key.lastUsedAt ? <DateTime value={key.lastUsedAt} /> : t("apiKeys.never")}</td>
                <td className="table__actions">
                  {key.revokedAt ? (
                    <Badge tone="neutral">{t("apiKeys.revoked")}</Badge>
                  ) : (
                    <Button size="sm" variant="danger" onClick={() => revoke.mutate(key.id, { onError: (e) => toast.error(describeError(e, tc)) })}>
                      {t("apiKeys.revoke")}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
