import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSelect } from "../shell/LanguageSelect.js";
import { FlowIcon } from "../ui/index.js";
import "./auth.css";

/** The frame of the screens before signing in: a centred card with the brand. */
export function AuthLayout({ title, description, children }: { title: string; description?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation("common");
  return (
    <main className="auth" id="main">
      <div className="auth__card">
        <p className="auth__brand">
          <span className="topbar__logo" aria-hidden="true">
            <FlowIcon />
          </span>
          {t("appName")}
        </p>
        <h1 className="auth__title">{title}</h1>
        {description && <p className="auth__description">{description}</p>}
        {children}
      </div>
      <div className="auth__language">
        <LanguageSelect />
      </div>
    </main>
  );
}
