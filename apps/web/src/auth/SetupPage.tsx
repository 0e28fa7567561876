import { useState, type FormEvent } from "react";
import { Navigate, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PASSWORD_MIN_LENGTH } from "@fluxo/contracts";
import { useSession, useSetup } from "../api/auth.js";
import { ApiError } from "../api/http.js";
import { Alert, Button, describeError, LoadingState, PasswordField, TextField } from "../ui/index.js";
import { AuthLayout } from "./AuthLayout.js";

/** First start: the owner account, in the workspace that holds everything made so far. */
export default function SetupPage() {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation("common");
  const session = useSession();
  const setup = useSetup();
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: "", name: "", password: "" });
  const fieldErrors = setup.error instanceof ApiError ? setup.error.fieldErrors() : {};

  if (session.isPending) return <LoadingState />;
  if (session.data && !session.data.setupRequired) return <Navigate to={session.data.user ? "/fluxos" : "/entrar"} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate(form, { onSuccess: () => void navigate("/fluxos", { replace: true }) });
  };
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  return (
    <AuthLayout title={t("setup.title")} description={t("setup.description")}>
      <form className="auth__form" onSubmit={submit} noValidate>
        {setup.isError && Object.keys(fieldErrors).length === 0 && (
          <Alert tone="error" live>
            {describeError(setup.error, tc)}
          </Alert>
        )}
        <TextField label={t("fields.name")} required autoComplete="name" value={form.name} onChange={set("name")} error={fieldErrors.name} />
        <TextField label={t("fields.email")} required type="email" autoComplete="username" value={form.email} onChange={set("email")} error={fieldErrors.email} />
        <PasswordField
          label={t("fields.password")}
          required
          // The server's message restates the rule: the rule is said once.
          help={fieldErrors.password ? undefined : t("fields.passwordHelp", { count: PASSWORD_MIN_LENGTH })}
          value={form.password}
          onChange={set("password")}
          error={fieldErrors.password}
        />
        <Button type="submit" variant="primary" loading={setup.isPending}>
          {t("setup.submit")}
        </Button>
      </form>
    </AuthLayout>
  );
}
