import type { TriggerInput } from "@fluxo/contracts";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { ScheduleSection, type ScheduleSectionProps } from "../../schedule/ScheduleSection.js";
import { JsonTree, SidePanel } from "../../ui/index.js";
import { useEscapeToClose } from "./useEscapeToClose.js";

/**
 * "Início": what the flow receives, how steps reach it, (for an execution) what it received, and
 * (on the draft) its Agendador.
 */
export function TriggerPanel({ input, schedule, onClose }: { input: TriggerInput | undefined; schedule: ScheduleSectionProps | null; onClose(): void }) {
  const { t } = useTranslation("editor");
  const panelRef = useRef<HTMLElement>(null);
  useEscapeToClose(panelRef, onClose);
  return (
    <SidePanel ref={panelRef} title={t("trigger.name")} subtitle={t("trigger.subtitle")} closeLabel={t("panel.close")} onClose={onClose} padded>
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
      {schedule && <ScheduleSection {...schedule} />}
    </SidePanel>
  );
}
