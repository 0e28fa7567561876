import { Handle, Position, type NodeProps } from "@xyflow/react";
import { Fragment, memo } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Badge, StatusBadge, WarningIcon, formatDuration } from "../../ui/index.js";
import { ConnectorIcon } from "../../connections/ConnectorIcon.js";
import { useConnectorMeta, useEditorContext, useShownStep, useStepStatePainter } from "../EditorContext.js";
import { issueMessage } from "../issueMessage.js";
import { stepLabel } from "../stepIds.js";
import type { StepNode } from "./graph.js";
import { loopStopped, type PassCounts } from "../../executions/runState.js";

/** A step on the canvas: connector icon, step name, operation, and its validation or run status. */
export const StepNodeCard = memo(function StepNodeCard({ id, selected }: NodeProps<StepNode>) {
  const { t, i18n } = useTranslation("editor");
  const step = useShownStep(id);
  const connector = useConnectorMeta(step?.connector ?? "");
  const { issuesByStep, run, readOnly, reusedSteps, connections } = useEditorContext();
  const paint = useStepStatePainter();
  if (!step) return null;
  // A consented connection BTG stopped accepting: said on every step using it, run or not.
  const needsReconnect = connections?.find((c) => c.id === step.connectionId)?.authorization?.status === "reconnect_required";

  const issues = issuesByStep[id] ?? [];
  const operation = connector?.operations.find((o) => o.key === step.operation);
  const ports = operation?.ports ?? [];
  const stepRun = paint(id);
  const stopped = run && stepRun ? loopStopped(run, stepRun) : false;
  const issueList = issues.map((issue) => issueMessage(issue, t)).join("\n");

  const classes = ["step-node", selected ? "step-node--selected" : "", issues.length > 0 ? "step-node--invalid" : "", stepRun ? `step-node--${stepRun.status}` : ""];
  return (
    <div className={classes.filter(Boolean).join(" ")} data-testid={`step-node-${id}`}>
      <Handle type="target" position={Position.Left} isConnectable={!readOnly} />
      <div className="step-node__header">
        <ConnectorIcon connector={connector} size={28} />
        <div className="step-node__titles">
          <span className={step.name ? "step-node__name step-node__name--text" : "step-node__name"} title={step.name ? `${step.name} (${step.id})` : undefined}>
            {stepLabel(step)}
          </span>
          <span className="step-node__operation">{operation?.name ?? step.operation}</span>
        </div>
        {issues.length > 0 && (
          <span className="step-node__warning" role="img" aria-label={t("node.issues", { count: issues.length })} title={issueList}>
            <WarningIcon />
            <span className="step-node__warning-count" aria-hidden="true">
              {issues.length}
            </span>
          </span>
        )}
      </div>
      <div className="step-node__status">
        {stepRun ? (
          <>
            <StatusBadge status={stepRun.status} />
            {stepRun.durationMs !== null && <span className="step-node__duration">{formatDuration(stepRun.durationMs, i18n.language)}</span>}
            {stepRun.progress !== undefined &&
              (stopped ? (
                // The Loop itself did its part (its details say Sucesso), but the run ended with items it never ran.
                <span data-testid="loop-progress" title={t("node.loopStoppedLabel", { ...stepRun.progress })} aria-label={t("node.loopStoppedLabel", { ...stepRun.progress })}>
                  <Badge tone="warning">{t("node.loopStopped", { ...stepRun.progress })}</Badge>
                </span>
              ) : (
                <span className="step-node__duration" data-testid="loop-progress" aria-label={t("node.loopProgressLabel", { ...stepRun.progress })}>
                  {t("node.loopProgress", { ...stepRun.progress })}
                </span>
              ))}
            {stepRun.passes !== undefined && (
              <span className="step-node__duration" data-testid="step-passes" title={passesTotal(stepRun.passes) === 0 ? t("node.noItemsDetail") : undefined}>
                {passesLabel(stepRun.passes, t)}
              </span>
            )}
            {stepRun.status === "succeeded" && reusedSteps?.has(id) && (
              <span className="step-node__reused" data-testid="token-reused" title={t("node.reusedDetail")} aria-label={t("node.reusedDetail")}>
                {t("node.reused")}
              </span>
            )}
            {needsReconnect && stepRun.status === "failed" && <Badge tone="danger">{t("node.reconnect")}</Badge>}
          </>
        ) : needsReconnect ? (
          <Badge tone="danger">{t("node.reconnect")}</Badge>
        ) : issues.length > 0 ? (
          <Badge tone="warning">{t("node.incomplete")}</Badge>
        ) : (
          <Badge tone="neutral">{t("node.ready")}</Badge>
        )}
      </div>
      {ports.length === 0 ? (
        <Handle type="source" position={Position.Right} isConnectable={!readOnly} />
      ) : (
        // One exit per port, labelled; dragging from one makes an edge that leaves by it.
        ports.map((port, index) => {
          const top = `${((index + 1) * 100) / (ports.length + 1)}%`;
          return (
            <Fragment key={port.key}>
              <Handle type="source" id={port.key} position={Position.Right} isConnectable={!readOnly} style={{ top }} title={port.label} data-testid={`port-${id}-${port.key}`} />
              <span className="step-node__port-label" style={{ top }} aria-hidden="true">
                {port.label}
              </span>
            </Fragment>
          );
        })
      )}
    </div>
  );
});

const passesTotal = (passes: PassCounts): number => passes.succeeded + passes.failed + passes.running + passes.skipped;

/** "4 passagens", "1 passagem · 3 ignoradas", or "nenhum item" for a step its Loop never came to (an empty list). */
function passesLabel(passes: PassCounts, t: TFunction<"editor">): string {
  if (passesTotal(passes) === 0) return t("node.noItems");
  const ran = t("node.passes", { count: passes.succeeded + passes.failed + passes.running });
  return passes.skipped > 0 ? `${ran} · ${t("node.passesSkipped", { count: passes.skipped })}` : ran;
}
