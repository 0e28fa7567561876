import { useTranslation } from "react-i18next";
import type { ConnectionTestResult } from "@fluxo/contracts";
import { Alert, formatDuration } from "../ui/index.js";

/** "invalid_client — Client authentication failed": the remote service's own words, when it gave them. */
export function remoteErrorText(result: ConnectionTestResult): string | undefined {
  const { code, description } = result.error ?? {};
  if (code && description) return `${code} — ${description}`;
  return code ?? description;
}

export function ConnectionTestOutcome({ result }: { result: ConnectionTestResult }) {
  const { t, i18n } = useTranslation("connections");
  const duration = formatDuration(result.durationMs, i18n.language);
  if (result.ok) {
    return (
      <Alert tone="success" title={t("test.succeeded")} live>
        <span>
          {result.message} <span className="muted">({duration})</span>
        </span>
      </Alert>
    );
  }
  const remote = remoteErrorText(result);
  return (
    <Alert tone="error" title={t("test.failed")} live>
      {remote && <code className="test-outcome__code">{remote}</code>}
      <span>
        {result.message}
        {result.error?.status ? ` · HTTP ${result.error.status}` : ""} <span className="muted">({duration})</span>
      </span>
    </Alert>
  );
}
