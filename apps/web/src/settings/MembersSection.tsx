import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type InviteCreated, type Role } from "@fluxo/contracts";
import { useCan, useCreateInvite, useInvites, useMembers, useRemoveMember, useRevokeInvite, useSession, useUpdateMember } from "../api/auth.js";
import { ApiError } from "../api/http.js";
import { Alert, Button, CopyButton, DateTime, describeError, ErrorState, IconButton, LoadingState, Select, TextField, TrashIcon, useToast } from "../ui/index.js";

export function MembersSection() {
  const { t } = useTranslation("settings");
  const { t: tc } = useTranslation("common");
  const can = useCan();
  const me = useSession().data?.user?.id;
  const members = useMembers();
  const invites = useInvites(can.manageWorkspace);
  const updateMember = useUpdateMember();
  const removeMember = useRemoveMember();
  const revokeInvite = useRevokeInvite();
  const toast = useToast();
  const roleOptions = (current: Role) => ROLES.filter((r) => can.grantOwner || (r !== "owner" && current !== "owner") || r === current).map((r) => ({ value: r, label: t(`roles.${r}`) }));
  const failed = (error: unknown) => toast.error(describeError(error, tc));

  return (
    <section className="settings-section" aria-labelledby="members-title">
      <h2 id="members-title" className="settings-section__title">
        {t("members.title")}
      </h2>
      {members.isPending && <LoadingState />}
      {members.isError && <ErrorState error={members.error} compact onRetry={() => void members.refetch()} />}
      {members.data && (
        <table className="table">
          <thead>
            <tr>
              <th>{t("members.name")}</th>
              <th>{t("members.email")}</th>
              <th>{t("members.role")}</th>
              <th>
                <span className="visually-hidden">{t("members.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.data.map((member) => (
              <tr key={member.userId}>
                <td>{member.name}</td>
                <td>{member.email}</td>
                <td>
                  {can.manageWorkspace && member.userId !== me ? (
                    <Select
                      label={t("members.roleOf", { name: member.name })}
                      className="settings__inline-field"
                      value={member.role}
                      options={roleOptions(member.role)}
                      onChange={(e) => updateMember.mutate({ userId: member.userId, role: e.target.value as Role }, { onError: failed })}
                    />
                  ) : (
                    t(`roles.${member.role}`)
                  )}
                </td>
                <td className="table__actions">
                  {can.manageWorkspace && member.userId !== me && (
                    <IconButton size="sm" label={t("members.remove", { name: member.name })} icon={<TrashIcon />} onClick={() => removeMember.mutate(member.userId, { onError: failed })} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {can.manageWorkspace && (
        <>
          <InviteForm />
          {invites.data && invites.data.length > 0 && (
            <>
              <h3 className="settings-section__subtitle">{t("invites.pending")}</h3>
              <ul className="settings-list">
                {invites.data.map((invite) => (
                  <li key={invite.id}>
                    <span>
                      {invite.email} · {t(`roles.${invite.role}`)} · {t("invites.expires")} <DateTime value={invite.expiresAt} />
                    </span>
                    <Button size="sm" variant="ghost" onClick={() => revokeInvite.mutate(invite.id, { onError: failed })}>
                      {t("invites.cancel")}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function InviteForm() {
  const { t } = useTranslation("settings");
  const { t: tc } = useTranslation("common");
  const create = useCreateInvite();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<"admin" | "member" | "viewer">("member");
  const [created, setCreated] = useState<InviteCreated | null>(null);
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { email, role },
      {
        onSuccess: (invite) => {
          setCreated(invite);
          setEmail("");
        },
      },
    );
  };
  const link = created ? `${window.location.origin}/convite#${created.token}` : "";

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label={t("invites.title")}>
      <h3 className="settings-section__subtitle">{t("invites.title")}</h3>
      <div className="settings-form__row">
        <TextField label={t("members.email")} type="email" required value={email} onChange={(e) => setEmail(e.target.value)} error={fieldErrors.email} />
        <Select
          label={t("members.role")}
          value={role}
          options={(["admin", "member", "viewer"] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          onChange={(e) => setRole(e.target.value as typeof role)}
        />
        <Button type="submit" variant="primary" loading={create.isPending}>
          {t("invites.create")}
        </Button>
      </div>
      {create.isError && Object.keys(fieldErrors).length === 0 && <Alert tone="error">{describeError(create.error, tc)}</Alert>}
      {created && (
        <Alert tone="success" title={t("invites.created", { email: created.email })} live>
          <p>{t("invites.shownOnce")}</p>
          <div className="secret-once">
            <code data-testid="invite-link">{link}</code>
            <CopyButton value={link} label={t("invites.copy")} />
          </div>
        </Alert>
      )}
    </form>
  );
}
