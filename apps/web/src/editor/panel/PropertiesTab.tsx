import type { Connection, ConnectorMeta, FlowStep } from "@fluxo/contracts";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "../../api/queryKeys.js";
import { useTranslation } from "react-i18next";
import { ConnectionFormDialog } from "../../connections/ConnectionFormDialog.js";
import { Button, CheckboxField, PlusIcon, Select, TextArea } from "../../ui/index.js";
import { useEditorContext } from "../EditorContext.js";
import { useEditorStore } from "../store.js";
import { StepIdField } from "./StepIdField.js";
import { StepNameField } from "./StepNameField.js";

export interface PropertiesTabProps {
  step: FlowStep;
  connector: ConnectorMeta;
  connectionError: string | undefined;
  serverIdError: string | undefined;
  onTouchConnection(): void;
}

/**
 * "Propriedades": the step's connection, its name, its id (what expressions use) and a description.
 * A connector with `connectionOptional` (HTTP) offers "no connection" as a choice of its own; a
 * built-in step has no connection picker at all.
 */
export function PropertiesTab({ step, connector, connectionError, serverIdError, onTouchConnection }: PropertiesTabProps) {
  const { t } = useTranslation("editor");
  const { connections } = useEditorContext();
  const [creating, setCreating] = useState(false);
  const compatible = (connections ?? []).filter((c) => c.connector === step.connector);
  const optional = connector.connectionOptional === true;
  const connectionHelp =
    connections === undefined ? undefined : optional ? t("properties.connectionOptional") : compatible.length === 0 ? t("properties.noConnections", { connector: connector.name }) : undefined;
  const queryClient = useQueryClient();
  const setConnection = (connectionId: string | null) => useEditorStore.getState().updateStep(step.id, { connectionId });
  const onCreated = (connection: Connection) => {
    // Listed at once, so the picker shows it selected before the list is refetched.
    queryClient.setQueryData<Connection[]>(queryKeys.connections.list(), (list) => (list ? [...list.filter((c) => c.id !== connection.id), connection] : list));
    setConnection(connection.id);
  };

  return (
    <div className="tab-form">
      {/* A flow-control step (Condição, Loop…) never has a connection. */}
      {!connector.builtIn && (
        <div className="connection-picker">
          <Select
            id={`step-${step.id}-connection`}
            label={t("properties.connection")}
            required={!optional}
            value={step.connectionId ?? ""}
            options={compatible.map((c) => ({ value: c.id, label: c.name }))}
            // The empty choice: "Selecione…" where a connection is required, a valid "no connection" where it isn't.
            placeholder={connections === undefined ? t("properties.loadingConnections") : optional ? t("properties.noConnection") : t("properties.chooseConnection")}
            disabled={connections === undefined}
            error={connectionError}
            help={connectionHelp}
            onChange={(e) => setConnection(e.target.value || null)}
            onBlur={onTouchConnection}
          />
          <Button size="sm" variant="secondary" icon={<PlusIcon />} onClick={() => setCreating(true)}>
            {t("properties.newConnection")}
          </Button>
        </div>
      )}
      <StepNameField step={step} />
      <StepIdField step={step} serverError={serverIdError} />
      <TextArea
        id={`step-${step.id}-description`}
        label={t("properties.description")}
        rows={3}
        maxLength={2000}
        value={step.description}
        onChange={(e) => useEditorStore.getState().updateStep(step.id, { description: e.target.value }, "description")}
      />
      <CheckboxField
        id={`step-${step.id}-on-error`}
        label={t("properties.continueOnError")}
        help={t("properties.continueOnErrorHelp", { code: `{{ .steps.${step.id}.code }}`, error: `{{ .steps.${step.id}.error.message }}` })}
        checked={step.onError === "continue"}
        onChange={(e) => useEditorStore.getState().updateStep(step.id, { onError: e.target.checked ? "continue" : undefined })}
      />
      <ConnectionFormDialog
        open={creating}
        connectorKey={step.connector}
        onClose={() => setCreating(false)}
        onSaved={onCreated}
      />
    </div>
  );
}
