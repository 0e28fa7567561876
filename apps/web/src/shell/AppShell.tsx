import { useEffect } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { FlowIcon, HistoryIcon, PlugIcon } from "../ui/index.js";
import { AccountMenu } from "./AccountMenu.js";
import { LanguageSelect } from "./LanguageSelect.js";
import { ServerBanner } from "./ServerBanner.js";

export function AppShell() {
  return (
    <ShellFrame>
      <Outlet />
    </ShellFrame>
  );
}

/** Top bar, server banner and the main area; also frames the route error page. */
export function ShellFrame({ children }: { children: React.ReactNode }) {
  const { t, i18n } = useTranslation("common");
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="topbar">
        <Link to="/fluxos" className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            <FlowIcon />
          </span>
          {t("appName")}
        </Link>
        <nav className="topbar__nav" aria-label={t("shell.mainNav")}>
          <NavLink to="/fluxos" className="topbar__link">
            <FlowIcon />
            {t("shell.flows")}
          </NavLink>
          <NavLink to="/execucoes" className="topbar__link">
            <HistoryIcon />
            {t("shell.executions")}
          </NavLink>
          <NavLink to="/conexoes" className="topbar__link">
            <PlugIcon />
            {t("shell.connections")}
          </NavLink>
        </nav>
        <div className="topbar__end">
          <LanguageSelect />
          <AccountMenu />
        </div>
      </header>
      <ServerBanner />
      <main id="main" className="app__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
