import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from "react";
import { useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import type { Connection, ConnectorMeta, FlowExport } from "@fluxo/contracts";
import { useCan } from "../api/auth.js";
import { useConnections } from "../api/connections.js";
import { useConnectors } from "../api/connectors.js";
import { useImportFlow } from "../api/flows.js";
import { ApiError } from "../api/http.js";
import { ConnectionFormDialog } from "../connections/ConnectionFormDialog.js";
import { ConnectorIcon } from "../connections/ConnectorIcon.js";
import { Alert, Button, describeError, Dialog, ErrorState, LoadingState, PlusIcon, Select, Spinner, TextField, UploadIcon, useToast } from "../ui/index.js";
import { hasProblems, placeProblems, readFlowFile, suggestMapping, type FlowFileError, type PlacedProblems } from "./transfer.js";
import "./transfer.css";

interface LoadedFile {
  fileName: string;
  file: FlowExport;
  raw: Record<string, unknown>;
}

const NO_PROBLEMS: PlacedProblems = { steps: {}, connections: {}, other: [] };

/**
 * "Importar fluxo": pick (or drop) an exported file, see what it will create, map each
 * connection it names to one of this workspace (or create it), then import. The server
 * creates all of it or nothing; a refusal keeps everything here, with each problem next
 * to what it is about.
 */
export function ImportFlowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  if (!open) return null;
  return <ImportFlow onClose={onClose} />;
}

