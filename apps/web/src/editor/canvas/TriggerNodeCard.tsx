import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { PlayIcon, StatusBadge } from "../../ui/index.js";
import { ScheduleLine } from "../../schedule/ScheduleLine.js";
import { useEditorContext } from "../EditorContext.js";
import type { TriggerNode } from "./graph.js";

/** "Início": where every flow starts, receiving the execution's input. It can't be deleted. */
export const TriggerNodeCard = memo(function TriggerNodeCard({ selected }: NodeProps<TriggerNode>) {
  const { t } = useTranslation("editor");
  const { run, readOnly, schedule } = useEditorContext();
  return (
    <div className={selected ? "trigger-node trigger-node--selected" : "trigger-node"} data-testid="trigger-node">
      <div className="trigger-node__header">
        <span className="trigger-node__icon" aria-hidden="true">
          <PlayIcon />
        </span>
        <span className="trigger-node__name">{t("trigger.name")}</span>
      </div>
      <span className="trigger-node__hint">{t("trigger.hint")}</span>
      {schedule && <ScheduleLine schedule={schedule} />}
      {run && (
        <div className="trigger-node__status">
          <StatusBadge status={run.startedAt ? "succeeded" : "pending"} />
        </div>
      )}
      <Handle type="source" position={Position.Right} isConnectable={!readOnly} />
    </div>
  );
});
