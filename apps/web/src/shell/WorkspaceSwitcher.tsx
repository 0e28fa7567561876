import { useId } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useSession, useSwitchWorkspace } from "../api/auth.js";

/** The session's current workspace, and the others the person belongs to; switching lands on the flow list. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation("auth");
  const id = useId();
  const session = useSession().data;
  const switchTo = useSwitchWorkspace();
  const navigate = useNavigate();
  if (!session?.workspace) return null;
  return (
    <div className="workspace-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t("menu.workspace")}
      </label>
      <select
        id={id}
        className="input workspace-switcher__control"
        value={session.workspace.id}
        disabled={switchTo.isPending}
        onChange={(event) => switchTo.mutate(event.target.value, { onSuccess: () => void navigate("/fluxos") })}
      >
        {session.workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
    </div>
  );
}
