import type { TriggerInput } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { CloseIcon, IconButton, JsonTree } from "../../ui/index.js";

/** "Início": what the flow receives, how steps reach it, and (for an execution) what it received. */
export function TriggerPanel({ input, onClose }: { input: TriggerInput | undefined; onClose(): void }) {
  const { t } = useTranslation("editor");
  return (
    <aside className="side-panel" aria-labelledby="trigger-panel-title">
      <header className="side-panel__header">
        <div className="side-panel__titles">
          <h2 className="side-panel__title" id="trigger-panel-title">
            {t("trigger.name")}
          </h2>
          <p className="side-panel__subtitle">{t("trigger.subtitle")}</p>
        </div>
        <IconButton label={t("panel.close")} icon={<CloseIcon />} onClick={onClose} />
      </header>
      <div className="side-panel__body side-panel__body--padded">
        <p>{t("trigger.explanation")}</p>
        <ul className="expression-examples">
          <li>
            <code>{"{{ .input.body }}"}</code>
          </li>
          <li>
            <code>{'{{ index .input.headers "x-tenant" }}'}</code>
          </li>
          <li>
            <code>{"{{ .input.query_params.page }}"}</code>
          </li>
        </ul>
        {input && (
          <>
            <h3 className="section-subtitle">{t("trigger.received")}</h3>
            <JsonTree value={input} label={t("trigger.received")} expandDepth={3} />
          </>
        )}
      </div>
    </aside>
  );
}
