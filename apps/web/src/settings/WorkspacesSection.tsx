import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useCreateWorkspace, useSession } from "../api/auth.js";
import { ApiError } from "../api/http.js";
import { Alert, Button, describeError, TextField } from "../ui/index.js";

/** The person's workspaces and a new one of their own (they become its owner and move into it). */
export function WorkspacesSection() {
  const { t } = useTranslation("settings");
  const { t: tr } = useTranslation("auth");
  const { t: tc } = useTranslation("common");
  const session = useSession().data;
  const create = useCreateWorkspace();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name, { onSuccess: () => void navigate("/fluxos") });
  };

  return (
    <section className="settings-section" aria-labelledby="workspaces-title">
      <h2 id="workspaces-title" className="settings-section__title">
        {t("workspaces.title")}
      </h2>
      <p className="settings-section__description">{t("workspaces.description")}</p>
      <ul className="settings-workspaces">
        {session?.workspaces.map((workspace) => (
          <li key={workspace.id}>
            {workspace.name} — {tr(`roles.${workspace.role}`)}
            {workspace.id === session.workspace?.id && ` (${t("workspaces.current")})`}
          </li>
        ))}
      </ul>
      <form className="settings-form" onSubmit={submit} noValidate aria-label={t("workspaces.create")}>
        {create.isError && Object.keys(fieldErrors).length === 0 && (
          <Alert tone="error" live>
            {describeError(create.error, tc)}
          </Alert>
        )}
        <div className="settings-form__row">
          <TextField label={t("workspaces.name")} required value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} />
          <Button type="submit" variant="primary" loading={create.isPending}>
            {t("workspaces.create")}
          </Button>
        </div>
      </form>
    </section>
  );
}
