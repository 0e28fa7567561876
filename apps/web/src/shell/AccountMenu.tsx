import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { NavLink, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useLogout, useSession } from "../api/auth.js";
import { Button, ChevronDownIcon } from "../ui/index.js";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher.js";

/**
 * The workspace switcher, then who is signed in with their role: a button that opens the
 * settings link, the API reference and "Sair" (a disclosure, so the top bar fits from 980 px:
 * Tab walks its links, Esc closes it and gives the focus back). Renders nothing outside a
 * session (the route error page).
 */
export function AccountMenu() {
  const { t } = useTranslation("auth");
  const session = useSession().data;
  const logout = useLogout();
  const navigate = useNavigate();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  // Following one of its links closes it.
  useEffect(() => setOpen(false), [pathname]);
  if (!session?.user || !session.role) return null;

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };
  // Tabbing (or clicking) out of the menu closes it, as a disclosure left behind would cover the page.
  const closeOnFocusOut = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
  };

  return (
    <div className="account-menu" aria-label={t("menu.account", { name: session.user.name })} role="group">
      <WorkspaceSwitcher />
      <div className="account-menu__disclosure" onKeyDown={closeOnEscape} onBlur={closeOnFocusOut}>
        <button ref={toggle} type="button" className="account-menu__toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
          <span className="account-menu__who">
            <span className="account-menu__name">{session.user.name}</span>
            <span className="account-menu__role">{t(`roles.${session.role}`)}</span>
          </span>
          <ChevronDownIcon />
        </button>
        <ul id={listId} className="account-menu__list" hidden={!open}>
          <li>
            <NavLink to="/configuracoes" className="account-menu__item">
              {t("menu.settings")}
            </NavLink>
          </li>
          <li>
            {/* Served by the API itself (not a route of this app), for whoever integrates with it. */}
            <a href="/api/docs" className="account-menu__item" target="_blank" rel="noopener">
              {t("menu.apiDocs")}
            </a>
          </li>
          <li>
            <Button
              size="sm"
              variant="ghost"
              className="account-menu__item"
              loading={logout.isPending}
              onClick={() => logout.mutate(undefined, { onSuccess: () => void navigate("/entrar", { replace: true }) })}
            >
              {t("menu.logout")}
            </Button>
          </li>
        </ul>
      </div>
    </div>
  );
}
