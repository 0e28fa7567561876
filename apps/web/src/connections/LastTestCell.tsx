import { useTranslation } from "react-i18next";
import type { ConnectionTestResult } from "@fluxo/contracts";
import { Badge, DateTime } from "../ui/index.js";
import { remoteErrorText, testMessage } from "./ConnectionTestOutcome.js";

export function LastTestCell({ lastTest }: { lastTest: ConnectionTestResult | null }) {
  const { t, i18n } = useTranslation("connections");
  if (!lastTest) return <span className="muted">{t("table.neverTested")}</span>;
  const reason = lastTest.ok ? undefined : (remoteErrorText(lastTest) ?? testMessage(lastTest, i18n.language));
  return (
    <div className="last-test">
      <span className="last-test__line">
        <Badge tone={lastTest.ok ? "success" : "danger"}>{lastTest.ok ? t("test.ok") : t("test.error")}</Badge>
        <span className="muted">
          <DateTime value={lastTest.testedAt} relative />
        </span>
      </span>
      {reason && (
        <code className="last-test__reason" title={reason}>
          {reason}
        </code>
      )}
    </div>
  );
}
