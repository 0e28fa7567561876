import type { TriggerInput } from "@fluxo/contracts";
import { useTranslation } from "react-i18next";
import { JsonTree, SidePanel } from "../../ui/index.js";

/** "Início": what the flow receives, how steps reach it, and (for an execution) what it received. */
export function TriggerPanel({ input, onClose }: { input: TriggerInput | undefined; onClose(): void }) {
  const { t } = useTranslation("editor");
  return (
    <SidePanel title={t("trigger.name")} subtitle={t("trigger.subtitle")} closeLabel={t("panel.close")} onClose={onClose} padded>
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
    </SidePanel>
  );
}
