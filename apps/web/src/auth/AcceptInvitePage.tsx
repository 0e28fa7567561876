import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { PASSWORD_MIN_LENGTH, type InvitePreview } from "@fluxo/contracts";
import { useAcceptInvite, useInvitePreview, useJoinWithInvite, useLogin, useSession } from "../api/auth.js";
import { ApiError } from "../api/http.js";
import { Alert, Button, describeError, LoadingState, PasswordField, TextField } from "../ui/index.js";
import { AuthLayout } from "./AuthLayout.js";

/**
 * /convite#<token>: the token rides in the fragment, which browsers never send to the
 * server, so it stays out of access logs and Referer headers. A new e-mail creates its
 * account here; an e-mail that already has one signs in (if not yet) and joins.
 */
export default function AcceptInvitePage() {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation("common");
  const [token] = useState(() => window.location.hash.slice(1));
  const preview = useInvitePreview(token);
  const accept = useAcceptInvite();
  const navigate = useNavigate();
  const [form, setForm] = useState({ name: "", password: "" });
  const fieldErrors = accept.error instanceof ApiError ? accept.error.fieldErrors() : {};

  if (!token) {
    return (
      <AuthLayout title={t("invite.title")}>
        <Alert tone="error">{t("invite.noToken")}</Alert>
      </AuthLayout>
    );
  }
  if (preview.isPending) return <LoadingState />;
  if (preview.isError) {
    const gone = preview.error instanceof ApiError && preview.error.status === 404;
    return (
      <AuthLayout title={t("invite.title")}>
        <Alert tone="error">{gone ? t("invite.gone") : describeError(preview.error, tc)}</Alert>
      </AuthLayout>
    );
  }

  if (preview.data.accountExists) return <JoinWithAccount token={token} invite={preview.data} />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ token, ...form }, { onSuccess: () => void navigate("/fluxos", { replace: true }) });
  };

  return (
    <AuthLayout title={t("invite.title")} description={t("invite.description", { workspace: preview.data.workspace, role: t(`roles.${preview.data.role}`) })}>
      <form className="auth__form" onSubmit={submit} noValidate>
        {accept.isError && Object.keys(fieldErrors).length === 0 && (
          <Alert tone="error" live>
            {describeError(accept.error, tc)}
          </Alert>
        )}
        <TextField label={t("fields.email")} value={preview.data.email} readOnly autoComplete="username" />
        <TextField label={t("fields.name")} required autoComplete="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={fieldErrors.name} />
        <PasswordField
          label={t("fields.password")}
          required
          // The server's message restates the rule: the rule is said once.
          help={fieldErrors.password ? undefined : t("fields.passwordHelp", { count: PASSWORD_MIN_LENGTH })}
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
          error={fieldErrors.password}
        />
        <Button type="submit" variant="primary" loading={accept.isPending}>
          {t("invite.submit")}
        </Button>
      </form>
    </AuthLayout>
  );
}

/** The invited e-mail has an account: sign in as it (unless already) and join the workspace with it. */
function JoinWithAccount({ token, invite }: { token: string; invite: InvitePreview }) {
  const { t } = useTranslation("auth");
  const { t: tc } = useTranslation("common");
  const session = useSession().data;
  const login = useLogin();
  const join = useJoinWithInvite();
  const navigate = useNavigate();
  const [password, setPassword] = useState("");
  const signedInAs = session?.user?.email ?? null;
  const description = t(signedInAs === invite.email ? "invite.joinDescription" : "invite.loginDescription", { workspace: invite.workspace, role: t(`roles.${invite.role}`) });
  const joined = () => void navigate("/fluxos", { replace: true });
  const failure = login.error ?? join.error;

  if (signedInAs !== null && signedInAs !== invite.email) {
    return (
      <AuthLayout title={t("invite.title")} description={description}>
        <Alert tone="error">{t("invite.otherAccount", { email: signedInAs, invited: invite.email })}</Alert>
      </AuthLayout>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signedInAs === invite.email) join.mutate(token, { onSuccess: joined });
    else login.mutate({ email: invite.email, password }, { onSuccess: () => join.mutate(token, { onSuccess: joined }) });
  };

  return (
    <AuthLayout title={t("invite.title")} description={description}>
      <form className="auth__form" onSubmit={submit} noValidate>
        {failure && (
          <Alert tone="error" live>
            {describeError(failure, tc)}
          </Alert>
        )}
        <TextField label={t("fields.email")} value={invite.email} readOnly autoComplete="username" />
        {signedInAs === null && <PasswordField label={t("fields.password")} required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        <Button type="submit" variant="primary" loading={login.isPending || join.isPending}>
          {signedInAs === null ? t("invite.loginAndJoin") : t("invite.join")}
        </Button>
      </form>
    </AuthLayout>
  );
}
