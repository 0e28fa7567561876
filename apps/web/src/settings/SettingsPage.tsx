import { useTranslation } from "react-i18next";
import { useCan } from "../api/auth.js";
import { PageHeader } from "../ui/index.js";
import { ApiKeysSection } from "./ApiKeysSection.js";
import { MembersSection } from "./MembersSection.js";
import { WorkspacesSection } from "./WorkspacesSection.js";
import "./settings.css";

export default function SettingsPage() {
  const { t } = useTranslation("settings");
  const can = useCan();
  return (
    <div className="page">
      <PageHeader title={t("title")} description={t("description")} />
      <MembersSection />
      {can.manageWorkspace && <ApiKeysSection />}
      <WorkspacesSection />
    </div>
  );
}
