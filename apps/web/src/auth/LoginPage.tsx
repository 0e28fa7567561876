import { useState, type FormEvent } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useLogin, useSession } from "../api/auth.js";
import { Alert, Button, describeError, LoadingState, PasswordField, TextField } from "../ui/index.js";
import { AuthLayout } from "./AuthLayout.js";

export default function LoginPage() {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation("common");
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? "/fluxos";
  const [form, setForm] = useState({ email: "", password: "" });

  if (session.isPending) return <LoadingState />;
  if (session.data?.setupRequired) return <Navigate to="/configurar" replace />;
  if (session.data?.user) return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(form, { onSuccess: () => void navigate(from, { replace: true }) });
  };

  return (
    <AuthLayout title={t("login.title")}>
      <form className="auth__form" onSubmit={submit} noValidate>
        {login.isError && (
          <Alert tone="error" live>
            {describeError(login.error, tc)}
          </Alert>
        )}
        <TextField label={t("fields.email")} required type="email" autoComplete="username" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <PasswordField label={t("fields.password")} required autoComplete="current-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <Button type="submit" variant="primary" loading={login.isPending}>
          {t("login.submit")}
        </Button>
      </form>
    </AuthLayout>
  );
}