function ImportFlow({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation("flows");
  const { t: tc } = useTranslation("common");
  const navigate = useNavigate();
  const toast = useToast();
  const importFlow = useImportFlow();
  const connections = useConnections();
  const [loaded, setLoaded] = useState<LoadedFile | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<{ fileName: string; error: FlowFileError } | null>(null);
  const [name, setName] = useState("");
  const [mapping, setMapping] = useState<Record<string, string>>({});
  /** Connections made from this dialog, shown before the list refetch brings them. */
  const [made, setMade] = useState<Connection[]>([]);
  const [problems, setProblems] = useState<PlacedProblems>(NO_PROBLEMS);
  const [formError, setFormError] = useState<string | null>(null);
  /** The ref whose connection is being created (the import dialog steps aside meanwhile). */
  const [creatingFor, setCreatingFor] = useState<FlowExport["connections"][number] | null>(null);
  /** Which control gets focus when the dialog (re)opens or after a refusal. */
  const [focusTarget, setFocusTarget] = useState<((body: HTMLElement) => HTMLElement | null | undefined) | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);

  const available = useMemo(() => {
    const all = [...(connections.data ?? [])];
    for (const c of made) if (!all.some((x) => x.id === c.id)) all.push(c);
    return all;
  }, [connections.data, made]);

  // Preselect by name once both the file and this workspace's connections are here; choices already made stay.
  useEffect(() => {
    if (!loaded || !connections.data) return;
    const suggested = suggestMapping(loaded.file, connections.data);
    setMapping((current) => ({ ...suggested, ...current }));
  }, [loaded, connections.data]);

  // After a refusal, focus moves to the first thing marked wrong.
  useEffect(() => {
    if (!focusTarget) return;
    if (bodyRef.current) focusTarget(bodyRef.current)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    setFileError(null);
    try {
      const parsed = await readFlowFile(file);
      if (!parsed.ok) {
        setFileError({ fileName: file.name, error: parsed.error });
        return;
      }
      setLoaded({ fileName: file.name, file: parsed.file, raw: parsed.raw });
      setName(parsed.file.name);
      setMapping({});
      setProblems(NO_PROBLEMS);
      setFormError(null);
    } catch {
      setFileError({ fileName: file.name, error: { kind: "not-json", detail: t("import.file.unreadable") } });
    } finally {
      setReading(false);
    }
  };

  const submit = async () => {
    if (!loaded) return;
    setFormError(null);
    // Checked here first: a missing name or connection needn't go to the server to be pointed out.
    const local: PlacedProblems = { steps: {}, connections: {}, other: [] };
    if (name.trim() === "") local.name = t("validation.required");
    for (const ref of loaded.file.connections) {
      if (mapping[ref.ref]) continue;
      const any = available.some((c) => c.connector === ref.connector);
      local.connections[ref.ref] = any ? t("import.mapping.choose") : t("import.mapping.createFirst");
    }
    if (hasProblems(local)) {
      setProblems(local);
      setFocusTarget(() => firstInvalid);
      return;
    }
    setProblems(NO_PROBLEMS);
    try {
      const flow = await importFlow.mutateAsync({
        file: { ...(loaded.raw as FlowExport), name: name.trim() },
        connections: Object.fromEntries(loaded.file.connections.map((ref) => [ref.ref, mapping[ref.ref]!])),
      });
      toast.success(t("import.done", { name: flow.name }));
      onClose();
      void navigate(`/fluxos/${encodeURIComponent(flow.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const placed = placeProblems(error.problem.errors ?? [], loaded.file);
        // Nothing could be placed: the server's own sentence is all there is to show.
        if (!hasProblems(placed)) placed.other.push(error.problem.detail || error.problem.title);
        setProblems(placed);
        // A connection may have gone meanwhile: show the list as it is now.
        void connections.refetch();
        setFormError(t("import.refused"));
        setFocusTarget(() => firstInvalid);
        return;
      }
      setFormError(describeError(error, tc));
    }
  };

  if (creatingFor) {
    return (
      <ConnectionFormDialog
        open
        connectorKey={creatingFor.connector}
        onClose={() => {
          setFocusTarget(() => (body: HTMLElement) => [...body.querySelectorAll<HTMLElement>("[data-ref]")].find((el) => el.dataset.ref === creatingFor.ref));
          setCreatingFor(null);
        }}
        onSaved={(connection) => {
          setMade((list) => [...list, connection]);
          setMapping((current) => ({ ...current, [creatingFor.ref]: connection.id }));
          setProblems((current) => ({ ...current, connections: omit(current.connections, creatingFor.ref) }));
        }}
      />
    );
  }

  const busy = importFlow.isPending;
  return (
    <Dialog
      open
      size="lg"
      title={t("import.title")}
      onClose={onClose}
      dismissible={!busy}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      footer={
        <>
          {loaded && (
            <Button
              className="dialog__footer-start"
              variant="ghost"
              disabled={busy}
              onClick={() => {
                setLoaded(null);
                setFileError(null);
                setFormError(null);
                setFocusTarget(() => (body: HTMLElement) => body.querySelector<HTMLElement>("[data-autofocus]"));
              }}
            >
              {t("import.otherFile")}
            </Button>
          )}
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {tc("actions.cancel")}
          </Button>
          {loaded && (
            <Button type="submit" variant="primary" loading={busy}>
              {t("import.submit")}
            </Button>
          )}
        </>
      }
    >
      <div ref={bodyRef} className="import-flow">
        {loaded ? (
          <Review
            loaded={loaded}
            name={name}
            onName={(value) => {
              setName(value);
              if (problems.name) setProblems((current) => ({ ...current, name: undefined }));
            }}
            connections={connections}
            available={available}
            mapping={mapping}
            onMap={(ref, id) => {
              setMapping((current) => ({ ...current, [ref]: id }));
              setProblems((current) => ({ ...current, connections: omit(current.connections, ref) }));
            }}
            onCreate={setCreatingFor}
            problems={problems}
          />
        ) : (
          <FilePicker reading={reading} error={fileError} onPick={(file) => void pick(file)} />
        )}
        {formError && (
          <Alert tone="error" live title={formError}>
            {problems.other.length > 0 && (
              <ul className="import-flow__other">
                {problems.other.map((message) => (
                  <li key={message} className="mono">
                    {message}
                  </li>
                ))}
              </ul>
            )}
          </Alert>
        )}
      </div>
    </Dialog>
  );
}

const firstInvalid = (body: HTMLElement) => body.querySelector<HTMLElement>('[aria-invalid="true"]');

function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

function FilePicker({ reading, error, onPick }: { reading: boolean; error: { fileName: string; error: FlowFileError } | null; onPick: (file: File | undefined) => void }) {
  const { t } = useTranslation("flows");
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const [dragging, setDragging] = useState(false);

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  return (
    <div
      className={dragging ? "import-drop import-drop--active" : "import-drop"}
      data-testid="import-drop"
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        onPick(event.dataTransfer.files[0]);
      }}
    >
      <UploadIcon className="import-drop__icon" width={28} height={28} />
      <p className="import-drop__title">{t("import.file.drop")}</p>
      <p className="muted" id={hintId}>
        {t("import.file.hint")}
      </p>
      <input
        ref={inputRef}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label={t("import.file.label")}
        data-testid="import-file-input"
        onChange={(event) => {
          onPick(event.target.files?.[0]);
          event.target.value = "";
        }}
      />
      <Button variant="secondary" icon={reading ? <Spinner /> : <UploadIcon />} disabled={reading} aria-busy={reading || undefined} aria-describedby={hintId} data-autofocus onClick={() => inputRef.current?.click()}>
        {reading ? t("import.file.reading") : t("import.file.choose")}
      </Button>
      {error && (
        <Alert tone="error" live title={t("import.file.refused", { file: error.fileName })}>
          <FileErrorText error={error.error} />
        </Alert>
      )}
    </div>
  );
}

function FileErrorText({ error }: { error: FlowFileError }) {
  const { t } = useTranslation("flows");
  switch (error.kind) {
    case "too-large":
      return <p>{t("import.file.tooLarge", { max: error.maxMb })}</p>;
    case "empty":
      return <p>{t("import.file.empty")}</p>;
    case "not-json":
      return (
        <p>
          {t("import.file.notJson")} <span className="muted">({error.detail})</span>
        </p>
      );
    case "not-export":
      return <p>{t("import.file.notExport")}</p>;
    case "other-format":
      return <p>{t("import.file.otherFormat", { format: error.format })}</p>;
    case "invalid":
      return (
        <>
          <p>{t("import.file.invalid")}</p>
          <ul className="import-flow__other">
            {error.issues.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>
                <code>{issue.path}</code>: {issue.message}
              </li>
            ))}
          </ul>
        </>
      );
  }
}

interface ReviewProps {
  loaded: LoadedFile;
  name: string;
  onName(value: string): void;
  connections: ReturnType<typeof useConnections>;
  available: Connection[];
  mapping: Record<string, string>;
  onMap(ref: string, connectionId: string): void;
  onCreate(ref: FlowExport["connections"][number]): void;
  problems: PlacedProblems;
}

function Review({ loaded, name, onName, connections, available, mapping, onMap, onCreate, problems }: ReviewProps) {
  const { t } = useTranslation("flows");
  const connectors = useConnectors().data;
  const { file } = loaded;
  const connectorOf = (key: string) => connectors?.find((c) => c.key === key);
  const usesOf = (ref: string) => file.definition.steps.filter((s) => s.connectionId === ref).map((s) => s.id);

  return (
    <>
      <p className="import-flow__file">
        <span className="muted">{t("import.review.from")}</span> <strong className="mono">{loaded.fileName}</strong>
      </p>
      <TextField label={t("fields.name")} required value={name} maxLength={120} autoComplete="off" error={problems.name} onChange={(e) => onName(e.target.value)} />
      {file.description && <p className="muted import-flow__description">{file.description}</p>}

      <section className="import-flow__section" aria-labelledby="import-steps-title">
        <h3 className="import-flow__heading" id="import-steps-title">
          {t("import.review.steps", { count: file.definition.steps.length })}
        </h3>
        {file.definition.steps.length === 0 ? (
          <p className="muted">{t("import.review.noSteps")}</p>
        ) : (
          <ol className="import-steps">
            {file.definition.steps.map((step, i) => (
              <StepRow
                key={`${step.id}-${i}`}
                step={step}
                connector={connectorOf(step.connector)}
                catalogLoaded={connectors !== undefined}
                connectionName={file.connections.find((c) => c.ref === step.connectionId)?.name}
                errors={problems.steps[i]}
              />
            ))}
          </ol>
        )}
      </section>

      <section className="import-flow__section" aria-labelledby="import-connections-title">
        <h3 className="import-flow__heading" id="import-connections-title">
          {t("import.mapping.title")}
        </h3>
        {file.connections.length === 0 ? (
          <p className="muted">{t("import.mapping.none")}</p>
        ) : (
          <>
            <p className="muted">{t("import.mapping.help")}</p>
            {connections.isPending ? (
              <LoadingState label={t("import.mapping.loading")} />
            ) : connections.error ? (
              <ErrorState compact error={connections.error} onRetry={() => void connections.refetch()} />
            ) : (
              <ul className="import-mapping">
                {file.connections.map((ref) => (
                  <MappingRow
                    key={ref.ref}
                    reference={ref}
                    connector={connectorOf(ref.connector)}
                    usedBy={usesOf(ref.ref)}
                    options={available.filter((c) => c.connector === ref.connector)}
                    value={mapping[ref.ref] ?? ""}
                    error={problems.connections[ref.ref]}
                    onChange={(id) => onMap(ref.ref, id)}
                    onCreate={() => onCreate(ref)}
                  />
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </>
  );
}

interface StepRowProps {
  step: FlowExport["definition"]["steps"][number];
  connector: ConnectorMeta | undefined;
  /** Only a loaded catalog that lacks the step's connector is worth a warning. */
  catalogLoaded: boolean;
  connectionName: string | undefined;
  errors: string[] | undefined;
}

function StepRow({ step, connector, catalogLoaded, connectionName, errors }: StepRowProps) {
  const { t } = useTranslation("flows");
  const operation = connector?.operations.find((o) => o.key === step.operation)?.name ?? step.operation;
  return (
    <li className={errors ? "import-step import-step--invalid" : "import-step"} data-testid={`import-step-${step.id}`}>
      <ConnectorIcon connector={connector} />
      <span className="import-step__text">
        <strong className="mono">{step.id}</strong>
        <span className="muted">
          {connector?.name ?? step.connector} · {operation}
          {connectionName && <> · {t("import.review.usesConnection", { name: connectionName })}</>}
        </span>
        {!connector && catalogLoaded && <span className="import-step__warning">{t("import.review.unknownConnector", { connector: step.connector })}</span>}
      </span>
      {errors && (
        <ul className="import-step__errors" role="list">
          {errors.map((message) => (
            <li key={message} className="field__error">
              {message}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

interface MappingRowProps {
  reference: FlowExport["connections"][number];
  connector: ConnectorMeta | undefined;
  usedBy: string[];
  options: Connection[];
  value: string;
  error: string | undefined;
  onChange(id: string): void;
  onCreate(): void;
}

function MappingRow({ reference, connector, usedBy, options, value, error, onChange, onCreate }: MappingRowProps) {
  const { t } = useTranslation("flows");
  const can = useCan();
  const connectorName = connector?.name ?? reference.connector;
  const label = t("import.mapping.label", { name: reference.name, connector: connectorName });
  return (
    <li className="import-mapping__row">
      <div className="import-mapping__source">
        <ConnectorIcon connector={connector} />
        <span>
          <strong>{reference.name}</strong>
          <span className="muted">
            {connectorName}
            {usedBy.length > 0 && <> · {t("import.mapping.usedBy", { steps: usedBy.join(", ") })}</>}
          </span>
        </span>
      </div>
      <div className="import-mapping__target">
        {options.length === 0 ? (
          <div className="import-mapping__missing" role="group" data-ref={reference.ref} tabIndex={-1} aria-invalid={error ? true : undefined} aria-label={label}>
            <p>{t("import.mapping.noneOfConnector", { connector: connectorName })}</p>
            {error && <p className="field__error">{error}</p>}
            {can.manageConnections ? (
              <Button size="sm" variant="secondary" icon={<PlusIcon />} onClick={onCreate}>
                {t("import.mapping.create", { connector: connectorName })}
              </Button>
            ) : (
              <p className="muted">{t("import.mapping.askAdmin")}</p>
            )}
          </div>
        ) : (
          <>
            <Select
              label={label}
              className="import-mapping__select"
              required
              value={value}
              placeholder={t("import.mapping.placeholder")}
              options={options.map((c) => ({ value: c.id, label: c.name }))}
              error={error}
              data-ref={reference.ref}
              onChange={(e) => onChange(e.target.value)}
            />
            {can.manageConnections && (
              <Button size="sm" variant="ghost" icon={<PlusIcon />} onClick={onCreate}>
                {t("import.mapping.createAnother")}
              </Button>
            )}
          </>
        )}
      </div>
    </li>
  );
}
