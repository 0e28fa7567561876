import type { ConnectorMeta, FlowStep } from "@fluxo/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../ui/index.js";
import { ParameterFields } from "../fields/ParameterFields.js";
import { useEditorStore } from "../store.js";

/**
 * "Parametrização": what is wrong with the step beyond its fields (`notice`), the data the fields can
 * read (when given), the operation, then its fields as the catalog describes them.
 */
export function ParametersTab({
  step,
  connector,
  operationError,
  dataPanel,
  notice,
}: {
  step: FlowStep;
  connector: ConnectorMeta;
  operationError: string | undefined;
  dataPanel?: ReactNode;
  notice?: ReactNode;
}) {
  const { t } = useTranslation("editor");
  const operation = connector.operations.find((o) => o.key === step.operation);
  return (
    <div className="tab-form">
      {notice}
      {dataPanel}
      <Select
        id={`step-${step.id}-operation`}
        label={t("panel.operation")}
        required
        value={step.operation}
        options={connector.operations.map((o) => ({ value: o.key, label: o.name }))}
        placeholder={operation ? undefined : t("fields.choose")}
        help={operation?.description}
        error={operationError}
        onChange={(e) => useEditorStore.getState().setOperation(step.id, connector, e.target.value)}
      />
      {operation && <ParameterFields fields={operation.fields} values={step.parameters} path={[]} />}
    </div>
  );
}
