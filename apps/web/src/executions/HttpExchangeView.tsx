import type { HttpExchangeSummary } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { Badge, formatDuration } from "../ui/index.js";

/** The request the step made and the answer's status, headers already redacted by the server. */
export function HttpExchangeView({ http }: { http: HttpExchangeSummary }) {
  const { t, i18n } = useTranslation("executions");
  const ok = http.status !== null && http.status < 400;
  return (
    <div className="http-exchange">
      <p className="http-exchange__line">
        <span className="http-exchange__method">{http.method}</span>
        <span className="http-exchange__url mono">{http.url}</span>
      </p>
      <p className="http-exchange__line">
        {http.status === null ? <Badge tone="danger">{t("http.noAnswer")}</Badge> : <Badge tone={ok ? "success" : "danger"}>HTTP {http.status}</Badge>}
        <span className="muted">{formatDuration(http.durationMs, i18n.language)}</span>
      </p>
      <HeaderTable title={t("http.requestHeaders")} headers={http.requestHeaders} />
      <HeaderTable title={t("http.responseHeaders")} headers={http.responseHeaders} />
    </div>
  );
}

function HeaderTable({ title, headers }: { title: string; headers: Record<string, string> }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return null;
  return (
    <table className="kv-table">
      <caption>{title}</caption>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="mono">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
