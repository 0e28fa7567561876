import type { StepResult } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { CopyButton, JsonTree, formatDateTime } from "../ui/index.js";
import { HeaderTable } from "./HeaderTable.js";
import { withTokenMasked } from "./tokenBody.js";

/**
 * What a step gave the next ones (`.steps.<id>`): the body as a JSON tree when it is an
 * object or a list, as preformatted text when it is text; its headers folded away; and
 * whether it was reused instead of calling the service.
 */
export function StepOutputView({ output }: { output: StepResult }) {
  const { t, i18n } = useTranslation("executions");
  const body = withTokenMasked(output.body);
  return (
    <div className="step-output">
      {output.cache?.hit && <p className="step-output__cache">{t("details.cacheHit", { until: formatDateTime(output.cache.reusableUntil, i18n.language) })}</p>}
      {typeof body === "string" ? (
        <div className="step-output__text-wrap">
          <CopyButton value={body} label={t("details.copyBody")} />
          <pre className="step-output__text" aria-label={t("details.outputBody")} tabIndex={0}>
            {body}
          </pre>
        </div>
      ) : (
        <JsonTree value={body} label={t("details.outputBody")} expandDepth={2} />
      )}
      {Object.keys(output.headers).length > 0 && (
        <details className="subsection">
          <summary>{t("details.outputHeaders")}</summary>
          <HeaderTable title={t("details.outputHeaders")} headers={output.headers} />
        </details>
      )}
    </div>
  );
}
