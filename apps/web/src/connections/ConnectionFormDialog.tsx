import { useEffect, useMemo, useState } from "react";
import { useForm, useWatch, type FieldPath } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslation } from "react-i18next";
import { authenticatedByConsent, type Connection, type ConnectionTestResult, type ConnectorMeta } from "@fluxo/contracts";
import { useConnectors } from "../api/connectors.js";
import { useConnection, useCreateConnection, useTestConnection, useTestConnectionDraft, useUpdateConnection } from "../api/connections.js";
import { ApiError } from "../api/http.js";
import { Alert, Button, describeError, Dialog, ErrorState, LoadingState, PlayIcon, TextArea, TextField, useToast, deferBlur } from "../ui/index.js";
import { ConnectionFieldInput } from "./ConnectionFieldInput.js";
import { ConnectionTestOutcome, connectionTestTopic, remoteErrorText, testMessage } from "./ConnectionTestOutcome.js";
import { ConnectorIcon } from "./ConnectorIcon.js";
import { OAuthConnectPanel, type OAuthOutcome } from "./OAuthConnectPanel.js";
import {
  buildConnectionSchema,
  initialFormValues,
  isFieldRequired,
  isFieldVisible,
  toConnectionBody,
  type ConnectionFormMode,
  type ConnectionFormValues,
} from "./connectionSchema.js";

export interface ConnectionFormDialogProps {
  open: boolean;
  /** Edit this connection; leave out to create one. */
  connectionId?: string;
  /** The connector of a new connection; without it the person picks one (when the catalog has more than one). */
  connectorKey?: string;
  /** Cancel, Esc, or after a save. */
  onClose: () => void;
  /** After a successful save, before the dialog closes (onClose follows). */
  onSaved: (connection: Connection) => void;
  /** How a "Conectar com o BTG" just came back, shown on the connection. */
  oauthOutcome?: OAuthOutcome | null;
}

/**
 * Create or edit a connection. The connector's fields come from the catalog's metadata,
 * so a new connector needs no change here. The editor opens this without leaving the canvas.
 */
export function ConnectionFormDialog(props: ConnectionFormDialogProps) {
  if (!props.open) return null;
  return <ConnectionFormLoader {...props} />;
}

function ConnectionFormLoader({ connectionId, connectorKey, onClose, onSaved, oauthOutcome = null }: ConnectionFormDialogProps) {
  const { t } = useTranslation("connections");
  const connectors = useConnectors();
  // Built-in steps (Condição, Loop…) take no connection: they are no service to connect to.
  const services = connectors.data?.filter((c) => c.connectionFields.length > 0);
  const connection = useConnection(connectionId);
  const [chosenKey, setChosenKey] = useState<string | undefined>(connectorKey);
  const title = connectionId ? t("form.editTitle") : t("form.createTitle");

  const failed = connectors.error ?? connection.error;
  if (failed) {
    return (
      <Dialog open title={title} onClose={onClose}>
        <ErrorState
          compact
          error={failed}
          onRetry={() => {
            void connectors.refetch();
            if (connectionId) void connection.refetch();
          }}
        />
      </Dialog>
    );
  }
  if (!services || (connectionId && !connection.data)) {
    return (
      <Dialog open title={title} onClose={onClose}>
        <LoadingState />
      </Dialog>
    );
  }

  const key = connection.data?.connector ?? chosenKey ?? (services.length === 1 ? services[0]!.key : undefined);
  if (!key) {
    return <ConnectorPicker title={title} connectors={services} onPick={setChosenKey} onClose={onClose} />;
  }
  const connector = services.find((c) => c.key === key);
  if (!connector) {
    return (
      <Dialog open title={title} onClose={onClose}>
        <Alert tone="error">{t("form.unknownConnector", { key })}</Alert>
      </Dialog>
    );
  }
  return <ConnectionForm title={title} connector={connector} connection={connection.data} onClose={onClose} onSaved={onSaved} oauthOutcome={oauthOutcome} />;
}

