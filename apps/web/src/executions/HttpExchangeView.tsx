import type { HttpExchangeSummary } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { Badge, formatBytes, formatDuration } from "../ui/index.js";
import { HeaderTable } from "./HeaderTable.js";

/**
 * One HTTP exchange of a step: the request (method, URL, headers sent) and the answer
 * (status, size, time, headers received). The server has already masked secrets in the
 * URL and headers.
 */
export function HttpExchangeView({ http }: { http: HttpExchangeSummary }) {
  const { t, i18n } = useTranslation("executions");
  return (
    <div className="http-exchange">
      <section className="http-exchange__part" aria-label={t("http.request")}>
        <h4 className="http-exchange__heading">{t("http.request")}</h4>
        <p className="http-exchange__line">
          <span className="http-exchange__method">{http.method}</span>
          <span className="http-exchange__url mono">{http.url}</span>
        </p>
        <HeaderTable title={t("http.requestHeaders")} headers={http.requestHeaders} />
      </section>
      <section className="http-exchange__part" aria-label={t("http.response")}>
        <h4 className="http-exchange__heading">{t("http.response")}</h4>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t("http.status")}</dt>
            <dd>
              <HttpStatusBadge status={http.status} />
            </dd>
          </div>
          {http.responseBytes !== undefined && (
            <div className="facts__row">
              <dt>{t("http.size")}</dt>
              <dd>{formatBytes(http.responseBytes, i18n.language)}</dd>
            </div>
          )}
          <div className="facts__row">
            <dt>{t("http.duration")}</dt>
            <dd>{formatDuration(http.durationMs, i18n.language)}</dd>
          </div>
        </dl>
        <HeaderTable title={t("http.responseHeaders")} headers={http.responseHeaders} />
      </section>
    </div>
  );
}

/** "HTTP 200" in green, 4xx/5xx in red, "Sem resposta" when none came. */
export function HttpStatusBadge({ status }: { status: number | null }) {
  const { t } = useTranslation("executions");
  if (status === null) return <Badge tone="danger">{t("http.noAnswer")}</Badge>;
  return <Badge tone={status < 400 ? "success" : "danger"}>HTTP {status}</Badge>;
}
