import type { HttpExchangeSummary } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { formatDuration } from "../ui/index.js";
import { HttpExchangeView, HttpStatusBadge } from "./HttpExchangeView.js";

/**
 * The HTTP exchanges of one attempt. One is shown as it is; several (a token then the API,
 * or each page) are listed in order, each under its label and collapsible, the last open.
 */
export function HttpExchangeList({ exchanges }: { exchanges: readonly HttpExchangeSummary[] }) {
  const { t, i18n } = useTranslation("executions");
  if (exchanges.length === 1) return <HttpExchangeView http={exchanges[0]!} />;
  return (
    <ol className="http-exchanges">
      {exchanges.map((exchange, index) => (
        <li key={index}>
          <details className="http-exchanges__item" open={index === exchanges.length - 1 || undefined}>
            <summary className="http-exchanges__summary">
              <span className="http-exchanges__label">{exchange.label ?? t("http.exchange", { n: index + 1 })}</span>
              <span className="http-exchange__method">{exchange.method}</span>
              <HttpStatusBadge status={exchange.status} />
              <span className="muted">{formatDuration(exchange.durationMs, i18n.language)}</span>
            </summary>
            <HttpExchangeView http={exchange} />
          </details>
        </li>
      ))}
    </ol>
  );
}