function ConnectorPicker({ title, connectors, onPick, onClose }: { title: string; connectors: ConnectorMeta[]; onPick: (key: string) => void; onClose: () => void }) {
  const { t } = useTranslation("connections");
  return (
    <Dialog open title={title} onClose={onClose}>
      <p>{t("form.pickConnector")}</p>
      <ul className="connector-picker">
        {connectors.map((connector) => (
          <li key={connector.key}>
            <button type="button" className="connector-picker__option" onClick={() => onPick(connector.key)}>
              <ConnectorIcon connector={connector} />
              <span>
                <strong>{connector.name}</strong>
                <span className="muted">{connector.description}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

interface ConnectionFormProps {
  title: string;
  connector: ConnectorMeta;
  connection: Connection | undefined;
  onClose: () => void;
  onSaved: (connection: Connection) => void;
  oauthOutcome: OAuthOutcome | null;
}

function ConnectionForm({ title, connector, connection, onClose, onSaved, oauthOutcome }: ConnectionFormProps) {
  const { t, i18n } = useTranslation("connections");
  const { t: tc } = useTranslation("common");
  const toast = useToast();
  const fields = connector.connectionFields;

  const mode = useMemo<ConnectionFormMode>(
    () =>
      connection
        ? { kind: "edit", secretsSet: Object.fromEntries(Object.entries(connection.secrets).map(([k, s]) => [k, s.set])) }
        : { kind: "create" },
    [connection],
  );
  const schema = useMemo(
    () =>
      buildConnectionSchema(fields, mode, {
        required: t("validation.required"),
        url: t("validation.url"),
        number: t("validation.number"),
        maxLength: (max) => t("validation.maxLength", { max }),
      }),
    [fields, mode, t],
  );
  // Only the first render's defaults count: refetches of the connection never overwrite what the person typed.
  const [defaultValues] = useState(() => initialFormValues(fields, connection));
  const form = useForm<ConnectionFormValues>({ resolver: zodResolver(schema), defaultValues, mode: "onTouched" });
  const { register, formState, setError, control } = form;
  const values = useWatch({ control, name: "values" }) ?? defaultValues.values;

  const create = useCreateConnection();
  const update = useUpdateConnection();
  const test = useTestConnectionDraft();
  const testSaved = useTestConnection();
  const [formError, setFormError] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<ConnectionTestResult | null>(null);
  // A result speaks of the values it was tested with: editing the URL or a credential puts it away.
  const testedValues = JSON.stringify(values);
  useEffect(() => setTestResult(null), [testedValues]);

  const fieldPaths = useMemo(() => new Set(["name", "description", ...fields.map((f) => `values.${f.key}`)]), [fields]);

  /** 422 answers land on their fields; anything else becomes one message above the buttons. */
  const showServerError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 422) {
      const unplaced: string[] = [];
      let first = true;
      for (const [path, message] of Object.entries(error.fieldErrors())) {
        if (!fieldPaths.has(path)) {
          unplaced.push(message);
          continue;
        }
        setError(path as FieldPath<ConnectionFormValues>, { type: "server", message }, { shouldFocus: first });
        first = false;
      }
      setFormError(unplaced.length > 0 ? unplaced.join(" ") : t("form.fixErrors"));
      return;
    }
    setFormError(describeError(error, tc));
  };

  const persist = async (data: ConnectionFormValues): Promise<Connection> => {
    const body = toConnectionBody(connector.key, fields, data);
    return connection
      ? await update.mutateAsync({ id: connection.id, body: { name: body.name, description: body.description, values: body.values } })
      : await create.mutateAsync(body);
  };

  /** Before "Conectar com o BTG": the values BTG will be asked with must be the saved ones. */
  const saveFirst = (): Promise<Connection | null> =>
    new Promise((resolve) => {
      if (connection && !formState.isDirty) return resolve(connection);
      void form.handleSubmit(
        async (data) => {
          setFormError(null);
          try {
            resolve(await persist(data));
          } catch (error) {
            showServerError(error);
            resolve(null);
          }
        },
        () => resolve(null),
      )();
    });

  const save = form.handleSubmit(async (data) => {
    setFormError(null);
    try {
      const saved = await persist(data);
      onSaved(saved);
      onClose();
      // Nothing to test until the account holder consents: say what comes next instead.
      if (saved.authorization?.status === "not_connected") {
        toast.success(t("form.savedNotConnected", { name: saved.name }));
        return;
      }
      const dismissSaved = toast.success(t("form.saved", { name: saved.name }));
      // Saved whatever the test says (never blocked): a connection that doesn't work is said so at once,
      // in place of the "saved" notice (the warning says it was saved too: one message per outcome).
      // (The promise, not mutate's callbacks: those don't run once the dialog has closed.)
      const warn = (reason: string) => {
        dismissSaved();
        toast.error(t("form.savedTestFailed", { name: saved.name, reason }), { about: connectionTestTopic(saved.id) });
      };
      testSaved.mutateAsync(saved.id).then(
        (result) => {
          if (!result.ok) warn(remoteErrorText(result) ?? testMessage(result, i18n.language));
        },
        (error: unknown) => warn(describeError(error, tc)),
      );
    } catch (error) {
      showServerError(error);
    }
  });

  const runTest = form.handleSubmit(async (data) => {
    setFormError(null);
    setTestResult(null);
    try {
      const body = toConnectionBody(connector.key, fields, data);
      setTestResult(await test.mutateAsync(connection ? { ...body, id: connection.id } : body));
    } catch (error) {
      showServerError(error);
    }
  });

  const errors = formState.errors;
  const visibleFields = fields.filter((field) => isFieldVisible(field, values));
  const renderField = (field: (typeof fields)[number]) => (
    <ConnectionFieldInput
      key={field.key}
      connector={connector.key}
      field={field}
      registration={deferBlur(register(`values.${field.key}`))}
      required={isFieldRequired(field, mode)}
      error={errors.values?.[field.key]?.message}
      secretSet={Boolean(field.secret && connection?.secrets[field.key]?.set)}
      value={values[field.key]}
      onValue={(value) => form.setValue(`values.${field.key}`, value, { shouldDirty: true })}
    />
  );
  const basicFields = visibleFields.filter((f) => !f.advanced);
  const advancedFields = visibleFields.filter((f) => f.advanced);
  const busy = formState.isSubmitting;

  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      dismissible={!busy}
      size="md"
      onSubmit={(event) => void save(event)}
      footer={
        <>
          <Button
            className="dialog__footer-start"
            variant="secondary"
            icon={<PlayIcon />}
            loading={test.isPending}
            disabled={busy && !test.isPending}
            onClick={() => void runTest()}
          >
            {t("form.test")}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {tc("actions.cancel")}
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending || update.isPending} disabled={test.isPending}>
            {tc("actions.save")}
          </Button>
        </>
      }
    >
      <TextField label={t("form.name")} required error={errors.name?.message} autoComplete="off" {...deferBlur(register("name"))} />
      <TextArea label={t("form.description")} error={errors.description?.message} rows={2} {...deferBlur(register("description"))} />
      <div className="connection-form__connector">
        <ConnectorIcon connector={connector} />
        <span>{t("form.connectorFields", { connector: connector.name })}</span>
      </div>
      {basicFields.map(renderField)}
      {advancedFields.length > 0 && (
        <details className="connection-form__advanced">
          <summary>{t("form.advanced")}</summary>
          <div className="connection-form__advanced-fields">{advancedFields.map(renderField)}</div>
        </details>
      )}
      {authenticatedByConsent(fields, values) && <OAuthConnectPanel connection={connection} saveFirst={saveFirst} outcome={oauthOutcome} />}
      {testResult && <ConnectionTestOutcome result={testResult} />}
      {formError && (
        <Alert tone="error" live>
          {formError}
        </Alert>
      )}
    </Dialog>
  );
}
