import { NavLink, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useLogout, useSession } from "../api/auth.js";
import { Button } from "../ui/index.js";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher.js";

/** Who is signed in, in which workspace (a switcher), with their role, the settings link, the API reference and "Sair". Renders nothing outside a session (the route error page). */
export function AccountMenu() {
  const { t } = useTranslation("auth");
  const session = useSession().data;
  const logout = useLogout();
  const navigate = useNavigate();
  if (!session?.user || !session.role) return null;
  return (
    <div className="account-menu" aria-label={t("menu.account", { name: session.user.name })} role="group">
      <WorkspaceSwitcher />
      <NavLink to="/configuracoes" className="topbar__link">
        {t("menu.settings")}
      </NavLink>
      {/* Served by the API itself (not a route of this app), for whoever integrates with it. */}
      <a href="/api/docs" className="topbar__link" target="_blank" rel="noopener">
        {t("menu.apiDocs")}
      </a>
      <span className="account-menu__who">
        <span className="account-menu__name">{session.user.name}</span>
        <span className="account-menu__role">{t(`roles.${session.role}`)}</span>
      </span>
      <Button size="sm" variant="ghost" loading={logout.isPending} onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate("/entrar", { replace: true }) })}>
        {t("menu.logout")}
      </Button>
    </div>
  );
}
