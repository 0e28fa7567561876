import type { FlowVersion } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/http.js";
import { ArrowLeftIcon, Button, ErrorState, Spinner, formatDateTime } from "../../ui/index.js";

export interface VersionBarProps {
  number: number;
  version: FlowVersion | undefined;
  loadError: unknown;
  onRetry(): void;
  onBackToEditing(): void;
}

/** Above the canvas while a published version is shown: which one, who published it and why, and the way back to the draft. */
export function VersionBar({ number, version, loadError, onRetry, onBackToEditing }: VersionBarProps) {
  const { t, i18n } = useTranslation("editor");
  // A version that doesn't exist won't appear by trying again.
  const missing = loadError instanceof ApiError && loadError.status === 404;
  return (
    <div className="execution-bar execution-bar--version" role="status" aria-live="polite" data-testid="version-bar">
      <div className="execution-bar__row">
        <span className="execution-bar__title">{t("versionView.title", { number })}</span>
        {version ? (
          <span className="execution-bar__meta">{t("versionView.published", { when: formatDateTime(version.publishedAt, i18n.language), name: version.publishedBy.name })}</span>
        ) : (
          !loadError && <Spinner />
        )}
        <span className="execution-bar__readonly">{t("versionView.readOnly")}</span>
        <Button size="sm" variant="secondary" icon={<ArrowLeftIcon />} onClick={onBackToEditing} className="execution-bar__back">
          {t("versionView.back")}
        </Button>
      </div>
      {version?.note && <p className="execution-bar__note">{version.note}</p>}
      {loadError !== null && loadError !== undefined && !version && <ErrorState compact error={loadError} title={missing ? t("versionView.missing", { number }) : undefined} onRetry={missing ? undefined : onRetry} />}
    </div>
  );
}
